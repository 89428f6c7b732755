package org.banzi.training;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.audit.ImportAudit;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.db.BulkStatistics;
import org.banzi.platform.tabular.CellValues;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ColumnLayout;
import org.banzi.platform.tabular.ImportErrors;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.TabularReader;
import org.banzi.platform.tabular.TabularRow;
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
			Column.required("organizer_unit_code", "主办单位编码"), Column.required("category", "类别"),
			Column.required("start_date", "开班日期"), Column.required("end_date", "结业日期"), Column.required("class_hours", "学时"));
	static final List<Column> ENROLMENT_COLUMNS = List.of(Column.required("class_code", "班次编号"),
			Column.required("cadre_no", "干部编号"), Column.optional("absent_hours", "缺课学时"), Column.optional("stage", "期次"));

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
		ImportErrors errors = sheet.errors();
		ColumnLayout layout = sheet.layout();
		if (!errors.isEmpty()) {
			return failed("training-class", filename, errors);
		}
		List<TabularRow> rows = sheet.rows();
		Scope scope = units.scopeOf(user);
		Map<Long, Unit> all = units.lookup();
		Map<String, Unit> unitsByCode = units.findByCodes(rows.stream().map(row -> layout.text(row, "organizer_unit_code")).toList());
		Map<String, TrainingClass> existing = repository.findByCodes(rows.stream().map(row -> layout.text(row, "code")).toList());
		List<TrainingRepository.ClassRow> valid = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (TabularRow row : rows) {
			LocalDate start = date(layout, row, "start_date", errors);
			LocalDate end = date(layout, row, "end_date", errors);
			BigDecimal hours = CellValues.decimal(layout.cell(row, "class_hours")).orElse(null);
			TrainingService.ClassRequest request = new TrainingService.ClassRequest(layout.text(row, "code"),
					layout.text(row, "title"), layout.text(row, "organizer_unit_code"), layout.text(row, "category"), start, end,
					hours, "", "");
			List<String[]> problems = service.check(user, request, unitsByCode::get);
			problems.forEach(p -> errors.add(row.number(), p[0], p[1], (Object[]) java.util.Arrays.copyOfRange(p, 2, p.length)));
			if (!problems.isEmpty() || start == null || end == null) {
				continue;
			}
			Integer earlier = seen.putIfAbsent(request.code(), row.number());
			if (earlier != null) {
				errors.add(row.number(), "code", "import.error.duplicate", request.code(), earlier);
				continue;
			}
			TrainingClass current = existing.get(request.code());
			if (current != null && !inScope(scope, all, current.organizerUnitId())) {
				errors.add(row.number(), "code", "import.error.outOfScope", request.code());
				continue;
			}
			valid.add(new TrainingRepository.ClassRow(request.code(), request.title(), unitsByCode.get(request.organizerCode()).id(),
					ClassCategory.parse(request.category()).orElseThrow(), start, end, hours, "", ""));
		}
		if (!errors.isEmpty()) {
			return failed("training-class", filename, errors);
		}
		int inserted = 0;
		int updated = 0;
		int unchanged = 0;
		for (TrainingRepository.ClassRow row : valid) {
			TrainingClass current = existing.get(row.code());
			if (current == null) {
				repository.insert(row, user.username());
				inserted++;
			}
			else if (!current.title().equals(row.title()) || current.organizerUnitId() != row.organizerUnitId()
					|| current.category() != row.category() || !current.startDate().equals(row.start())
					|| !current.endDate().equals(row.end()) || current.classHours().compareTo(row.hours()) != 0) {
				repository.update(current.id(), row);
				updated++;
			}
			else {
				unchanged++;
			}
		}
		return done("training-class", filename, user, inserted, updated, unchanged, "training_class");
	}

	@Transactional
	public ImportReport importEnrolments(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = ParsedSheet.read(reader, messages, filename, content, ENROLMENT_COLUMNS, locale);
		ImportErrors errors = sheet.errors();
		ColumnLayout layout = sheet.layout();
		if (!errors.isEmpty()) {
			return failed("enrolment", filename, errors);
		}
		List<TabularRow> rows = sheet.rows();
		Scope scope = units.scopeOf(user);
		Map<Long, Unit> all = units.lookup();
		Map<String, TrainingClass> classes = repository.findByCodes(rows.stream().map(row -> layout.text(row, "class_code")).toList());
		Map<String, Cadre> byNumber = cadres.findByNos(rows.stream().map(row -> layout.text(row, "cadre_no")).toList());
		Map<Long, Map<Long, BigDecimal>> absences = new HashMap<>();
		record Parsed(long classId, long cadreId, BigDecimal absent, Integer stage) {
		}
		List<Parsed> valid = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (TabularRow row : rows) {
			String classCode = layout.text(row, "class_code");
			TrainingClass trainingClass = classes.get(classCode);
			boolean ok = true;
			if (trainingClass == null || !inScope(scope, all, trainingClass.organizerUnitId())) {
				errors.add(row.number(), "class_code", "training.class.notFound", classCode);
				ok = false;
			}
			Cadre cadre = byNumber.get(layout.text(row, "cadre_no"));
			if (cadre == null) {
				errors.add(row.number(), "cadre_no", "training.cadre.unknown", layout.text(row, "cadre_no"));
				ok = false;
			}
			BigDecimal absent = layout.cell(row, "absent_hours").isBlank() ? BigDecimal.ZERO
					: CellValues.decimal(layout.cell(row, "absent_hours")).orElse(null);
			if (absent == null || absent.signum() < 0 || (trainingClass != null && absent.compareTo(trainingClass.classHours()) > 0)) {
				errors.add(row.number(), "absent_hours", "training.absent.range",
						trainingClass == null ? "-" : trainingClass.classHours());
				ok = false;
			}
			if (!ok) {
				continue;
			}
			Integer earlier = seen.putIfAbsent(trainingClass.id() + "|" + cadre.id(), row.number());
			if (earlier != null) {
				errors.add(row.number(), "cadre_no", "training.enrolment.twiceInFile", cadre.cadreNo(), earlier);
				continue;
			}
			Integer stage = null;
			if (!layout.cell(row, "stage").isBlank()) {
				stage = CellValues.decimal(layout.cell(row, "stage")).filter(v -> v.signum() > 0).map(BigDecimal::intValue).orElse(null);
				if (stage == null) {
					errors.add(row.number(), "stage", "training.stage.invalid", layout.text(row, "stage"));
					continue;
				}
			}
			absences.computeIfAbsent(trainingClass.id(), repository::absences);
			valid.add(new Parsed(trainingClass.id(), cadre.id(), absent, stage));
		}
		if (!errors.isEmpty()) {
			return failed("enrolment", filename, errors);
		}
		List<SqlParameterSource> inserts = new ArrayList<>();
		int updated = 0;
		int unchanged = 0;
		for (Parsed parsed : valid) {
			BigDecimal previous = absences.get(parsed.classId()).get(parsed.cadreId());
			if (previous == null) {
				inserts.add(new MapSqlParameterSource().addValue("k", parsed.classId()).addValue("c", parsed.cadreId())
					.addValue("a", parsed.absent()).addValue("s", parsed.stage(), java.sql.Types.INTEGER));
			}
			else if (previous.compareTo(parsed.absent()) != 0) {
				repository.setAbsence(parsed.classId(), parsed.cadreId(), parsed.absent());
				updated++;
			}
			else {
				unchanged++;
			}
		}
		for (int from = 0; from < inserts.size(); from += 1000) {
			batch.batchUpdate("INSERT INTO enrolment (class_id, cadre_id, absent_hours, stage_no) VALUES (:k, :c, :a, :s)",
					inserts.subList(from, Math.min(inserts.size(), from + 1000)).toArray(SqlParameterSource[]::new));
		}
		return done("enrolment", filename, user, inserts.size(), updated, unchanged, "enrolment");
	}

	private static boolean inScope(Scope scope, Map<Long, Unit> all, long unitId) {
		Unit unit = all.get(unitId);
		return unit != null && scope.contains(unit);
	}

	private static LocalDate date(ColumnLayout layout, TabularRow row, String column, ImportErrors errors) {
		var cell = layout.cell(row, column);
		if (cell.isBlank()) {
			return null;
		}
		LocalDate date = CellValues.date(cell).orElse(null);
		if (date == null) {
			errors.add(row.number(), column, "import.error.date", cell.trimmed());
		}
		return date;
	}

	private ImportReport failed(String kind, String filename, ImportErrors errors) {
		return imports.refused(kind, filename, errors);
	}

	private ImportReport done(String kind, String filename, CurrentUser user, int inserted, int updated, int unchanged,
			String... tables) {
		statistics.afterBulkWrite(inserted + updated, tables);
		return imports.done(kind, filename, units.scopeOf(user).rootId(), inserted, updated, unchanged);
	}
}
