package org.banzi.integrity;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
import org.banzi.platform.NotFoundException;
import org.banzi.platform.crypto.FieldCipher;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.Labelled;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport.Row;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrity's imports, for an inspector or county administrator: paper personal matters reports (only that one was
 * filed, and when), event filings, and the county's holiday calendar. All or nothing, every error listed.
 */
@Service
public class IntegrityImporter {

	public static final List<Column> FILING_COLUMNS = List.of(Column.required("year", "报告年度").number(), Column.required("cadre_no", "干部编号"),
			Column.required("filed_on", "报告日期").date());
	public static final List<Column> EVENT_COLUMNS = List.of(Column.required("code", "编号"), Column.required("cadre_no", "干部编号"),
			Column.required("kind", "事项类别").choices(EventKind.class), Column.required("event_date", "举办日期").date(), Column.optional("reported_before", "事前报告日期").date(),
			Column.optional("reported_after", "事后报告日期").date(), Column.optional("guests", "人数").number(), Column.optional("tables", "桌数").number(),
			Column.optional("cars", "车辆数").number(), Column.optional("official_cars", "公车数").number(), Column.optional("gifts_note", "礼金礼品情况"));
	public static final List<Column> HOLIDAY_COLUMNS = List.of(Column.required("date", "日期").date(), Column.required("kind", "类型").choices(List.of("节假日", "调休上班")),
			Column.optional("name", "名称"), Column.optional("source", "依据"));
	static final List<String> KINDS = List.of("personal-matters-filings", "event-filings", "holidays");

	private final TabularReader reader;
	private final MessageSource messages;
	private final IntegrityRepository repository;
	private final Units units;
	private final Cadres cadres;
	private final FieldCipher cipher;
	private final ImportAudit imports;
	private final Clock clock;

	IntegrityImporter(TabularReader reader, MessageSource messages, IntegrityRepository repository, Units units, Cadres cadres,
			FieldCipher cipher, ImportAudit imports, Clock clock) {
		this.reader = reader;
		this.messages = messages;
		this.repository = repository;
		this.units = units;
		this.cadres = cadres;
		this.cipher = cipher;
		this.imports = imports;
		this.clock = clock;
	}

	public ImportReport importKind(String kind, CurrentUser user, String filename, byte[] content, Locale locale) {
		IntegrityService.officer(user);
		return switch (kind) {
			case "personal-matters-filings" -> importFilings(user, filename, content, locale);
			case "event-filings" -> importEvents(user, filename, content, locale);
			case "holidays" -> importHolidays(user, filename, content, locale);
			default -> throw new NotFoundException("import.kind.unknown", kind);
		};
	}

	static List<Column> columns(String kind) {
		return switch (kind) {
			case "event-filings" -> EVENT_COLUMNS;
			case "holidays" -> HOLIDAY_COLUMNS;
			default -> FILING_COLUMNS;
		};
	}

	/** The cadres a sheet names, each if in the caller's scope. */
	private Function<String, @Nullable Cadre> cadresOf(CurrentUser user, ParsedSheet sheet) {
		Scope scope = units.scopeOf(user);
		Map<Long, Unit> all = units.lookup();
		Map<String, Cadre> found = cadres.findByNos(sheet.rows().stream().map(r -> sheet.layout().text(r, "cadre_no")).toList());
		return number -> {
			Cadre cadre = found.get(number.strip());
			Unit home = cadre == null ? null : all.get(cadre.homeUnitId());
			return home != null && scope.contains(home) ? cadre : null;
		};
	}

	record PaperFiling(int year, long cadreId, LocalDate filedOn) {
	}

	@Transactional
	public ImportReport importFilings(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = ParsedSheet.read(reader, messages, filename, content, FILING_COLUMNS, locale);
		Function<String, @Nullable Cadre> cadre = cadresOf(user, sheet);
		SheetImport.Rows<PaperFiling> rows = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			Integer year = row.integer("year");
			if (year == null || year < 1949 || year > LocalDate.now(clock).getYear()) {
				problems.add(new FieldProblem("year", "integrity.year.invalid", row.text("year")));
			}
			Cadre who = cadre.apply(row.text("cadre_no"));
			if (who == null) {
				problems.add(new FieldProblem("cadre_no", "integrity.cadre.unknown", row.text("cadre_no")));
			}
			LocalDate filed = date(row, "filed_on", true, problems);
			if (!problems.isEmpty() || year == null || who == null || filed == null) {
				return Checked.refused(problems);
			}
			return Checked.of(new PaperFiling(year, who.id(), filed));
		}, f -> f.year() + "|" + f.cadreId(), "cadre_no");
		if (rows.refused()) {
			return imports.refused("personal-matters-filing", filename, rows.errors());
		}
		ImportChanges changes = new ImportChanges();
		int unchanged = 0;
		for (PaperFiling f : rows.valid()) {
			var existing = repository.report(f.cadreId(), f.year(), "ANNUAL");
			String key = f.year() + "|" + f.cadreId();
			if (existing.isEmpty()) {
				repository.insertReport(f.cadreId(), f.year(), "ANNUAL", f.filedOn(), "PAPER", null, user.username());
				changes.inserted(key, Map.of("filedOn", f.filedOn().toString()));
			}
			else if (!existing.get().filedOn().equals(f.filedOn())) {
				repository.updateReport(existing.get().id(), f.filedOn(), null);
				changes.updated(key, Map.of("filedOn", String.valueOf(existing.get().filedOn())), Map.of("filedOn", f.filedOn().toString()));
			}
			else {
				unchanged++;
			}
		}
		return imports.done("personal-matters-filing", filename, units.scopeOf(user).rootId(), changes, unchanged);
	}

	@Transactional
	public ImportReport importEvents(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = ParsedSheet.read(reader, messages, filename, content, EVENT_COLUMNS, locale);
		Function<String, @Nullable Cadre> cadre = cadresOf(user, sheet);
		Map<String, IntegrityRepository.Filing> existing = repository.filingsByCodes(
				sheet.rows().stream().map(r -> sheet.layout().text(r, "code")).toList());
		SheetImport.Rows<IntegrityRepository.Filing> rows = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			String code = row.text("code");
			if (!code.matches("[A-Za-z0-9._-]{1,64}")) {
				problems.add(new FieldProblem("code", "integrity.code.invalid", code));
			}
			Cadre who = cadre.apply(row.text("cadre_no"));
			if (who == null) {
				problems.add(new FieldProblem("cadre_no", "integrity.cadre.unknown", row.text("cadre_no")));
			}
			IntegrityRepository.Filing current = existing.get(code);
			if (current != null && cadre.apply(cadres.findById(current.cadreId()).map(Cadre::cadreNo).orElse("")) == null) {
				problems.add(new FieldProblem("code", "integrity.code.taken", code));
			}
			EventKind kind = Labelled.parse(EventKind.class, row.text("kind")).orElse(null);
			if (kind == null) {
				problems.add(new FieldProblem("kind", "integrity.value.unknown", row.text("kind")));
			}
			// a wedding is reported before it happens: the event itself may lie ahead, the reports may not
			LocalDate event = row.date("event_date");
			if (event == null) {
				problems.add(new FieldProblem("event_date", "import.error.required"));
			}
			LocalDate before = date(row, "reported_before", false, problems);
			LocalDate after = date(row, "reported_after", false, problems);
			if (event != null && before != null && before.isAfter(event)) {
				problems.add(new FieldProblem("reported_before", "integrity.event.beforeAfterEvent"));
			}
			if (event != null && after != null && after.isBefore(event)) {
				problems.add(new FieldProblem("reported_after", "integrity.event.afterBeforeEvent"));
			}
			Integer guests = count(row, "guests", problems);
			Integer tables = count(row, "tables", problems);
			Integer cars = count(row, "cars", problems);
			Integer official = count(row, "official_cars", problems);
			if (!problems.isEmpty() || who == null || kind == null || event == null) {
				return Checked.refused(problems);
			}
			String gifts = row.text("gifts_note");
			return Checked.of(new IntegrityRepository.Filing(0, code, who.id(), kind, event, before, after, guests, tables, cars, official,
					gifts.isBlank() ? null : gifts));
		}, IntegrityRepository.Filing::code, "code");
		if (rows.refused()) {
			return imports.refused("event-filing", filename, rows.errors());
		}
		ImportChanges changes = new ImportChanges();
		int unchanged = 0;
		for (IntegrityRepository.Filing f : rows.valid()) {
			IntegrityRepository.Filing current = existing.get(f.code());
			IntegrityRepository.Filing stored = new IntegrityRepository.Filing(0, f.code(), f.cadreId(), f.kind(), f.eventDate(),
					f.reportedBefore(), f.reportedAfter(), f.guests(), f.tables(), f.cars(), f.officialCars(),
					f.giftsCipher() == null ? null : cipher.encrypt(f.giftsCipher()));
			if (current == null) {
				repository.insertFiling(stored, user.username());
				changes.inserted(f.code(), filingValues(f));
			}
			else if (!sameFiling(current, f)) {
				repository.updateFiling(current.id(), stored);
				changes.updated(f.code(), filingValues(current), filingValues(f));
			}
			else {
				unchanged++;
			}
		}
		return imports.done("event-filing", filename, units.scopeOf(user).rootId(), changes, unchanged);
	}

	/** A filing as the audit trail keeps it: what was given stays out of it, only whether anything was. */
	private static Map<String, Object> filingValues(IntegrityRepository.Filing filing) {
		Map<String, Object> values = ImportChanges.values(filing, "id", "giftsCipher");
		values.put("gifts", filing.giftsCipher() != null);
		return values;
	}

	/** The same filing as stored: every field, the gifts compared as text. */
	private boolean sameFiling(IntegrityRepository.Filing stored, IntegrityRepository.Filing row) {
		String gifts = stored.giftsCipher() == null ? null : cipher.decrypt(stored.giftsCipher());
		return stored.cadreId() == row.cadreId() && stored.kind() == row.kind() && stored.eventDate().equals(row.eventDate())
				&& Objects.equals(stored.reportedBefore(), row.reportedBefore()) && Objects.equals(stored.reportedAfter(), row.reportedAfter())
				&& Objects.equals(stored.guests(), row.guests()) && Objects.equals(stored.tables(), row.tables())
				&& Objects.equals(stored.cars(), row.cars()) && Objects.equals(stored.officialCars(), row.officialCars())
				&& Objects.equals(gifts, row.giftsCipher());
	}

	record Day(LocalDate date, String kind, String name, String source) {
	}

	@Transactional
	public ImportReport importHolidays(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = ParsedSheet.read(reader, messages, filename, content, HOLIDAY_COLUMNS, locale);
		SheetImport.Rows<Day> rows = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			LocalDate date = row.date("date");
			if (date == null) {
				problems.add(new FieldProblem("date", "import.error.required"));
			}
			String kind = switch (row.text("kind").toUpperCase(Locale.ROOT)) {
				case "HOLIDAY", "休", "假", "节假日" -> "HOLIDAY";
				case "WORKDAY", "班", "调休上班" -> "WORKDAY";
				default -> null;
			};
			if (kind == null) {
				problems.add(new FieldProblem("kind", "integrity.value.unknown", row.text("kind")));
			}
			return problems.isEmpty() ? Checked.of(new Day(date, kind, row.text("name"), row.text("source"))) : Checked.refused(problems);
		}, d -> d.date().toString(), "date");
		if (rows.refused()) {
			return imports.refused("holiday", filename, rows.errors());
		}
		Map<LocalDate, String> before = repository.days(rows.valid().stream().map(Day::date).toList());
		ImportChanges changes = new ImportChanges();
		int unchanged = 0;
		for (Day d : rows.valid()) {
			int changed = repository.putDay(d.date(), d.kind(), d.name(), d.source(), user.username());
			if (!before.containsKey(d.date())) {
				changes.inserted(d.date().toString(), ImportChanges.values(d, "date"));
			}
			else if (changed > 0) {
				changes.updated(d.date().toString(), Map.of("kind", before.get(d.date())), ImportChanges.values(d, "date"));
			}
			else {
				unchanged++;
			}
		}
		return imports.done("holiday", filename, null, changes, unchanged);
	}

	private @Nullable LocalDate date(Row row, String column, boolean required, List<FieldProblem> problems) {
		LocalDate date = row.date(column);
		if (date == null && required) {
			problems.add(new FieldProblem(column, "import.error.required"));
		}
		else if (date != null && date.isAfter(LocalDate.now(clock))) {
			problems.add(new FieldProblem(column, "integrity.date.future"));
		}
		return date;
	}

	private static @Nullable Integer count(Row row, String column, List<FieldProblem> problems) {
		Integer value = row.integer(column);
		if (value != null && value < 0) {
			problems.add(new FieldProblem(column, "integrity.count.negative"));
		}
		return value;
	}

}
