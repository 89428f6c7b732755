package org.banzi.assistance;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.banzi.assistance.AssistanceRecords.Help;
import org.banzi.assistance.AssistanceRecords.Household;
import org.banzi.assistance.AssistanceRecords.Pairing;
import org.banzi.assistance.AssistanceRecords.Site;
import org.banzi.assistance.AssistanceRecords.Visit;
import org.banzi.audit.ImportAudit;
import org.banzi.audit.ImportChanges;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.IdNumbers;
import org.banzi.cadres.Rank;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.UnitType;
import org.banzi.organization.Units;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.crypto.FieldCipher;
import org.banzi.platform.db.BulkStatistics;
import org.banzi.platform.tabular.Cell;
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
 * The five imports of the assistance ledger. Each reads the whole sheet, looks up every unit, cadre, household and
 * pairing it names in one query each, checks every row, refuses the whole file with every error by row and column,
 * or writes every row in one transaction, matching existing records by their natural keys.
 */
@Service
public class AssistanceImporter {

	public static final List<Column> SITE_COLUMNS = List.of(Column.required("year", "年度").number(), Column.required("village_code", "村编码"),
			Column.required("kind", "类型").choices(SiteKind.class), Column.required("leader_cadre_no", "联系县级领导编号"),
			Column.required("departments", "帮扶部门编码"), Column.optional("targets", "帮扶目标"));
	public static final List<Column> HOUSEHOLD_COLUMNS = List.of(Column.required("code", "户编码"),
			Column.required("village_code", "所属村", "村编码"), Column.required("head_name", "户主姓名"),
			Column.required("members", "家庭人口").number(), Column.required("status", "户类型").choices(HouseholdStatus.class), Column.optional("id_number", "身份证号", "户主身份证号"));
	public static final List<Column> PAIRING_COLUMNS = List.of(Column.required("year", "年度").number(), Column.required("cadre_no", "干部编号"),
			Column.required("household_code", "户编码"), Column.required("start_date", "结对日期").date());
	public static final List<Column> VISIT_COLUMNS = List.of(Column.required("date", "日期", "走访日期").date(), Column.required("cadre_no", "干部编号"),
			Column.required("household_code", "户编码"), Column.optional("what", "帮扶内容"));
	public static final List<Column> HELP_COLUMNS = List.of(Column.required("code", "编号"), Column.required("date", "日期").date(),
			Column.required("kind", "类别").choices(HelpKind.class), Column.required("provider_unit_code", "帮扶单位编码"), Column.optional("village_code", "村编码"),
			Column.optional("household_code", "户编码"), Column.optional("amount", "金额").number(), Column.optional("houses", "住房套数").number(),
			Column.optional("note", "说明"));

	private final TabularReader reader;
	private final MessageSource messages;
	private final AssistanceRepository repository;
	private final Units units;
	private final Cadres cadres;
	private final FieldCipher cipher;
	private final ImportAudit imports;
	private final BulkStatistics statistics;
	private final Clock clock;

	AssistanceImporter(TabularReader reader, MessageSource messages, AssistanceRepository repository, Units units, Cadres cadres,
			FieldCipher cipher, ImportAudit imports, BulkStatistics statistics, Clock clock) {
		this.reader = reader;
		this.messages = messages;
		this.repository = repository;
		this.units = units;
		this.cadres = cadres;
		this.cipher = cipher;
		this.imports = imports;
		this.statistics = statistics;
		this.clock = clock;
	}

	static final List<String> KINDS = List.of("assistance-sites", "households", "pairings", "visits", "assistance-help");

	public ImportReport importKind(String kind, CurrentUser user, String filename, byte[] content, Locale locale) {
		return switch (kind) {
			case "assistance-sites" -> importSites(user, filename, content, locale);
			case "households" -> importHouseholds(user, filename, content, locale);
			case "pairings" -> importPairings(user, filename, content, locale);
			case "visits" -> importVisits(user, filename, content, locale);
			case "assistance-help" -> importHelp(user, filename, content, locale);
			default -> throw new NotFoundException("import.kind.unknown", kind);
		};
	}

	static List<Column> columns(String kind) {
		return switch (kind) {
			case "households" -> HOUSEHOLD_COLUMNS;
			case "pairings" -> PAIRING_COLUMNS;
			case "visits" -> VISIT_COLUMNS;
			case "assistance-help" -> HELP_COLUMNS;
			default -> SITE_COLUMNS;
		};
	}

	/** What a file names, looked up once for all its rows, and the caller's scope. */
	private final class Lookups {

		final Scope scope;
		final Map<Long, Unit> unitsById;
		final Map<String, Unit> unitsByCode = new HashMap<>();
		final Map<String, Cadre> cadresByNo;
		final Map<String, Household> householdsByCode;

		Lookups(CurrentUser user, ParsedSheet sheet, @Nullable String cadreColumn, @Nullable String householdColumn) {
			scope = units.scopeOf(user);
			unitsById = units.lookup();
			unitsById.values().forEach(unit -> unitsByCode.put(unit.code(), unit));
			List<String> numbers = new ArrayList<>();
			List<String> codes = new ArrayList<>();
			sheet.rows().forEach(row -> {
				if (cadreColumn != null) {
					numbers.add(sheet.layout().text(row, cadreColumn));
				}
				if (householdColumn != null) {
					codes.add(sheet.layout().text(row, householdColumn));
				}
			});
			cadresByNo = cadres.findByNos(numbers);
			householdsByCode = repository.householdsByCodes(codes);
		}

		/** A unit of the type asked in the caller's scope (any scope when {@code anywhere}); else a problem. */
		@Nullable
		Unit unit(String code, UnitType type, String column, boolean anywhere, List<FieldProblem> problems) {
			Unit unit = unitsByCode.get(code.strip());
			if (unit == null || (!anywhere && !scope.contains(unit))) {
				problems.add(new FieldProblem(column, "unit.notFound", code));
				return null;
			}
			if (unit.type() != type) {
				problems.add(new FieldProblem(column, "assistance.unit.wrongType", code, type.name()));
				return null;
			}
			return unit;
		}

		/** A cadre whose home unit is in the caller's scope; one outside it is reported as unknown. */
		@Nullable
		Cadre cadre(String number, String column, List<FieldProblem> problems) {
			Cadre cadre = cadresByNo.get(number.strip());
			Unit home = cadre == null ? null : unitsById.get(cadre.homeUnitId());
			if (home == null || !scope.contains(home)) {
				problems.add(new FieldProblem(column, "assistance.cadre.unknown", number));
				return null;
			}
			return cadre;
		}

		/** A household of a village in the caller's scope. */
		@Nullable
		Household household(String code, String column, List<FieldProblem> problems) {
			Household household = householdsByCode.get(code.strip());
			Unit village = household == null ? null : unitsById.get(household.villageId());
			if (village == null || !scope.contains(village)) {
				problems.add(new FieldProblem(column, "assistance.household.unknown", code));
				return null;
			}
			return household;
		}
	}

	@Transactional
	public ImportReport importSites(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, SITE_COLUMNS, locale);
		Lookups look = new Lookups(user, sheet, "leader_cadre_no", null);
		return run(user, "assistance-site", filename, sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			Integer year = row.integer("year");
			if (year == null || year < 1949 || year > LocalDate.now(clock).getYear() + 1) {
				problems.add(new FieldProblem("year", "assistance.year.invalid", row.text("year")));
			}
			Unit village = look.unit(row.text("village_code"), UnitType.VILLAGE, "village_code", false, problems);
			SiteKind kind = parse(SiteKind.class, row.text("kind"), "kind", problems);
			Cadre leader = look.cadre(row.text("leader_cadre_no"), "leader_cadre_no", problems);
			if (leader != null && leader.rank() != Rank.COUNTY_PRINCIPAL && leader.rank() != Rank.COUNTY_DEPUTY) {
				problems.add(new FieldProblem("leader_cadre_no", "assistance.leader.notCountyLevel", leader.cadreNo()));
			}
			List<Long> departments = new ArrayList<>();
			for (String code : row.list("departments")) {
				Unit department = look.unit(code, UnitType.DEPARTMENT, "departments", false, problems);
				if (department != null && !departments.contains(department.id())) {
					departments.add(department.id());
				}
			}
			if (!problems.isEmpty() || year == null || village == null || kind == null || leader == null) {
				return Checked.refused(problems);
			}
			return Checked.of(new Site(0, year, village.id(), kind, leader.id(), departments, row.text("targets"), ""));
		}, s -> s.year() + "|" + s.villageId(), "village_code", (valid, changes, key) -> {
			Map<String, Site> existing = repository.sitesByYearVillage(valid.stream().map(Site::year).distinct().toList());
			return write(valid, changes, key, AssistanceImporter::snapshot, site -> existing.get(site.year() + "|" + site.villageId()), added -> added.forEach(site -> repository.insertSite(site, user.username())),
					(current, site) -> {
						if (current.kind() == site.kind() && current.leaderCadreId() == site.leaderCadreId()
								&& current.departmentIds().equals(site.departmentIds().stream().sorted().toList())
								&& current.targets().equals(site.targets())) {
							return false;
						}
						repository.updateSite(current.id(), site);
						return true;
					});
		}, "assistance_site", "assistance_site_department");
	}

	private static Map<String, Object> snapshot(Site s) {
		return Map.of("kind", s.kind().name(), "leader", s.leaderCadreId(), "departments", s.departmentIds().stream().sorted().toList(),
				"targets", s.targets());
	}

	@Transactional
	public ImportReport importHouseholds(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, HOUSEHOLD_COLUMNS, locale);
		Lookups look = new Lookups(user, sheet, null, "code");
		List<String> fileIndexes = new ArrayList<>();
		sheet.rows().forEach(r -> {
			String number = IdNumbers.normalise(sheet.layout().text(r, "id_number"));
			if (IdNumbers.valid(number)) {
				fileIndexes.add(cipher.index(number));
			}
		});
		Map<String, String> taken = repository.codesByIdIndex(fileIndexes);
		Map<String, String> indexes = new HashMap<>();
		return run(user, "household", filename, sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			String code = row.text("code");
			if (!code.matches("[A-Za-z0-9._-]{1,64}")) {
				problems.add(new FieldProblem("code", "assistance.code.invalid", code));
			}
			Household current = look.householdsByCode.get(code);
			if (current != null && !look.scope.contains(look.unitsById.get(current.villageId()))) {
				problems.add(new FieldProblem("code", "assistance.code.taken", code));
			}
			Unit village = look.unit(row.text("village_code"), UnitType.VILLAGE, "village_code", false, problems);
			if (row.text("head_name").isBlank()) {
				problems.add(new FieldProblem("head_name", "import.error.required"));
			}
			Integer members = row.integer("members");
			if (members == null || members <= 0) {
				problems.add(new FieldProblem("members", "assistance.members.positive"));
			}
			HouseholdStatus status = parse(HouseholdStatus.class, row.text("status"), "status", problems);
			String[] id = idNumber(row.cell("id_number"), problems);
			if (id != null) {
				String earlier = indexes.putIfAbsent(id[2], code);
				if (earlier != null && !earlier.equals(code)) {
					problems.add(new FieldProblem("id_number", "assistance.idNumber.twiceInFile", earlier));
				}
				String holder = taken.get(id[2]);
				if (holder != null && !holder.equals(code)) {
					problems.add(new FieldProblem("id_number", "assistance.idNumber.taken"));
				}
			}
			if (!problems.isEmpty() || village == null || members == null || status == null) {
				return Checked.refused(problems);
			}
			return Checked.of(new Household(0, code, village.id(), row.text("head_name"), members, status, id == null ? null : id[1],
					id == null ? null : id[0], id == null ? null : id[2]));
		}, Household::code, "code", (valid, changes, key) -> write(valid, changes, key, AssistanceImporter::snapshot, h -> look.householdsByCode.get(h.code()), added -> repository.insertHouseholds(added, user.username()),
					(current, h) -> {
						if (current.villageId() == h.villageId() && current.headName().equals(h.headName()) && current.members() == h.members()
								&& current.status() == h.status() && Objects.equals(current.idNumberIndex(), h.idNumberIndex())) {
							return false;
						}
						repository.updateHousehold(current.id(), h);
						return true;
					}), "household");
	}

	/** Only the masked number goes to the trail. */
	private static Map<String, Object> snapshot(Household h) {
		Map<String, Object> values = new HashMap<>();
		values.put("village", h.villageId());
		values.put("headName", h.headName());
		values.put("members", h.members());
		values.put("status", h.status().name());
		values.put("idNumber", String.valueOf(h.idNumberMasked()));
		return values;
	}

	/** The cell's ID number as {@code {cipher, masked, index}}, null when blank; problems when it is not a valid one. */
	private String @Nullable [] idNumber(Cell cell, List<FieldProblem> problems) {
		if (cell.isBlank()) {
			return null;
		}
		if (cell.kind() == Cell.Kind.NUMBER) {
			problems.add(new FieldProblem("id_number", "cadre.idNumber.numeric"));
			return null;
		}
		String number = IdNumbers.normalise(cell.text());
		if (!IdNumbers.valid(number)) {
			problems.add(new FieldProblem("id_number", "cadre.idNumber.invalid"));
			return null;
		}
		return new String[] { cipher.encrypt(number), IdNumbers.mask(number), cipher.index(number) };
	}

	@Transactional
	public ImportReport importPairings(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, PAIRING_COLUMNS, locale);
		Lookups look = new Lookups(user, sheet, "cadre_no", "household_code");
		return run(user, "pairing", filename, sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			Integer year = row.integer("year");
			if (year == null || year < 1949 || year > LocalDate.now(clock).getYear() + 1) {
				problems.add(new FieldProblem("year", "assistance.year.invalid", row.text("year")));
			}
			Cadre cadre = look.cadre(row.text("cadre_no"), "cadre_no", problems);
			Household household = look.household(row.text("household_code"), "household_code", problems);
			LocalDate start = past(row.date("start_date"), "start_date", problems);
			if (!problems.isEmpty() || year == null || cadre == null || household == null || start == null) {
				return Checked.refused(problems);
			}
			return Checked.of(new Pairing(0, year, cadre.id(), household.id(), start));
		}, p -> AssistanceRepository.pairingKey(p.year(), p.cadreId(), p.householdId()), "household_code", (valid, changes, key) -> {
			Map<String, Pairing> existing = repository.pairingsOf(valid.stream().map(Pairing::householdId).distinct().toList());
			return write(valid, changes, key, p -> Map.of("start", p.startDate().toString()), p -> existing.get(AssistanceRepository.pairingKey(p.year(), p.cadreId(), p.householdId())),
					added -> repository.insertPairings(added, user.username()), (current, p) -> {
						if (current.startDate().equals(p.startDate())) {
							return false;
						}
						repository.updatePairingStart(current.id(), p.startDate());
						return true;
					});
		}, "pairing");
	}

	@Transactional
	public ImportReport importVisits(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, VISIT_COLUMNS, locale);
		Lookups look = new Lookups(user, sheet, "cadre_no", "household_code");
		Map<String, List<Pairing>> pairings = new HashMap<>();
		repository.pairingsOf(look.householdsByCode.values().stream().map(Household::id).toList()).values()
			.forEach(p -> pairings.computeIfAbsent(p.cadreId() + "|" + p.householdId(), k -> new ArrayList<>()).add(p));
		return run(user, "visit", filename, sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			LocalDate date = past(row.date("date"), "date", problems);
			Cadre cadre = look.cadre(row.text("cadre_no"), "cadre_no", problems);
			Household household = look.household(row.text("household_code"), "household_code", problems);
			if (date == null || cadre == null || household == null) {
				return Checked.refused(problems);
			}
			checkPaired(pairings.getOrDefault(cadre.id() + "|" + household.id(), List.of()), cadre, household, date, problems);
			return problems.isEmpty() ? Checked.of(new Visit(0, date, cadre.id(), household.id(), row.text("what")))
					: Checked.refused(problems);
		}, v -> AssistanceRepository.visitKey(v.date(), v.cadreId(), v.householdId()), "date", (valid, changes, key) -> {
			Map<String, Visit> existing = repository.visitsOf(valid.stream().map(Visit::householdId).distinct().toList());
			return write(valid, changes, key, v -> Map.of("what", v.what()), v -> existing.get(AssistanceRepository.visitKey(v.date(), v.cadreId(), v.householdId())),
					added -> repository.insertVisits(added, user.username()), (current, v) -> {
						if (current.what().equals(v.what())) {
							return false;
						}
						repository.updateVisitWhat(current.id(), v.what());
						return true;
					});
		}, "visit");
	}

	/** A visit needs a pairing of that cadre with that household that had started by the visit's day. */
	static void checkPaired(java.util.Collection<Pairing> pairings, Cadre cadre, Household household, LocalDate date,
			List<FieldProblem> problems) {
		List<Pairing> ofPair = pairings.stream().filter(p -> p.cadreId() == cadre.id() && p.householdId() == household.id()).toList();
		if (ofPair.isEmpty()) {
			problems.add(new FieldProblem("household_code", "assistance.visit.notPaired", cadre.cadreNo(), household.code()));
		}
		else if (ofPair.stream().allMatch(p -> p.startDate().isAfter(date))) {
			problems.add(new FieldProblem("date", "assistance.visit.beforePairing",
					ofPair.stream().map(Pairing::startDate).min(LocalDate::compareTo).orElseThrow()));
		}
	}

	@Transactional
	public ImportReport importHelp(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, HELP_COLUMNS, locale);
		Lookups look = new Lookups(user, sheet, null, "household_code");
		Map<String, Help> existing = repository.helpByCodes(sheet.rows().stream().map(r -> sheet.layout().text(r, "code")).toList());
		return run(user, "assistance-help", filename, sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			String code = row.text("code");
			if (!code.matches("[A-Za-z0-9._-]{1,64}")) {
				problems.add(new FieldProblem("code", "assistance.code.invalid", code));
			}
			LocalDate date = past(row.date("date"), "date", problems);
			HelpKind kind = parse(HelpKind.class, row.text("kind"), "kind", problems);
			Unit provider = look.unitsByCode.get(row.text("provider_unit_code"));
			if (provider == null) {
				problems.add(new FieldProblem("provider_unit_code", "unit.notFound", row.text("provider_unit_code")));
			}
			Long villageId = null;
			Long householdId = null;
			if (row.text("village_code").isBlank() == row.text("household_code").isBlank()) {
				problems.add(new FieldProblem("village_code", "assistance.help.oneRecipient"));
			}
			else if (!row.text("village_code").isBlank()) {
				Unit village = look.unit(row.text("village_code"), UnitType.VILLAGE, "village_code", false, problems);
				villageId = village == null ? null : village.id();
			}
			else {
				Household household = look.household(row.text("household_code"), "household_code", problems);
				householdId = household == null ? null : household.id();
			}
			BigDecimal amount = row.decimal("amount");
			Integer houses = row.integer("houses");
			if (kind == HelpKind.HOUSING && (houses == null || houses < 0 || amount != null)) {
				problems.add(new FieldProblem("houses", "assistance.help.houses"));
			}
			if (kind != null && kind != HelpKind.HOUSING && (amount == null || amount.signum() < 0 || houses != null)) {
				problems.add(new FieldProblem("amount", "assistance.help.amount"));
			}
			Help current = existing.get(code);
			if (current != null && !inScope(look, current)) {
				problems.add(new FieldProblem("code", "assistance.code.taken", code));
			}
			if (!problems.isEmpty() || date == null || kind == null || provider == null) {
				return Checked.refused(problems);
			}
			return Checked.of(new Help(0, code, date, kind, amount, houses, villageId, householdId, provider.id(), row.text("note")));
		}, Help::code, "code", (valid, changes, key) -> write(valid, changes, key, AssistanceImporter::snapshot, h -> existing.get(h.code()), added -> repository.insertHelp(added, user.username()),
				(current, h) -> {
					Help same = new Help(current.id(), h.code(), h.date(), h.kind(), h.amount(), h.houses(), h.villageId(), h.householdId(),
							h.providerUnitId(), h.note());
					if (sameHelp(same, current)) {
						return false;
					}
					repository.updateHelp(current.id(), h);
					return true;
				}), "assistance_help");
	}

	private static boolean sameHelp(Help a, Help b) {
		return a.date().equals(b.date()) && a.kind() == b.kind() && compare(a.amount(), b.amount()) && Objects.equals(a.houses(), b.houses())
				&& Objects.equals(a.villageId(), b.villageId()) && Objects.equals(a.householdId(), b.householdId())
				&& a.providerUnitId() == b.providerUnitId() && a.note().equals(b.note());
	}

	private static boolean compare(@Nullable BigDecimal a, @Nullable BigDecimal b) {
		return a == null ? b == null : b != null && a.compareTo(b) == 0;
	}

	private static Map<String, Object> snapshot(Help h) {
		Map<String, Object> values = new HashMap<>();
		values.put("date", h.date().toString());
		values.put("kind", h.kind().name());
		values.put("amount", h.amount() == null ? "" : h.amount().toPlainString());
		values.put("houses", String.valueOf(h.houses()));
		values.put("village", String.valueOf(h.villageId()));
		values.put("household", String.valueOf(h.householdId()));
		values.put("provider", h.providerUnitId());
		return values;
	}

	private boolean inScope(Lookups look, Help help) {
		Long village = help.villageId() != null ? help.villageId()
				: repository.findHousehold(help.householdId()).map(Household::villageId).orElse(null);
		Unit unit = village == null ? null : look.unitsById.get(village);
		return unit != null && look.scope.contains(unit);
	}

	// the shared shape

	private ParsedSheet read(String filename, byte[] content, List<Column> columns, Locale locale) {
		return ParsedSheet.read(reader, messages, filename, content, columns, locale);
	}

	/** Writes the checked rows, noting each inserted or updated one under its key: {@code {inserted, updated, unchanged}}. */
	private interface Writer<T> {
		int[] write(List<T> rows, ImportChanges changes, Function<T, String> key);
	}

	private interface Update<T> {
		/** Writes the row over the current record; false when nothing differs. */
		boolean apply(T current, T row);
	}

	private <T> ImportReport run(CurrentUser user, String kind, String filename, ParsedSheet sheet, Function<Row, Checked<T>> check,
			Function<T, String> key, String keyColumn, Writer<T> writer, String... tables) {
		SheetImport.Rows<T> rows = SheetImport.check(sheet, check, key, keyColumn);
		if (rows.refused()) {
			return imports.refused(kind, filename, rows.errors());
		}
		ImportChanges changes = new ImportChanges();
		int[] counts = writer.write(rows.valid(), changes, key);
		statistics.afterBulkWrite(counts[0] + counts[1], tables);
		return imports.done(kind, filename, units.scopeOf(user).rootId(), changes, counts[2]);
	}

	/** Inserts a row new to the database, updates one that differs, and notes each with its values as the trail keeps them. */
	private static <T> int[] write(List<T> rows, ImportChanges changes, Function<T, String> key, Function<T, Map<String, ?>> values,
			Function<T, @Nullable T> current, java.util.function.Consumer<List<T>> insert, Update<T> update) {
		int[] counts = new int[3];
		List<T> added = new ArrayList<>();
		for (T row : rows) {
			T existing = current.apply(row);
			if (existing == null) {
				added.add(row);
				changes.inserted(key.apply(row), values.apply(row));
				counts[0]++;
			}
			else if (update.apply(existing, row)) {
				changes.updated(key.apply(row), values.apply(existing), values.apply(row));
				counts[1]++;
			}
			else {
				counts[2]++;
			}
		}
		insert.accept(added);
		return counts;
	}

	private @Nullable LocalDate past(@Nullable LocalDate date, String column, List<FieldProblem> problems) {
		if (date == null) {
			problems.add(new FieldProblem(column, "import.error.required"));
		}
		else if (date.isAfter(LocalDate.now(clock))) {
			problems.add(new FieldProblem(column, "assistance.date.future"));
			return null;
		}
		return date;
	}

	static <E extends Enum<E> & Labelled> @Nullable E parse(Class<E> type, String text, String column, List<FieldProblem> problems) {
		E value = Labelled.parse(type, text).orElse(null);
		if (value == null) {
			problems.add(new FieldProblem(column, "assistance.value.unknown", text));
		}
		return value;
	}
}
