package org.banzi.study;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
import org.banzi.platform.tabular.CellValues;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportErrors;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports central-group sessions, self-study and notes (XLSX or CSV): every row checked first, including the day's
 * hours across sessions and self-study already recorded; nothing written if one row is bad; rows matched by their
 * natural keys so that a re-import changes nothing.
 */
@Service
public class StudyImporter {

	static final List<Column> SESSION_COLUMNS = List.of(Column.required("unit_code", "单位编码"), Column.required("date", "日期").date(),
			Column.required("topic", "主题"), Column.required("hours", "学时").number(), Column.optional("speaker", "主讲人"),
			Column.required("attendees", "参加人员"), Column.optional("absent", "缺席人员"),
			Column.optional("central_content", "中心内容"));
	static final List<Column> SELF_STUDY_COLUMNS = List.of(Column.required("cadre_no", "干部编号"), Column.required("date", "日期").date(),
			Column.required("hours", "学时").number(), Column.required("material", "学习内容"));
	static final List<Column> NOTE_COLUMNS = List.of(Column.required("cadre_no", "干部编号"), Column.required("date", "日期").date(),
			Column.required("title", "标题"), Column.required("content", "内容"));
	private static final int BATCH = 1000;

	private final TabularReader reader;
	private final StudyService service;
	private final Cadres cadres;
	private final Units units;
	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;
	private final ImportAudit imports;
	private final MessageSource messages;
	private final BulkStatistics statistics;

	StudyImporter(TabularReader reader, StudyService service, Cadres cadres, Units units, JdbcClient jdbc,
			NamedParameterJdbcTemplate batch, ImportAudit imports, MessageSource messages, BulkStatistics statistics) {
		this.reader = reader;
		this.service = service;
		this.cadres = cadres;
		this.units = units;
		this.jdbc = jdbc;
		this.batch = batch;
		this.imports = imports;
		this.messages = messages;
		this.statistics = statistics;
	}

	private ParsedSheet read(String filename, byte[] content, List<Column> columns, Locale locale) {
		return ParsedSheet.read(reader, messages, filename, content, columns, locale);
	}

	/** Hours already recorded per cadre and day, for the cadres and the period of a file. */
	private Map<String, BigDecimal> dayTotals(Set<Long> cadreIds, LocalDate from, LocalDate to, Set<Long> excludeSessions) {
		Map<String, BigDecimal> totals = new HashMap<>();
		if (cadreIds.isEmpty()) {
			return totals;
		}
		jdbc.sql("""
				SELECT cadre_id, day, sum(hours) FROM (
				    SELECT cadre_id, study_date AS day, hours FROM self_study
				     WHERE cadre_id = ANY(:ids) AND study_date BETWEEN :from AND :to
				    UNION ALL
				    SELECT a.cadre_id, s.session_date, s.hours FROM group_session s JOIN group_session_attendance a ON a.session_id = s.id
				     WHERE a.present AND a.cadre_id = ANY(:ids) AND s.session_date BETWEEN :from AND :to AND s.id <> ALL(:exclude)
				) t GROUP BY cadre_id, day
				""")
			.param("ids", cadreIds.toArray(Long[]::new))
			.param("from", from)
			.param("to", to)
			.param("exclude", excludeSessions.toArray(Long[]::new))
			.query(rs -> {
				totals.put(rs.getLong(1) + "|" + rs.getObject(2, LocalDate.class), rs.getBigDecimal(3));
			});
		return totals;
	}

	@Transactional
	public ImportReport importSessions(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, SESSION_COLUMNS, locale);
		Scope scope = units.scopeOf(user);
		record Parsed(int row, Unit unit, LocalDate date, String topic, BigDecimal hours, String speaker, String content,
				List<String> present, Map<String, String> absent) {
		}
		Map<String, Unit> unitsByCode = sheet.errors().isEmpty() ? units.findByCodes(sheet.texts("unit_code")) : Map.of();
		SheetImport.Rows<Parsed> rows = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			Unit unit = unitsByCode.get(row.text("unit_code"));
			if (unit == null || !scope.contains(unit)) {
				problems.add(new FieldProblem("unit_code", "unit.notFound", row.text("unit_code")));
			}
			LocalDate date = date(row, problems);
			String topic = row.text("topic");
			if (topic.isEmpty()) {
				problems.add(new FieldProblem("topic", "study.topic.required"));
			}
			BigDecimal hours = hours(row, problems);
			Map<String, String> absent = new LinkedHashMap<>();
			for (String entry : row.list("absent")) {
				int colon = entry.indexOf(':') >= 0 ? entry.indexOf(':') : entry.indexOf('：');
				absent.put(colon < 0 ? entry : entry.substring(0, colon).strip(), colon < 0 ? "" : entry.substring(colon + 1).strip());
			}
			return problems.isEmpty() ? Checked.of(new Parsed(row.number(), unit, date, topic, hours, row.text("speaker"),
					row.text("central_content"), row.list("attendees"), absent)) : Checked.refused(problems);
		}, session -> session.unit().id() + "|" + session.date() + "|" + session.topic(), "topic", "cadre.post.duplicate");
		ImportErrors errors = rows.errors();
		if (rows.refused()) {
			return failed("group-session", filename, errors);
		}
		List<Parsed> parsed = rows.valid();
		Set<String> numbers = new HashSet<>();
		parsed.forEach(session -> {
			numbers.addAll(session.present());
			numbers.addAll(session.absent().keySet());
		});
		Map<String, Cadre> byNumber = cadres.findByNos(numbers);
		Map<Long, List<Long>> memberIdsByUnit = new HashMap<>();
		Set<Long> replaced = new HashSet<>();
		Map<Integer, Long> existingIds = new HashMap<>();
		for (Parsed session : parsed) {
			jdbc.sql("SELECT id FROM group_session WHERE unit_id = ? AND session_date = ? AND topic = ?")
				.params(session.unit().id(), session.date(), session.topic())
				.query(Long.class)
				.optional()
				.ifPresent(id -> {
					replaced.add(id);
					existingIds.put(session.row(), id);
				});
		}
		Set<Long> presentIds = new HashSet<>();
		LocalDate from = LocalDate.MAX;
		LocalDate to = LocalDate.MIN;
		for (Parsed session : parsed) {
			List<String> everyone = new ArrayList<>(session.present());
			everyone.addAll(session.absent().keySet());
			List<Long> members = cadres.teamOn(session.unit().id(), session.date()).stream().map(m -> m.cadreId()).toList();
			memberIdsByUnit.put(session.unit().id(), members);
			for (String number : everyone) {
				Cadre cadre = byNumber.get(number);
				if (cadre == null || !members.contains(cadre.id())) {
					errors.add(session.row(), "attendees", "study.attendee.notMember", number, session.date());
				}
				else if (session.present().contains(number)) {
					presentIds.add(cadre.id());
				}
			}
			from = session.date().isBefore(from) ? session.date() : from;
			to = session.date().isAfter(to) ? session.date() : to;
		}
		if (errors.isEmpty() && !parsed.isEmpty()) {
			Map<String, BigDecimal> totals = dayTotals(presentIds, from, to, replaced);
			for (Parsed session : parsed) {
				for (String number : session.present()) {
					String key = byNumber.get(number).id() + "|" + session.date();
					BigDecimal total = totals.getOrDefault(key, BigDecimal.ZERO).add(session.hours());
					totals.put(key, total);
					if (total.compareTo(StudyService.DAY) > 0) {
						errors.add(session.row(), "hours", "study.hours.dayExceeded", number, session.date());
					}
				}
			}
		}
		if (!errors.isEmpty()) {
			return failed("group-session", filename, errors);
		}
		ImportChanges changes = new ImportChanges();
		int unchanged = 0;
		for (Parsed session : parsed) {
			Long id = existingIds.get(session.row());
			String key = session.unit().code() + "|" + session.date() + "|" + session.topic();
			Map<String, Object> after = sessionValues(session.hours(), session.speaker(), session.content(), session.present(),
					session.absent());
			if (id != null) {
				// the stored session, read once: unchanged when it equals the row, else the trail's "before"
				Map<String, Object> before = storedSession(id);
				if (before.equals(after)) {
					unchanged++;
					continue;
				}
				changes.updated(key, before, after);
				jdbc.sql("UPDATE group_session SET hours = ?, speaker = ?, central_content = ? WHERE id = ?")
					.params(session.hours(), session.speaker(), session.content(), id)
					.update();
				jdbc.sql("DELETE FROM group_session_attendance WHERE session_id = ?").param(id).update();
			}
			else {
				id = jdbc.sql("""
						INSERT INTO group_session (unit_id, session_date, topic, central_content, speaker, hours, created_by)
						VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
						""")
					.params(session.unit().id(), session.date(), session.topic(), session.content(), session.speaker(),
							session.hours(), user.username())
					.query(Long.class)
					.single();
				changes.inserted(key, after);
			}
			long sessionId = id;
			session.present().forEach(number -> jdbc.sql("INSERT INTO group_session_attendance (session_id, cadre_id, present) VALUES (?, ?, TRUE)")
				.params(sessionId, byNumber.get(number).id()).update());
			session.absent().forEach((number, reason) -> jdbc.sql(
					"INSERT INTO group_session_attendance (session_id, cadre_id, present, absence_reason) VALUES (?, ?, FALSE, ?)")
				.params(sessionId, byNumber.get(number).id(), reason).update());
		}
		return done("group-session", filename, scope, changes, unchanged, "group_session", "group_session_attendance");
	}

	/** A session's values as the audit trail keeps them: attendees by cadre number, absentees with their reasons. */
	private static Map<String, Object> sessionValues(BigDecimal hours, String speaker, String content, List<String> present,
			Map<String, String> absent) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("hours", hours.stripTrailingZeros().toPlainString());
		values.put("speaker", speaker);
		values.put("centralContent", content);
		values.put("present", present.stream().sorted().toList());
		values.put("absent", new java.util.TreeMap<>(absent));
		return values;
	}

	private Map<String, Object> storedSession(long id) {
		var stored = jdbc.sql("SELECT hours, speaker, central_content FROM group_session WHERE id = ?").param(id)
			.query((rs, n) -> new Object[] { rs.getBigDecimal(1), rs.getString(2), rs.getString(3) })
			.single();
		List<String> present = new ArrayList<>();
		Map<String, String> absent = new HashMap<>();
		jdbc.sql("SELECT c.cadre_no, a.present, a.absence_reason FROM group_session_attendance a JOIN (" + Cadres.CADRE_NAMES
				+ ") c ON c.id = a.cadre_id WHERE a.session_id = ?")
			.param(id)
			.query(rs -> {
				if (rs.getBoolean(2)) {
					present.add(rs.getString(1));
				}
				else {
					absent.put(rs.getString(1), rs.getString(3) == null ? "" : rs.getString(3));
				}
			});
		return sessionValues((BigDecimal) stored[0], (String) stored[1], (String) stored[2], present, absent);
	}

	@Transactional
	public ImportReport importSelfStudy(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, SELF_STUDY_COLUMNS, locale);
		Scope scope = units.scopeOf(user);
		Map<String, Cadre> byNumber = sheet.errors().isEmpty() ? cadres.findByNos(sheet.texts("cadre_no")) : Map.of();
		Map<Long, Boolean> inScope = new HashMap<>();
		record Entry(int row, long cadreId, LocalDate date, BigDecimal hours, String material) {
		}
		SheetImport.Rows<Entry> rows = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			Cadre cadre = cadre(row.text("cadre_no"), byNumber, scope, inScope, problems);
			LocalDate date = date(row, problems);
			BigDecimal hours = hours(row, problems);
			String material = row.text("material");
			if (material.isEmpty()) {
				problems.add(new FieldProblem("material", "study.material.required"));
			}
			return problems.isEmpty() ? Checked.of(new Entry(row.number(), cadre.id(), date, hours, material)) : Checked.refused(problems);
		}, entry -> entry.cadreId() + "|" + entry.date() + "|" + entry.material(), "material", "cadre.post.duplicate");
		ImportErrors errors = rows.errors();
		if (rows.refused()) {
			return failed("self-study", filename, errors);
		}
		sheet = null; // the checked entries are all that is needed of the rows read
		List<Entry> entries = rows.valid();
		LocalDate from = entries.stream().map(Entry::date).min(Comparator.naturalOrder()).orElse(LocalDate.MAX);
		LocalDate to = entries.stream().map(Entry::date).max(Comparator.naturalOrder()).orElse(LocalDate.MIN);
		Map<String, BigDecimal> existing = new HashMap<>();
		if (!entries.isEmpty()) {
			jdbc.sql("SELECT cadre_id, study_date, material, hours FROM self_study WHERE cadre_id = ANY(:ids) AND study_date BETWEEN :from AND :to")
				.param("ids", entries.stream().map(Entry::cadreId).distinct().toArray(Long[]::new))
				.param("from", from)
				.param("to", to)
				.query(rs -> {
					existing.put(rs.getLong(1) + "|" + rs.getObject(2, LocalDate.class) + "|" + rs.getString(3), rs.getBigDecimal(4));
				});
			Map<String, BigDecimal> totals = dayTotals(new HashSet<>(entries.stream().map(Entry::cadreId).toList()), from, to, Set.of());
			for (Entry entry : entries) {
				String dayKey = entry.cadreId() + "|" + entry.date();
				BigDecimal previous = existing.get(dayKey + "|" + entry.material());
				BigDecimal total = totals.getOrDefault(dayKey, BigDecimal.ZERO).add(entry.hours())
					.subtract(previous == null ? BigDecimal.ZERO : previous);
				totals.put(dayKey, total);
				if (total.compareTo(StudyService.DAY) > 0) {
					errors.add(entry.row(), "hours", "study.hours.dayExceededOwn", entry.date(), "0");
				}
			}
		}
		if (!errors.isEmpty()) {
			return failed("self-study", filename, errors);
		}
		// inserted a batch at a time as they go; the audit trail's records are written at the end, so the trail's lock
		// (every audited change of every user waits for it) is held only from then to the commit
		String insert = "INSERT INTO self_study (cadre_id, study_date, hours, material) VALUES (:cadre, :date, :hours, :material)";
		List<SqlParameterSource> inserts = new ArrayList<>();
		ImportChanges changes = new ImportChanges();
		Map<Long, String> numbers = numbers(byNumber);
		int unchanged = 0;
		for (Entry entry : entries) {
			BigDecimal previous = existing.get(entry.cadreId() + "|" + entry.date() + "|" + entry.material());
			String key = numbers.get(entry.cadreId()) + "|" + entry.date() + "|" + entry.material();
			if (previous == null) {
				inserts.add(new MapSqlParameterSource().addValue("cadre", entry.cadreId()).addValue("date", entry.date())
					.addValue("hours", entry.hours()).addValue("material", entry.material()));
				if (inserts.size() >= BATCH) {
					batchInsert(insert, inserts);
					inserts.clear();
				}
				changes.inserted(key, Map.of("hours", entry.hours().stripTrailingZeros().toPlainString()));
			}
			else if (previous.compareTo(entry.hours()) != 0) {
				jdbc.sql("UPDATE self_study SET hours = ? WHERE cadre_id = ? AND study_date = ? AND material = ?")
					.params(entry.hours(), entry.cadreId(), entry.date(), entry.material())
					.update();
				changes.updated(key, Map.of("hours", previous.stripTrailingZeros().toPlainString()),
						Map.of("hours", entry.hours().stripTrailingZeros().toPlainString()));
			}
			else {
				unchanged++;
			}
		}
		batchInsert(insert, inserts);
		return done("self-study", filename, scope, changes, unchanged, "self_study");
	}

	@Transactional
	public ImportReport importNotes(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, NOTE_COLUMNS, locale);
		Scope scope = units.scopeOf(user);
		Map<String, Cadre> byNumber = sheet.errors().isEmpty() ? cadres.findByNos(sheet.texts("cadre_no")) : Map.of();
		Map<Long, Boolean> inScope = new HashMap<>();
		record Note(long cadreId, LocalDate date, String title, String content) {
		}
		SheetImport.Rows<Note> rows = SheetImport.check(sheet, row -> {
			List<FieldProblem> problems = new ArrayList<>();
			Cadre cadre = cadre(row.text("cadre_no"), byNumber, scope, inScope, problems);
			LocalDate date = date(row, problems);
			String title = row.text("title");
			String text = row.cell("content").text();
			problems.addAll(service.checkNote(date == null ? service.today() : date, title, text));
			return problems.isEmpty() ? Checked.of(new Note(cadre.id(), date, title, text)) : Checked.refused(problems);
		}, note -> note.cadreId() + "|" + note.date() + "|" + note.title(), "title", "cadre.post.duplicate");
		if (rows.refused()) {
			return failed("study-note", filename, rows.errors());
		}
		List<Note> notes = rows.valid();
		Map<String, String> existing = new HashMap<>();
		if (!notes.isEmpty()) {
			jdbc.sql("SELECT cadre_id, note_date, title, content FROM study_note WHERE cadre_id = ANY(:ids)")
				.param("ids", notes.stream().map(Note::cadreId).distinct().toArray(Long[]::new))
				.query(rs -> {
					existing.put(rs.getLong(1) + "|" + rs.getObject(2, LocalDate.class) + "|" + rs.getString(3), rs.getString(4));
				});
		}
		List<SqlParameterSource> inserts = new ArrayList<>();
		ImportChanges changes = new ImportChanges();
		Map<Long, String> numbers = numbers(byNumber);
		int unchanged = 0;
		for (Note note : notes) {
			String previous = existing.get(note.cadreId() + "|" + note.date() + "|" + note.title());
			String key = numbers.get(note.cadreId()) + "|" + note.date() + "|" + note.title();
			if (previous == null) {
				inserts.add(new MapSqlParameterSource().addValue("cadre", note.cadreId()).addValue("date", note.date())
					.addValue("title", note.title()).addValue("content", note.content())
					.addValue("characters", CharacterCount.of(note.content())));
				changes.inserted(key, noteValues(note.content()));
			}
			else if (!previous.equals(note.content())) {
				jdbc.sql("UPDATE study_note SET content = ?, characters = ? WHERE cadre_id = ? AND note_date = ? AND title = ?")
					.params(note.content(), CharacterCount.of(note.content()), note.cadreId(), note.date(), note.title())
					.update();
				changes.updated(key, noteValues(previous), noteValues(note.content()));
			}
			else {
				unchanged++;
			}
		}
		batchInsert("INSERT INTO study_note (cadre_id, note_date, title, content, characters) VALUES (:cadre, :date, :title, :content, :characters)",
				inserts);
		return done("study-note", filename, scope, changes, unchanged, "study_note");
	}

	private void batchInsert(String sql, List<SqlParameterSource> rows) {
		for (int from = 0; from < rows.size(); from += BATCH) {
			batch.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)).toArray(SqlParameterSource[]::new));
		}
	}

	private Cadre cadre(String number, Map<String, Cadre> byNumber, Scope scope, Map<Long, Boolean> inScope,
			List<FieldProblem> problems) {
		Cadre cadre = byNumber.get(number);
		boolean visible = cadre != null && inScope.computeIfAbsent(cadre.homeUnitId(),
				id -> units.findById(id).map(scope::contains).orElse(false));
		if (!visible) {
			problems.add(new FieldProblem("cadre_no", "cadre.notFound", number));
			return null;
		}
		return cadre;
	}

	private @Nullable LocalDate date(SheetImport.Row row, List<FieldProblem> problems) {
		var cell = row.cell("date");
		if (cell.isBlank()) {
			problems.add(new FieldProblem("date", "study.date.required"));
			return null;
		}
		LocalDate date = CellValues.date(cell).orElse(null);
		if (date == null) {
			problems.add(new FieldProblem("date", "import.error.date", cell.trimmed()));
		}
		else if (date.isAfter(service.today())) {
			problems.add(new FieldProblem("date", "study.date.future"));
		}
		return date;
	}

	private static @Nullable BigDecimal hours(SheetImport.Row row, List<FieldProblem> problems) {
		BigDecimal hours = CellValues.decimal(row.cell("hours")).orElse(null);
		if (hours == null) {
			problems.add(new FieldProblem("hours", "study.hours.required"));
		}
		else if (hours.signum() <= 0 || hours.compareTo(StudyService.DAY) > 0) {
			problems.add(new FieldProblem("hours", "study.hours.range"));
		}
		return hours;
	}

	private ImportReport failed(String kind, String filename, ImportErrors errors) {
		return imports.refused(kind, filename, errors);
	}

	private ImportReport done(String kind, String filename, Scope scope, ImportChanges changes, int unchanged, String... tables) {
		statistics.afterBulkWrite(changes.insertedCount() + changes.updatedCount(), tables);
		return imports.done(kind, filename, scope.rootId(), changes, unchanged);
	}

	/** A note as the audit trail keeps it: its length and a digest of its text, not the text itself. */
	private static Map<String, Object> noteValues(String content) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("characters", CharacterCount.of(content));
		values.put("sha256", ImportChanges.digest(content));
		return values;
	}

	private static Map<Long, String> numbers(Map<String, Cadre> byNumber) {
		Map<Long, String> numbers = new HashMap<>();
		byNumber.values().forEach(cadre -> numbers.put(cadre.id(), cadre.cadreNo()));
		return numbers;
	}
}
