package org.banzi.study;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import org.banzi.audit.ImportAudit;
import org.banzi.audit.ImportChanges;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
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
import org.banzi.platform.tabular.ImportErrors;
import org.banzi.platform.tabular.ImportProgress;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.banzi.platform.tabular.TabularSheet;
import org.banzi.platform.tabular.Upload;
import org.banzi.platform.tabular.UploadLimits;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
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
	private static final Logger log = LoggerFactory.getLogger(StudyImporter.class);
	private static final int BATCH = 1000;
	/** How much CSV is sent to the staging table at once. */
	private static final int COPY_BUFFER = 1 << 20;

	private final TabularReader reader;
	private final StudyService service;
	private final Cadres cadres;
	private final Units units;
	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;
	private final ImportAudit imports;
	private final MessageSource messages;
	private final BulkStatistics statistics;
	private final UploadLimits limits;
	private final DataSource dataSource;

	StudyImporter(TabularReader reader, StudyService service, Cadres cadres, Units units, JdbcClient jdbc,
			NamedParameterJdbcTemplate batch, ImportAudit imports, MessageSource messages, BulkStatistics statistics,
			UploadLimits limits, DataSource dataSource) {
		this.limits = limits;
		this.dataSource = dataSource;
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

	/** A session's row as read and checked. */
	private record ParsedSession(int row, Unit unit, LocalDate date, String topic, BigDecimal hours, String speaker, String content,
			List<String> present, Map<String, String> absent) {

		String key() {
			return key(unit.id(), date, topic);
		}

		/** A session's natural key: its unit, day and topic. */
		static String key(long unitId, LocalDate date, String topic) {
			return unitId + "|" + date + "|" + topic;
		}
	}

	@Transactional
	public ImportReport importSessions(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = read(filename, content, SESSION_COLUMNS, locale);
		Scope scope = units.scopeOf(user);
		Map<String, Unit> unitsByCode = sheet.errors().isEmpty() ? units.findByCodes(sheet.texts("unit_code")) : Map.of();
		SheetImport.Rows<ParsedSession> rows = SheetImport.check(sheet, row -> {
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
			return problems.isEmpty() ? Checked.of(new ParsedSession(row.number(), unit, date, topic, hours, row.text("speaker"),
					row.text("central_content"), row.list("attendees"), absent)) : Checked.refused(problems);
		}, ParsedSession::key, "topic", "cadre.post.duplicate");
		ImportErrors errors = rows.errors();
		if (rows.refused()) {
			return failed("group-session", filename, errors);
		}
		List<ParsedSession> parsed = rows.valid();
		Set<String> numbers = new HashSet<>();
		parsed.forEach(session -> {
			numbers.addAll(session.present());
			numbers.addAll(session.absent().keySet());
		});
		Map<String, Cadre> byNumber = cadres.findByNos(numbers);
		Map<Integer, Long> existingIds = existingSessions(parsed);
		Set<Long> replaced = new HashSet<>(existingIds.values());
		Map<Long, List<Membership>> histories = cadres.teamHistories(parsed.stream().map(session -> session.unit().id()).toList());
		Set<Long> presentIds = new HashSet<>();
		LocalDate from = LocalDate.MAX;
		LocalDate to = LocalDate.MIN;
		for (ParsedSession session : parsed) {
			List<String> everyone = new ArrayList<>(session.present());
			everyone.addAll(session.absent().keySet());
			Set<Long> members = new HashSet<>();
			histories.getOrDefault(session.unit().id(), List.of()).stream().filter(m -> m.heldOn(session.date()))
				.forEach(m -> members.add(m.cadreId()));
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
			for (ParsedSession session : parsed) {
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
		List<ParsedSession> added = new ArrayList<>();
		Map<Integer, Long> sessionIds = new HashMap<>();
		for (ParsedSession session : parsed) {
			Long id = existingIds.get(session.row());
			String key = session.unit().code() + "|" + session.date() + "|" + session.topic();
			Map<String, Object> after = sessionValues(session.hours(), session.speaker(), session.content(), session.present(),
					session.absent());
			if (id == null) {
				added.add(session);
				changes.inserted(key, after);
				continue;
			}
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
			sessionIds.put(session.row(), id);
		}
		sessionIds.putAll(insertSessions(added, user.username()));
		List<Attendance> attendance = new ArrayList<>();
		for (ParsedSession session : parsed) {
			Long sessionId = sessionIds.get(session.row());
			if (sessionId == null) {
				continue;
			}
			session.present().forEach(number -> attendance.add(new Attendance(sessionId, byNumber.get(number).id(), true, "")));
			session.absent().forEach((number, reason) -> attendance.add(new Attendance(sessionId, byNumber.get(number).id(), false,
					reason)));
		}
		insertAttendance(attendance);
		return done("group-session", filename, scope, changes, unchanged, "group_session", "group_session_attendance");
	}

	/** The stored sessions the rows name (unit, day and topic), by row number, in one query a batch. */
	private Map<Integer, Long> existingSessions(List<ParsedSession> sessions) {
		Map<Integer, Long> ids = new HashMap<>();
		Slices.each(sessions, BATCH, slice -> {
			jdbc.sql("""
					SELECT k.n, s.id
					  FROM unnest(CAST(:units AS bigint[]), CAST(:days AS date[]), CAST(:topics AS text[]), CAST(:rows AS int[]))
					       AS k (unit_id, day, topic, n)
					  JOIN group_session s ON s.unit_id = k.unit_id AND s.session_date = k.day AND s.topic = k.topic
					""")
				.param("units", slice.stream().map(session -> session.unit().id()).toArray(Long[]::new))
				.param("days", slice.stream().map(session -> session.date().toString()).toArray(String[]::new))
				.param("topics", slice.stream().map(ParsedSession::topic).toArray(String[]::new))
				.param("rows", slice.stream().map(ParsedSession::row).toArray(Integer[]::new))
				.query(rs -> {
					ids.put(rs.getInt(1), rs.getLong(2));
				});
		});
		return ids;
	}

	/** Inserts new sessions a batch a statement; their ids by row number. */
	private Map<Integer, Long> insertSessions(List<ParsedSession> sessions, String createdBy) {
		Map<Integer, Long> ids = new HashMap<>();
		Map<String, Integer> rows = new HashMap<>();
		sessions.forEach(session -> rows.put(session.key(), session.row()));
		Slices.each(sessions, BATCH, slice -> {
			jdbc.sql("""
					INSERT INTO group_session (unit_id, session_date, topic, central_content, speaker, hours, created_by)
					SELECT unit_id, day, topic, content, speaker, hours, :by
					  FROM unnest(CAST(:units AS bigint[]), CAST(:days AS date[]), CAST(:topics AS text[]), CAST(:contents AS text[]),
					              CAST(:speakers AS text[]), CAST(:hours AS numeric[]))
					       AS k (unit_id, day, topic, content, speaker, hours)
					RETURNING id, unit_id, session_date, topic
					""")
				.param("units", slice.stream().map(session -> session.unit().id()).toArray(Long[]::new))
				.param("days", slice.stream().map(session -> session.date().toString()).toArray(String[]::new))
				.param("topics", slice.stream().map(ParsedSession::topic).toArray(String[]::new))
				.param("contents", slice.stream().map(ParsedSession::content).toArray(String[]::new))
				.param("speakers", slice.stream().map(ParsedSession::speaker).toArray(String[]::new))
				.param("hours", slice.stream().map(ParsedSession::hours).toArray(BigDecimal[]::new))
				.param("by", createdBy)
				.query(rs -> {
					// a session is named by its unit, day and topic, which the file holds once each
					ids.put(rows.get(ParsedSession.key(rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getString(4))), rs.getLong(1));
				});
		});
		return ids;
	}

	/** One row of a session's attendance, as written. */
	private record Attendance(long sessionId, long cadreId, boolean present, String absenceReason) {
	}

	/** Inserts attendance a batch a statement. */
	private void insertAttendance(List<Attendance> rows) {
		Slices.each(rows, BATCH, slice -> jdbc.sql("""
				INSERT INTO group_session_attendance (session_id, cadre_id, present, absence_reason)
				SELECT * FROM unnest(CAST(:sessions AS bigint[]), CAST(:cadres AS bigint[]), CAST(:present AS boolean[]),
				                     CAST(:reasons AS text[]))
				""")
			.param("sessions", slice.stream().map(Attendance::sessionId).toArray(Long[]::new))
			.param("cadres", slice.stream().map(Attendance::cadreId).toArray(Long[]::new))
			.param("present", slice.stream().map(Attendance::present).toArray(Boolean[]::new))
			.param("reasons", slice.stream().map(Attendance::absenceReason).toArray(String[]::new))
			.update());
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

	/** The whole content of a file kept on disk, for the imports that read it in memory (within their limit). */
	public byte[] whole(Upload upload) {
		return upload.bytes(limits);
	}

	/**
	 * Imports a file of self-study entries as it is read, in bounded memory whatever its size: each row checked on its
	 * own (dates, hours, material) and copied into a staging table of the transaction; then the database finds the
	 * cadres outside the user's scope, the rows repeating another's key and the days over the hours a day has; the
	 * entries are inserted or updated from the staging table, and the audit trail gets every changed row, a chunk at a
	 * time. All or nothing: a refused file leaves nothing, the staging table going with the transaction.
	 */
	@Transactional
	public ImportReport importSelfStudy(CurrentUser user, Upload upload, Locale locale) {
		String filename = upload.filename();
		TabularSheet sheet = reader.open(upload);
		Scope scope = units.scopeOf(user);
		ImportErrors errors = new ImportErrors(messages, locale, limits.maxListedErrors());
		jdbc.sql("DROP TABLE IF EXISTS self_study_staging").update();
		jdbc.sql("""
				CREATE TEMP TABLE self_study_staging (row_no INT NOT NULL, cadre_no TEXT NOT NULL, study_date DATE NOT NULL,
				    hours NUMERIC(4, 2) NOT NULL, material TEXT NOT NULL, cadre_id BIGINT, previous NUMERIC(4, 2)) ON COMMIT DROP""")
			.update();
		StagingCopy staging = new StagingCopy("COPY self_study_staging (row_no, cadre_no, study_date, hours, material) FROM STDIN (FORMAT csv)");
		try {
			SheetImport.stream(sheet, SELF_STUDY_COLUMNS, errors, row -> {
				List<FieldProblem> problems = new ArrayList<>();
				String number = row.text("cadre_no");
				if (number.isEmpty()) {
					problems.add(new FieldProblem("cadre_no", "cadre.notFound", number));
				}
				LocalDate date = date(row, problems);
				BigDecimal hours = hours(row, problems);
				String material = row.text("material");
				if (material.isEmpty()) {
					problems.add(new FieldProblem("material", "study.material.required"));
				}
				return problems.isEmpty() ? Checked.of(List.<Object>of(row.number(), number, date, hours.toPlainString(), material))
						: Checked.refused(problems);
			}, staging::row);
			staging.finish();
		}
		catch (RuntimeException ex) {
			staging.cancel();
			throw ex;
		}
		jdbc.sql("CREATE INDEX ON self_study_staging (row_no)").update();
		jdbc.sql("ANALYZE self_study_staging").update();
		// the cadres, each looked for once among those of the user's scope
		jdbc.sql("UPDATE self_study_staging s SET cadre_id = c.id FROM (" + Cadres.CADRE_NAMES + ") c"
				+ " WHERE c.cadre_no = s.cadre_no AND c.home_unit_id IN (" + Scope.UNIT_IDS + ")")
			.params(scope.parameters()).update();
		stagedErrors(errors, "SELECT row_no, cadre_no, count(*) OVER () FROM self_study_staging WHERE cadre_id IS NULL ORDER BY row_no",
				Map.of(), rs -> errors.add(rs.getInt(1), "cadre_no", "cadre.notFound", rs.getString(2)));
		// a row repeating an earlier row's cadre, day and material
		stagedErrors(errors, """
				SELECT row_no, earlier, count(*) OVER () FROM (
				    SELECT row_no, min(row_no) OVER (PARTITION BY cadre_id, study_date, material) AS earlier
				      FROM self_study_staging WHERE cadre_id IS NOT NULL) d
				 WHERE row_no <> earlier ORDER BY row_no""", Map.of(),
				rs -> errors.add(rs.getInt(1), "material", "cadre.post.duplicate", rs.getInt(2)));
		if (!errors.isEmpty()) {
			return failed("self-study", filename, errors);
		}
		jdbc.sql("""
				UPDATE self_study_staging s SET previous = t.hours FROM self_study t
				 WHERE t.cadre_id = s.cadre_id AND t.study_date = s.study_date AND t.material = s.material""").update();
		// the hours of each day in row order: those recorded (self-study and sessions attended), with each row's
		// hours in place of what it replaces
		stagedErrors(errors, """
				WITH days AS (SELECT DISTINCT cadre_id, study_date FROM self_study_staging),
				recorded AS (
				    SELECT cadre_id, day, sum(hours) AS hours FROM (
				        SELECT t.cadre_id, t.study_date AS day, t.hours FROM self_study t JOIN days d
				            ON d.cadre_id = t.cadre_id AND d.study_date = t.study_date
				        UNION ALL
				        SELECT a.cadre_id, g.session_date, g.hours FROM group_session g
				          JOIN group_session_attendance a ON a.session_id = g.id AND a.present
				          JOIN days d ON d.cadre_id = a.cadre_id AND d.study_date = g.session_date) r
				     GROUP BY cadre_id, day)
				SELECT row_no, study_date, count(*) OVER () FROM (
				    SELECT s.row_no, s.study_date, coalesce(r.hours, 0)
				           + sum(s.hours - coalesce(s.previous, 0)) OVER (PARTITION BY s.cadre_id, s.study_date ORDER BY s.row_no) AS total
				      FROM self_study_staging s LEFT JOIN recorded r ON r.cadre_id = s.cadre_id AND r.day = s.study_date) t
				 WHERE total > :day ORDER BY row_no""", Map.of("day", StudyService.DAY),
				rs -> errors.add(rs.getInt(1), "hours", "study.hours.dayExceededOwn", rs.getObject(2, LocalDate.class), "0"));
		if (!errors.isEmpty()) {
			return failed("self-study", filename, errors);
		}
		int inserted = jdbc.sql("""
				INSERT INTO self_study (cadre_id, study_date, hours, material)
				SELECT cadre_id, study_date, hours, material FROM self_study_staging WHERE previous IS NULL ORDER BY row_no""").update();
		int updated = jdbc.sql("""
				UPDATE self_study t SET hours = s.hours FROM self_study_staging s
				 WHERE s.previous <> s.hours AND t.cadre_id = s.cadre_id AND t.study_date = s.study_date AND t.material = s.material""")
			.update();
		int unchanged = jdbc.sql("SELECT count(*) FROM self_study_staging WHERE previous = hours").query(Integer.class).single();
		auditChangedRows(filename, scope);
		statistics.afterBulkWrite(inserted + updated, "self_study");
		return imports.done("self-study", filename, scope.rootId(), inserted, updated, unchanged);
	}

	/**
	 * Reports the rows an SQL check over the staging table finds: as many as the errors may still list, read in row
	 * order; the rest counted (the query's last column is {@code count(*) OVER ()}).
	 */
	private void stagedErrors(ImportErrors errors, String sql, Map<String, Object> params, StagedError report) {
		int room = errors.room();
		long[] found = { 0 };
		int[] listed = { 0 };
		jdbc.sql(sql + " LIMIT :room").params(params).param("room", Math.max(1, room))
			.query(rs -> {
				found[0] = rs.getLong(rs.getMetaData().getColumnCount());
				if (listed[0] < room) {
					report.add(rs);
					listed[0]++;
				}
			});
		errors.countMore(found[0] - listed[0]);
	}

	@FunctionalInterface
	private interface StagedError {
		void add(java.sql.ResultSet rs) throws SQLException;
	}

	/** Each staged row that was inserted or updated into the audit trail, read and written a chunk at a time. */
	private void auditChangedRows(String filename, Scope scope) {
		int after = 0;
		while (true) {
			List<Map<String, Object>> chunk = new ArrayList<>();
			int[] last = { after };
			jdbc.sql("""
					SELECT row_no, cadre_no, study_date, material, previous, hours FROM self_study_staging
					 WHERE row_no > :after AND (previous IS NULL OR previous <> hours) ORDER BY row_no LIMIT :chunk""")
				.param("after", after).param("chunk", ImportAudit.ROWS_PER_RECORD)
				.query(rs -> {
					last[0] = rs.getInt(1);
					String key = rs.getString(2) + "|" + rs.getObject(3, LocalDate.class) + "|" + rs.getString(4);
					BigDecimal previous = rs.getBigDecimal(5);
					Map<String, Object> hours = Map.of("hours", rs.getBigDecimal(6).stripTrailingZeros().toPlainString());
					chunk.add(ImportAudit.change(key, previous == null ? Map.of()
							: Map.of("hours", previous.stripTrailingZeros().toPlainString()), hours));
					ImportProgress.rowWritten();
				});
			if (chunk.isEmpty()) {
				return;
			}
			imports.rows("self-study", filename, scope.rootId(), chunk);
			after = last[0];
		}
	}

	/**
	 * Rows copied into a staging table as they come, through PostgreSQL's COPY (on the transaction's own connection),
	 * in CSV a buffer at a time; finished when every row is in, cancelled when the reading stops on an error.
	 */
	private final class StagingCopy {

		private final CopyIn copy;
		private final StringBuilder buffer = new StringBuilder();

		StagingCopy(String sql) {
			try {
				copy = DataSourceUtils.getConnection(dataSource).unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("The staging table cannot be copied into", ex);
			}
		}

		void row(List<Object> values) {
			for (int i = 0; i < values.size(); i++) {
				if (i > 0) {
					buffer.append(',');
				}
				buffer.append('"').append(String.valueOf(values.get(i)).replace("\"", "\"\"")).append('"');
			}
			buffer.append('\n');
			if (buffer.length() >= COPY_BUFFER) {
				flush();
			}
		}

		private void flush() {
			byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
			buffer.setLength(0);
			try {
				copy.writeToCopy(bytes, 0, bytes.length);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("The staging table cannot be copied into", ex);
			}
		}

		void finish() {
			flush();
			try {
				copy.endCopy();
			}
			catch (SQLException ex) {
				throw new IllegalStateException("The staging table cannot be copied into", ex);
			}
		}

		void cancel() {
			try {
				if (copy.isActive()) {
					copy.cancelCopy();
				}
			}
			catch (SQLException ex) {
				// the import's own error is the one to report; the transaction is rolled back with its connection
				log.warn("Copying into the staging table could not be cancelled", ex);
			}
		}
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
		Slices.each(rows, BATCH, slice -> batch.batchUpdate(sql, slice.toArray(SqlParameterSource[]::new)));
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
