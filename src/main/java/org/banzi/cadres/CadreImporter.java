package org.banzi.cadres;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.banzi.audit.ImportAudit;
import org.banzi.audit.ImportChanges;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.db.BulkStatistics;
import org.banzi.platform.tabular.Cell;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportErrors;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports cadres, posts and team memberships from XLSX or CSV: every row checked first, nothing written if one is
 * bad, rows matched by their natural keys so that a re-import changes nothing.
 */
@Service
public class CadreImporter {

	static final List<Column> CADRE_COLUMNS = List.of(Column.required("cadre_no", "干部编号"), Column.required("name", "姓名"),
			Column.required("gender", "性别").choices(List.of("男", "女")), Column.required("birth_date", "出生日期").date(), Column.required("rank", "职级").choices(Rank.class),
			Column.required("unit_code", "单位编码"), Column.required("id_number", "身份证号", "身份证号码"),
			Column.optional("ethnicity", "民族"), Column.optional("education", "学历"),
			Column.optional("party_date", "入党时间").date(), Column.optional("rank_since", "任现职级时间").date());
	static final List<Column> POST_COLUMNS = List.of(Column.required("cadre_no", "干部编号"), Column.required("unit_code", "单位编码"),
			Column.required("title", "职务"), Column.required("start_date", "任职时间", "开始日期").date(),
			Column.optional("end_date", "免职时间", "结束日期").date(), Column.optional("key_post", "关键岗位").choices(List.of("是", "否")),
			Column.optional("reason", "任职原因").choices(PostReason.class));
	static final List<Column> MEMBER_COLUMNS = List.of(Column.required("cadre_no", "干部编号"), Column.required("unit_code", "单位编码"),
			Column.required("team_role", "班子职务").choices(TeamRole.class), Column.required("start_date", "开始日期").date(), Column.optional("end_date", "结束日期").date());

	private final TabularReader reader;
	private final CadreRepository cadres;
	private final CadreChecks checks;
	private final Units units;
	private final ImportAudit imports;
	private final MessageSource messages;
	private final Clock clock;
	private final BulkStatistics statistics;
	private final ApplicationEventPublisher events;

	CadreImporter(TabularReader reader, CadreRepository cadres, CadreChecks checks, Units units, ImportAudit imports,
			MessageSource messages, Clock clock, BulkStatistics statistics, ApplicationEventPublisher events) {
		this.reader = reader;
		this.cadres = cadres;
		this.checks = checks;
		this.units = units;
		this.imports = imports;
		this.messages = messages;
		this.clock = clock;
		this.statistics = statistics;
		this.events = events;
	}

	private ParsedSheet read(String filename, byte[] content, List<Column> columns, Locale locale) {
		return ParsedSheet.read(reader, messages, filename, content, columns, locale);
	}

	@Transactional
	public ImportReport importCadres(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, CADRE_COLUMNS, locale);
		Scope scope = units.scopeOf(user);
		Map<Long, Unit> all = units.lookup();
		boolean readable = sheet.errors().isEmpty();
		Map<String, Unit> unitsByCode = readable ? units.findByCodes(sheet.texts("unit_code")) : Map.of();
		List<String> numbers = sheet.texts("cadre_no");
		Map<String, Cadre> existing = readable ? cadres.findByNos(numbers) : Map.of();
		Map<String, String> existingIndexes = readable ? cadres.indexesByNo(numbers) : Map.of();
		LocalDate today = LocalDate.now(clock);
		record Numbered(int number, CadreRepository.Row row) {
		}
		SheetImport.Rows<Numbered> rows = SheetImport.check(sheet, row -> {
			CadreChecks.Result result = checks.check(new CadreChecks.Input(row.cell("cadre_no"), row.cell("name"),
					row.cell("gender"), row.cell("birth_date"), row.cell("rank"), row.cell("unit_code"), row.cell("id_number"),
					row.cell("ethnicity"), row.cell("education"), row.cell("party_date"), row.cell("rank_since")), scope,
					unitsByCode::get, today);
			CadreRepository.Row parsed = result.row();
			if (parsed == null) {
				return Checked.refused(result.problems());
			}
			Cadre current = existing.get(parsed.cadreNo());
			if (current != null && !inScope(scope, all, current.homeUnitId())) {
				return Checked.refused(new FieldProblem("cadre_no", "import.error.outOfScope", parsed.cadreNo()));
			}
			return Checked.of(new Numbered(row.number(), parsed));
		}, numbered -> numbered.row().cadreNo(), "cadre_no");
		ImportErrors errors = rows.errors();
		if (rows.refused()) {
			return failed("cadres", filename, errors);
		}
		// one ID number, one cadre: within the file, and against the cadres already recorded
		Map<String, Integer> seenIds = new HashMap<>();
		Map<String, Integer> rowOf = new HashMap<>();
		List<CadreRepository.Row> valid = new ArrayList<>();
		for (Numbered numbered : rows.valid()) {
			Integer earlierId = seenIds.putIfAbsent(numbered.row().idIndex(), numbered.number());
			if (earlierId != null) {
				errors.add(numbered.number(), "id_number", "cadre.idNumber.duplicateInFile", earlierId);
				continue;
			}
			rowOf.put(numbered.row().cadreNo(), numbered.number());
			valid.add(numbered.row());
		}
		Map<String, String> holders = cadres.numbersByIdIndex(valid.stream().map(CadreRepository.Row::idIndex).toList());
		for (CadreRepository.Row row : valid) {
			String holder = holders.get(row.idIndex());
			if (holder != null && !holder.equals(row.cadreNo())) {
				FieldProblem taken = CadreChecks.idNumberTaken(holder, scope, cadres, units);
				errors.add(rowOf.get(row.cadreNo()), taken.field(), taken.messageKey(), taken.arguments());
			}
		}
		if (!errors.isEmpty()) {
			return failed("cadres", filename, errors);
		}
		List<CadreRepository.Row> inserts = new ArrayList<>();
		ImportChanges changes = new ImportChanges();
		int unchanged = 0;
		for (CadreRepository.Row row : valid) {
			Cadre current = existing.get(row.cadreNo());
			if (current == null) {
				inserts.add(row);
				changes.inserted(row.cadreNo(), snapshot(row, all));
				continue;
			}
			String oldIndex = existingIndexes.get(row.cadreNo());
			boolean newId = !row.idIndex().equals(oldIndex);
			if (newId || !same(current, row)) {
				cadres.update(current.id(), row, newId);
				changes.updated(row.cadreNo(), snapshot(current, oldIndex, all), snapshot(row, all));
			}
			else {
				unchanged++;
			}
		}
		cadres.insertAll(inserts);
		return done("cadres", filename, scope, changes, unchanged, "cadre");
	}

	/**
	 * A cadre's values as the audit trail keeps them: the ID number by its keyed hash (which shows that it changed,
	 * not what it is) and the home unit by its code.
	 */
	private static Map<String, Object> snapshot(CadreRepository.Row row, Map<Long, Unit> units) {
		return snapshot(row.name(), row.gender(), row.birthDate(), row.rank(), row.rankSince(), units.get(row.homeUnitId()), row.idIndex());
	}

	private static Map<String, Object> snapshot(Cadre cadre, @Nullable String idIndex, Map<Long, Unit> units) {
		return snapshot(cadre.name(), cadre.gender(), cadre.birthDate(), cadre.rank(), cadre.rankSince(), units.get(cadre.homeUnitId()),
				idIndex == null ? "" : idIndex);
	}

	private static Map<String, Object> snapshot(String name, char gender, LocalDate birth, Rank rank, @Nullable LocalDate rankSince,
			@Nullable Unit home, String idIndex) {
		Map<String, Object> values = new java.util.LinkedHashMap<>();
		values.put("name", name);
		values.put("gender", String.valueOf(gender));
		values.put("birthDate", birth.toString());
		values.put("rank", rank.name());
		values.put("rankSince", rankSince == null ? "" : rankSince.toString());
		values.put("homeUnit", home == null ? "" : home.code());
		values.put("idNumberHash", idIndex);
		return values;
	}

	private static boolean same(Cadre cadre, CadreRepository.Row row) {
		return cadre.name().equals(row.name()) && cadre.gender() == row.gender() && cadre.birthDate().equals(row.birthDate())
				&& cadre.ethnicity().equals(row.ethnicity()) && cadre.education().equals(row.education())
				&& Objects.equals(cadre.partyDate(), row.partyDate()) && cadre.rank() == row.rank()
				&& Objects.equals(cadre.rankSince(), row.rankSince()) && cadre.homeUnitId() == row.homeUnitId();
	}

	@Transactional
	public ImportReport importPosts(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, POST_COLUMNS, locale);
		Scope scope = units.scopeOf(user);
		Map<Long, Unit> all = units.lookup();
		boolean readable = sheet.errors().isEmpty();
		Map<String, Unit> unitsByCode = readable ? units.findByCodes(sheet.texts("unit_code")) : Map.of();
		Map<String, Cadre> byNumber = readable ? cadres.findByNos(sheet.texts("cadre_no")) : Map.of();
		Map<String, Post> existing = new HashMap<>();
		cadres.postsOf(byNumber.values().stream().map(Cadre::id).toList())
			.forEach(post -> existing.put(postKey(post.cadreId(), post.unitId(), post.title(), post.startDate()), post));
		SheetImport.Rows<CadreRepository.NewPost> rows = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			Cadre cadre = cadre(row.text("cadre_no"), byNumber, scope, all, problems);
			Unit unit = unit(row.text("unit_code"), unitsByCode, scope, problems);
			String title = row.text("title");
			if (title.isEmpty()) {
				problems.add(new FieldProblem("title", "import.error.required"));
			}
			LocalDate start = CadreChecks.date(row.cell("start_date"), "start_date", true, problems);
			LocalDate end = CadreChecks.date(row.cell("end_date"), "end_date", false, problems);
			if (start != null && end != null && end.isBefore(start)) {
				problems.add(new FieldProblem("end_date", "cadre.end.beforeStart"));
			}
			Boolean key = yesNo(row.cell("key_post"));
			if (key == null) {
				problems.add(new FieldProblem("key_post", "cadre.keyPost.invalid", row.text("key_post")));
			}
			String reasonText = row.text("reason");
			PostReason reason = reasonText.isEmpty() ? PostReason.APPOINTMENT : PostReason.parse(reasonText).orElse(null);
			if (reason == null) {
				problems.add(new FieldProblem("reason", "cadre.reason.invalid", reasonText));
			}
			return problems.isEmpty() ? Checked.of(new CadreRepository.NewPost(cadre.id(), unit.id(), title, start, end, key, reason))
					: Checked.refused(problems);
		}, post -> postKey(post.cadreId(), post.unitId(), post.title(), post.start()), "start_date", "cadre.post.duplicate");
		if (rows.refused()) {
			return failed("posts", filename, rows.errors());
		}
		List<CadreRepository.NewPost> valid = rows.valid();
		List<CadreRepository.NewPost> inserts = new ArrayList<>();
		ImportChanges changes = new ImportChanges();
		Map<Long, String> numbers = numbers(byNumber);
		int unchanged = 0;
		for (CadreRepository.NewPost post : valid) {
			Post current = existing.get(postKey(post.cadreId(), post.unitId(), post.title(), post.start()));
			String key = numbers.get(post.cadreId()) + "|" + all.get(post.unitId()).code() + "|" + post.title() + "|" + post.start();
			if (current == null) {
				inserts.add(post);
				changes.inserted(key, postValues(post.end(), post.key(), post.reason()));
			}
			else if (!Objects.equals(current.endDate(), post.end()) || current.keyPost() != post.key()
					|| current.reason() != post.reason()) {
				cadres.updatePost(current.id(), post.end(), post.key(), post.reason());
				changes.updated(key, postValues(current.endDate(), current.keyPost(), current.reason()),
						postValues(post.end(), post.key(), post.reason()));
			}
			else {
				unchanged++;
			}
		}
		cadres.insertPosts(inserts);
		// posts that are promotions now and were not before the file
		List<PromotionsRecorded.Promotion> promotions = valid.stream()
			.filter(post -> post.reason() == PostReason.PROMOTION)
			.filter(post -> {
				Post before = existing.get(postKey(post.cadreId(), post.unitId(), post.title(), post.start()));
				return before == null || before.reason() != PostReason.PROMOTION;
			})
			.map(post -> new PromotionsRecorded.Promotion(post.cadreId(), post.start()))
			.toList();
		if (!promotions.isEmpty()) {
			events.publishEvent(new PromotionsRecorded(promotions));
		}
		return done("posts", filename, scope, changes, unchanged, "post");
	}

	@Transactional
	public ImportReport importMemberships(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, MEMBER_COLUMNS, locale);
		Scope scope = units.scopeOf(user);
		Map<Long, Unit> all = units.lookup();
		boolean readable = sheet.errors().isEmpty();
		Map<String, Unit> unitsByCode = readable ? units.findByCodes(sheet.texts("unit_code")) : Map.of();
		Map<String, Cadre> byNumber = readable ? cadres.findByNos(sheet.texts("cadre_no")) : Map.of();
		record Parsed(int row, long cadreId, long unitId, TeamRole role, LocalDate start, @Nullable LocalDate end) {
		}
		SheetImport.Rows<Parsed> rows = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			Cadre cadre = cadre(row.text("cadre_no"), byNumber, scope, all, problems);
			Unit unit = unit(row.text("unit_code"), unitsByCode, scope, problems);
			String roleText = row.text("team_role");
			TeamRole role = roleText.isEmpty() ? null : TeamRole.parse(roleText).orElse(null);
			if (role == null) {
				problems.add(new FieldProblem("team_role", "cadre.teamRole.invalid", roleText));
			}
			LocalDate start = CadreChecks.date(row.cell("start_date"), "start_date", true, problems);
			LocalDate end = CadreChecks.date(row.cell("end_date"), "end_date", false, problems);
			if (start != null && end != null && end.isBefore(start)) {
				problems.add(new FieldProblem("end_date", "cadre.end.beforeStart"));
			}
			return problems.isEmpty() ? Checked.of(new Parsed(row.number(), cadre.id(), unit.id(), role, start, end))
					: Checked.refused(problems);
		}, parsed -> parsed.cadreId() + "|" + parsed.unitId() + "|" + parsed.role() + "|" + parsed.start(), "start_date",
				"cadre.post.duplicate");
		ImportErrors errors = rows.errors();
		if (rows.refused()) {
			return failed("team-members", filename, errors);
		}
		List<Parsed> valid = new ArrayList<>(rows.valid());
		// one secretary at a time: the periods of each team's secretaries, stored and imported, must not overlap
		Map<String, Membership> existing = new HashMap<>();
		Map<Long, List<Object[]>> secretaries = new HashMap<>();
		for (Membership membership : cadres.membershipsOfUnits(valid.stream().map(Parsed::unitId).distinct().toList())) {
			existing.put(membership.cadreId() + "|" + membership.unitId() + "|" + membership.role() + "|" + membership.startDate(),
					membership);
		}
		Set<String> replaced = new HashSet<>();
		for (Parsed parsed : valid) {
			String key = parsed.cadreId() + "|" + parsed.unitId() + "|" + parsed.role() + "|" + parsed.start();
			replaced.add(key);
			if (parsed.role() == TeamRole.SECRETARY) {
				secretaries.computeIfAbsent(parsed.unitId(), id -> new ArrayList<>())
					.add(new Object[] { parsed.start(), parsed.end(), parsed.row() });
			}
		}
		existing.forEach((key, membership) -> {
			if (membership.role() == TeamRole.SECRETARY && !replaced.contains(key)) {
				secretaries.computeIfAbsent(membership.unitId(), id -> new ArrayList<>())
					.add(new Object[] { membership.startDate(), membership.endDate(), 0 });
			}
		});
		secretaries.values().forEach(periods -> {
			periods.sort(Comparator.comparing(period -> (LocalDate) period[0]));
			for (int i = 1; i < periods.size(); i++) {
				LocalDate previousEnd = (LocalDate) periods.get(i - 1)[1];
				LocalDate start = (LocalDate) periods.get(i)[0];
				if (previousEnd == null || !previousEnd.isBefore(start)) {
					int row = Math.max((int) periods.get(i)[2], (int) periods.get(i - 1)[2]);
					errors.add(row, "team_role", "cadre.secretary.overlap");
				}
			}
		});
		if (!errors.isEmpty()) {
			return failed("team-members", filename, errors);
		}
		ImportChanges changes = new ImportChanges();
		Map<Long, String> numbers = numbers(byNumber);
		int unchanged = 0;
		valid.sort(Comparator.comparing(Parsed::start));
		for (Parsed parsed : valid) {
			Membership current = existing.get(parsed.cadreId() + "|" + parsed.unitId() + "|" + parsed.role() + "|" + parsed.start());
			String key = numbers.get(parsed.cadreId()) + "|" + all.get(parsed.unitId()).code() + "|" + parsed.role() + "|" + parsed.start();
			if (current == null) {
				cadres.insertMembership(parsed.cadreId(), parsed.unitId(), parsed.role(), parsed.start(), parsed.end());
				changes.inserted(key, endValues(parsed.end()));
			}
			else if (!Objects.equals(current.endDate(), parsed.end())) {
				changes.updated(key, endValues(current.endDate()), endValues(parsed.end()));
				cadres.endMembership(current.id(), parsed.end());
			}
			else {
				unchanged++;
			}
		}
		return done("team-members", filename, scope, changes, unchanged, "team_membership");
	}

	private static Cadre cadre(String number, Map<String, Cadre> byNumber, Scope scope, Map<Long, Unit> all,
			List<FieldProblem> problems) {
		Cadre cadre = byNumber.get(number);
		if (number.isEmpty()) {
			problems.add(new FieldProblem("cadre_no", "import.error.required"));
		}
		else if (cadre == null || !inScope(scope, all, cadre.homeUnitId())) {
			problems.add(new FieldProblem("cadre_no", "cadre.notFound", number));
			return null;
		}
		return cadre;
	}

	private static boolean inScope(Scope scope, Map<Long, Unit> all, long unitId) {
		Unit unit = all.get(unitId);
		return unit != null && scope.contains(unit);
	}

	private static Unit unit(String code, Map<String, Unit> unitsByCode, Scope scope, List<FieldProblem> problems) {
		Unit unit = unitsByCode.get(code);
		if (code.isEmpty()) {
			problems.add(new FieldProblem("unit_code", "import.error.required"));
		}
		else if (unit == null || !scope.contains(unit)) {
			problems.add(new FieldProblem("unit_code", "unit.notFound", code));
			return null;
		}
		return unit;
	}

	static Boolean yesNo(Cell cell) {
		return switch (cell.trimmed().toUpperCase(Locale.ROOT)) {
			case "", "N", "NO", "否", "FALSE", "0" -> Boolean.FALSE;
			case "Y", "YES", "是", "TRUE", "1" -> Boolean.TRUE;
			default -> null;
		};
	}

	private static String postKey(long cadreId, long unitId, String title, LocalDate start) {
		return cadreId + "|" + unitId + "|" + title + "|" + start;
	}

	private ImportReport failed(String kind, String filename, ImportErrors errors) {
		return imports.refused(kind, filename, errors);
	}

	private ImportReport done(String kind, String filename, Scope scope, ImportChanges changes, int unchanged, String... tables) {
		statistics.afterBulkWrite(changes.insertedCount() + changes.updatedCount(), tables);
		return imports.done(kind, filename, scope.rootId(), changes, unchanged);
	}

	/** The cadres' numbers by id, for the trail's row keys. */
	private static Map<Long, String> numbers(Map<String, Cadre> byNumber) {
		Map<Long, String> numbers = new HashMap<>();
		byNumber.values().forEach(cadre -> numbers.put(cadre.id(), cadre.cadreNo()));
		return numbers;
	}

	private static Map<String, Object> postValues(@Nullable LocalDate end, boolean key, PostReason reason) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("end", end == null ? null : end.toString());
		values.put("keyPost", key);
		values.put("reason", reason.name());
		return values;
	}

	private static Map<String, Object> endValues(@Nullable LocalDate end) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("end", end == null ? null : end.toString());
		return values;
	}
}
