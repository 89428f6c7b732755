package org.banzi.training;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.audit.ImportAudit;
import org.banzi.audit.ImportChanges;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.db.BulkStatistics;
import org.banzi.platform.db.Slices;
import org.banzi.platform.tabular.CellValues;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports classes (by code) and enrolments (by class and cadre): all rows checked first, nothing written on error. */
@Service
public class TrainingImporter {

	static final List<Column> CLASS_COLUMNS = List.of(Column.required("code", "班次编号"), Column.required("title", "班次名称"),
			Column.required("organizer_unit_code", "主办单位编码"), Column.required("category", "类别").choices(ClassCategory.class),
			Column.required("start_date", "开班日期").date(), Column.required("end_date", "结业日期").date(), Column.required("class_hours", "学时").number());
	static final List<Column> ENROLMENT_COLUMNS = List.of(Column.required("class_code", "班次编号"),
			Column.required("cadre_no", "干部编号"), Column.optional("absent_hours", "缺课学时").number(), Column.optional("stage", "期次").number());

	private final TabularReader reader;
	private final TrainingRepository repository;
	private final TrainingService service;
	private final Cadres cadres;
	private final Units units;
	private final NamedParameterJdbcTemplate batch;
	private final ImportAudit imports;
	private final MessageSource messages;
	private final BulkStatistics statistics;

	TrainingImporter(TabularReader reader, TrainingRepository repository, TrainingService service, Cadres cadres, Units units,
			NamedParameterJdbcTemplate batch, ImportAudit imports, MessageSource messages, BulkStatistics statistics) {
		this.reader = reader;
		this.repository = repository;
		this.service = service;
		this.cadres = cadres;
		this.units = units;
		this.batch = batch;
		this.imports = imports;
		this.messages = messages;
		this.statistics = statistics;
	}

	@Transactional
	public ImportReport importClasses(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = ParsedSheet.read(reader, messages, filename, content, CLASS_COLUMNS, locale);
		if (!sheet.errors().isEmpty()) {
			return imports.refused("training-class", filename, sheet.errors());
		}
		Scope scope = units.scopeOf(user);
		Map<Long, Unit> all = units.lookup();
		Map<String, Unit> unitsByCode = units.findByCodes(sheet.texts("organizer_unit_code"));
		Map<String, TrainingClass> existing = repository.findByCodes(sheet.texts("code"));
		SheetImport.Rows<TrainingRepository.ClassRow> rows = SheetImport.check(sheet, row -> {
			LocalDate start = row.date("start_date");
			LocalDate end = row.date("end_date");
			BigDecimal hours = CellValues.decimal(row.cell("class_hours")).orElse(null);
			TrainingService.ClassRequest request = new TrainingService.ClassRequest(row.text("code"), row.text("title"),
					row.text("organizer_unit_code"), row.text("category"), start, end, hours, "", "");
			List<FieldProblem> problems = new ArrayList<>(service.check(user, request, unitsByCode::get).stream()
				.map(p -> new FieldProblem(p[0], p[1], (Object[]) Arrays.copyOfRange(p, 2, p.length))).toList());
			TrainingClass current = existing.get(request.code());
			if (problems.isEmpty() && current != null && !inScope(scope, all, current.organizerUnitId())) {
				problems.add(new FieldProblem("code", "import.error.outOfScope", request.code()));
			}
			if (!problems.isEmpty() || start == null || end == null) {
				return Checked.refused(problems);
			}
			return Checked.of(new TrainingRepository.ClassRow(request.code(), request.title(), unitsByCode.get(request.organizerCode()).id(),
					ClassCategory.parse(request.category()).orElseThrow(), start, end, hours, "", ""));
		}, TrainingRepository.ClassRow::code, "code");
		if (rows.refused()) {
			return imports.refused("training-class", filename, rows.errors());
		}
		ImportChanges changes = new ImportChanges();
		int unchanged = 0;
		for (TrainingRepository.ClassRow row : rows.valid()) {
			TrainingClass current = existing.get(row.code());
			if (current == null) {
				repository.insert(row, user.username());
				changes.inserted(row.code(), classValues(row.title(), all.get(row.organizerUnitId()), row.category(), row.start(), row.end(),
						row.hours()));
			}
			else if (!current.title().equals(row.title()) || current.organizerUnitId() != row.organizerUnitId()
					|| current.category() != row.category() || !current.startDate().equals(row.start())
					|| !current.endDate().equals(row.end()) || current.classHours().compareTo(row.hours()) != 0) {
				repository.update(current.id(), row);
				changes.updated(row.code(), classValues(current.title(), all.get(current.organizerUnitId()), current.category(),
						current.startDate(), current.endDate(), current.classHours()),
						classValues(row.title(), all.get(row.organizerUnitId()), row.category(), row.start(), row.end(), row.hours()));
			}
			else {
				unchanged++;
			}
		}
		return done("training-class", filename, user, changes, unchanged, "training_class");
	}

	/** An enrolment as checked: its class and cadre, absent hours and stage. */
	private record Enrolment(TrainingClass trainingClass, Cadre cadre, BigDecimal absent, @Nullable Integer stage) {

		String key() {
			return trainingClass.id() + "|" + cadre.id();
		}
	}

	@Transactional
	public ImportReport importEnrolments(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = ParsedSheet.read(reader, messages, filename, content, ENROLMENT_COLUMNS, locale);
		if (!sheet.errors().isEmpty()) {
			return imports.refused("enrolment", filename, sheet.errors());
		}
		Scope scope = units.scopeOf(user);
		Map<Long, Unit> all = units.lookup();
		Map<String, TrainingClass> classes = repository.findByCodes(sheet.texts("class_code"));
		Map<String, Cadre> byNumber = cadres.findByNos(sheet.texts("cadre_no"));
		SheetImport.Rows<Enrolment> rows = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			TrainingClass trainingClass = classes.get(row.text("class_code"));
			if (trainingClass == null || !inScope(scope, all, trainingClass.organizerUnitId())) {
				problems.add(new FieldProblem("class_code", "training.class.notFound", row.text("class_code")));
			}
			// a cadre outside the caller's scope is unknown to them, as on the enrolment form
			Cadre cadre = byNumber.get(row.text("cadre_no"));
			if (cadre != null && !inScope(scope, all, cadre.homeUnitId())) {
				cadre = null;
			}
			if (cadre == null) {
				problems.add(new FieldProblem("cadre_no", "training.cadre.unknown", row.text("cadre_no")));
			}
			BigDecimal absent = row.cell("absent_hours").isBlank() ? BigDecimal.ZERO : CellValues.decimal(row.cell("absent_hours")).orElse(null);
			if (absent == null || absent.signum() < 0 || (trainingClass != null && absent.compareTo(trainingClass.classHours()) > 0)) {
				problems.add(new FieldProblem("absent_hours", "training.absent.range", trainingClass == null ? "-" : trainingClass.classHours()));
			}
			Integer stage = null;
			if (!row.cell("stage").isBlank()) {
				stage = CellValues.decimal(row.cell("stage")).filter(v -> v.signum() > 0).map(BigDecimal::intValue).orElse(null);
				if (stage == null) {
					problems.add(new FieldProblem("stage", "training.stage.invalid", row.text("stage")));
				}
			}
			return problems.isEmpty() ? Checked.of(new Enrolment(trainingClass, cadre, absent, stage)) : Checked.refused(problems);
		}, Enrolment::key, "cadre_no", "training.enrolment.twiceInFile", enrolment -> enrolment.cadre().cadreNo());
		if (rows.refused()) {
			return imports.refused("enrolment", filename, rows.errors());
		}
		Map<Long, Map<Long, BigDecimal>> absences = new HashMap<>();
		List<SqlParameterSource> inserts = new ArrayList<>();
		ImportChanges changes = new ImportChanges();
		int unchanged = 0;
		for (Enrolment enrolment : rows.valid()) {
			long classId = enrolment.trainingClass().id();
			long cadreId = enrolment.cadre().id();
			BigDecimal previous = absences.computeIfAbsent(classId, repository::absences).get(cadreId);
			String key = enrolment.trainingClass().code() + "|" + enrolment.cadre().cadreNo();
			if (previous == null) {
				inserts.add(new MapSqlParameterSource().addValue("k", classId).addValue("c", cadreId).addValue("a", enrolment.absent())
					.addValue("s", enrolment.stage(), java.sql.Types.INTEGER));
				Map<String, Object> after = new java.util.LinkedHashMap<>();
				after.put("absentHours", enrolment.absent().stripTrailingZeros().toPlainString());
				after.put("stage", enrolment.stage());
				changes.inserted(key, after);
			}
			else if (previous.compareTo(enrolment.absent()) != 0) {
				repository.setAbsence(classId, cadreId, enrolment.absent());
				changes.updated(key, Map.of("absentHours", previous.stripTrailingZeros().toPlainString()),
						Map.of("absentHours", enrolment.absent().stripTrailingZeros().toPlainString()));
			}
			else {
				unchanged++;
			}
		}
		Slices.each(inserts, 1000, slice -> batch.batchUpdate(
				"INSERT INTO enrolment (class_id, cadre_id, absent_hours, stage_no) VALUES (:k, :c, :a, :s)",
				slice.toArray(SqlParameterSource[]::new)));
		return done("enrolment", filename, user, changes, unchanged, "enrolment");
	}

	private static boolean inScope(Scope scope, Map<Long, Unit> all, long unitId) {
		Unit unit = all.get(unitId);
		return unit != null && scope.contains(unit);
	}

	private static Map<String, Object> classValues(String title, @Nullable Unit organizer, ClassCategory category, LocalDate start,
			LocalDate end, BigDecimal hours) {
		Map<String, Object> values = new java.util.LinkedHashMap<>();
		values.put("title", title);
		values.put("organizer", organizer == null ? null : organizer.code());
		values.put("category", category.name());
		values.put("start", start.toString());
		values.put("end", end.toString());
		values.put("hours", hours.stripTrailingZeros().toPlainString());
		return values;
	}

	private ImportReport done(String kind, String filename, CurrentUser user, ImportChanges changes, int unchanged,
			String... tables) {
		statistics.afterBulkWrite(changes.insertedCount() + changes.updatedCount(), tables);
		return imports.done(kind, filename, units.scopeOf(user).rootId(), changes, unchanged);
	}
}
