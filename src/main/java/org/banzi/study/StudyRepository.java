package org.banzi.study;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StudyRepository {

	private final JdbcClient jdbc;

	private final org.banzi.platform.db.Memo memo;

	StudyRepository(JdbcClient jdbc, org.banzi.platform.db.Memo memo) {
		this.memo = memo;
		this.jdbc = jdbc;
	}

	record Session(long id, long unitId, LocalDate date, String topic, String centralContent, String speaker,
			BigDecimal hours, String createdBy, int present, int absent) {
	}

	record Attendance(long cadreId, boolean present, String absenceReason) {
	}

	record SelfStudy(long id, long cadreId, LocalDate date, BigDecimal hours, String material, String checkStatus,
			@Nullable String checkedBy) {
	}

	record Note(long id, long cadreId, LocalDate date, String title, String content, int characters) {
	}

	record PlanItem(long id, long unitId, int year, int month, String topic, String centralContent, String speaker) {
	}

	record Material(long id, String filename, String contentType, long size) {
	}

	/** Hours a cadre already has on a day: sessions attended and self-study, together. */
	BigDecimal hoursOn(long cadreId, LocalDate day, long excludeSessionId) {
		return jdbc.sql("""
				SELECT COALESCE((SELECT sum(hours) FROM self_study WHERE cadre_id = :cadre AND study_date = :day), 0)
				     + COALESCE((SELECT sum(s.hours) FROM group_session s JOIN group_session_attendance a ON a.session_id = s.id
				                  WHERE a.cadre_id = :cadre AND a.present AND s.session_date = :day AND s.id <> :exclude), 0)
				""")
			.param("cadre", cadreId)
			.param("day", day)
			.param("exclude", excludeSessionId)
			.query(BigDecimal.class)
			.single();
	}

	long insertSession(long unitId, LocalDate date, String topic, String content, String speaker, BigDecimal hours,
			String createdBy) {
		return jdbc.sql("""
				INSERT INTO group_session (unit_id, session_date, topic, central_content, speaker, hours, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
				""")
			.params(unitId, date, topic, content, speaker, hours, createdBy)
			.query(Long.class)
			.single();
	}

	Optional<Session> findSession(long unitId, LocalDate date, String topic) {
		return jdbc.sql(SESSIONS + " WHERE s.unit_id = ? AND s.session_date = ? AND s.topic = ? GROUP BY s.id")
			.params(unitId, date, topic)
			.query(StudyRepository::session)
			.optional();
	}

	Optional<Session> findSession(long id) {
		return jdbc.sql(SESSIONS + " WHERE s.id = ? GROUP BY s.id").param(id).query(StudyRepository::session).optional();
	}

	private static final String SESSIONS = """
			SELECT s.*, count(*) FILTER (WHERE a.present) AS present, count(*) FILTER (WHERE NOT a.present) AS absent
			  FROM group_session s LEFT JOIN group_session_attendance a ON a.session_id = s.id
			""";

	private static Session session(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Session(rs.getLong("id"), rs.getLong("unit_id"), rs.getObject("session_date", LocalDate.class),
				rs.getString("topic"), rs.getString("central_content"), rs.getString("speaker"), rs.getBigDecimal("hours"),
				rs.getString("created_by"), rs.getInt("present"), rs.getInt("absent"));
	}

	/** Sessions of the scope in a year, or in one month of it. */
	Page<Session> sessions(Scope scope, @Nullable Integer month, int year, int page, int size) {
		String where = " WHERE s.unit_id IN (" + Scope.UNIT_IDS + ") AND s.session_date >= :from AND s.session_date < :to";
		Map<String, Object> params = new java.util.HashMap<>(scope.parameters());
		boolean oneMonth = month != null && month >= 1 && month <= 12;
		LocalDate from = oneMonth ? LocalDate.of(year, month, 1) : LocalDate.of(year, 1, 1);
		params.put("from", from);
		params.put("to", oneMonth ? from.plusMonths(1) : LocalDate.of(year + 1, 1, 1));
		long total = jdbc.sql("SELECT count(*) FROM group_session s" + where).params(params).query(Long.class).single();
		// the page's sessions first, then the attendance of those alone
		List<Session> items = jdbc.sql("""
				SELECT s.*, c.present, c.absent
				  FROM (SELECT s.* FROM group_session s""" + where + """
				         ORDER BY s.session_date DESC, s.id DESC LIMIT :limit OFFSET :offset) s
				  LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE a.present) AS present, count(*) FILTER (WHERE NOT a.present) AS absent
				                       FROM group_session_attendance a WHERE a.session_id = s.id) c ON true
				 ORDER BY s.session_date DESC, s.id DESC""")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(StudyRepository::session)
			.list();
		return new Page<>(items, page, size, total);
	}

	void insertAttendance(long sessionId, long cadreId, boolean present, String reason) {
		jdbc.sql("INSERT INTO group_session_attendance (session_id, cadre_id, present, absence_reason) VALUES (?, ?, ?, ?)")
			.params(sessionId, cadreId, present, reason)
			.update();
	}

	List<Attendance> attendance(long sessionId) {
		return jdbc.sql("SELECT cadre_id, present, absence_reason FROM group_session_attendance WHERE session_id = ? ORDER BY present DESC, cadre_id")
			.param(sessionId)
			.query((rs, n) -> new Attendance(rs.getLong(1), rs.getBoolean(2), rs.getString(3)))
			.list();
	}

	long insertMaterial(long sessionId, String filename, String contentType, byte[] data) {
		return jdbc.sql("INSERT INTO group_session_material (session_id, filename, content_type, size, data) VALUES (?, ?, ?, ?, ?) RETURNING id")
			.params(sessionId, filename, contentType, (long) data.length, data)
			.query(Long.class)
			.single();
	}

	List<Material> materials(long sessionId) {
		return jdbc.sql("SELECT id, filename, content_type, size FROM group_session_material WHERE session_id = ? ORDER BY id")
			.param(sessionId)
			.query((rs, n) -> new Material(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
	}

	Optional<byte[]> materialData(long sessionId, long materialId) {
		return jdbc.sql("SELECT data FROM group_session_material WHERE session_id = ? AND id = ?")
			.params(sessionId, materialId)
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	/**
	 * Until the transaction ends, no other transaction that asks the same gets past this for the cadre: two of a cadre's
	 * own entries written at once each see the other's hours of the day, and the same entry twice is found once.
	 */
	void lockStudyOf(long cadreId) {
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('banzi.study', ?))").param(cadreId).query().singleValue();
	}

	/** The new entry's id; empty if the cadre has one with that date and material (written before, or meanwhile by another). */
	Optional<Long> insertSelfStudy(long cadreId, LocalDate date, BigDecimal hours, String material) {
		return jdbc.sql("INSERT INTO self_study (cadre_id, study_date, hours, material) VALUES (?, ?, ?, ?)"
				+ " ON CONFLICT ON CONSTRAINT self_study_uk DO NOTHING RETURNING id")
			.params(cadreId, date, hours, material)
			.query(Long.class)
			.optional();
	}

	Optional<SelfStudy> findSelfStudy(long id) {
		return jdbc.sql("SELECT * FROM self_study WHERE id = ?").param(id).query(StudyRepository::selfStudy).optional();
	}

	private static SelfStudy selfStudy(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new SelfStudy(rs.getLong("id"), rs.getLong("cadre_id"), rs.getObject("study_date", LocalDate.class),
				rs.getBigDecimal("hours"), rs.getString("material"), rs.getString("check_status"), rs.getString("checked_by"));
	}

	List<SelfStudy> selfStudyOf(long cadreId, int year, int limit) {
		return jdbc.sql("SELECT * FROM self_study WHERE cadre_id = ? AND study_date >= ? AND study_date < ? ORDER BY study_date DESC, id DESC LIMIT ?")
			.params(cadreId, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1), limit)
			.query(StudyRepository::selfStudy)
			.list();
	}

	/**
	 * A page of the self-study entries of a scope's cadres in a year, or in one month of it, optionally by check status.
	 * Read along the date index, newest first (planned for its own scope, see the pool's settings).
	 */
	@org.springframework.transaction.annotation.Transactional(readOnly = true)
	Page<SelfStudy> selfStudyIn(Scope scope, int year, @Nullable Integer month, @Nullable String status, int page, int size) {
		String where = " WHERE e.cadre_id IN (SELECT id FROM (" + Cadres.CADRES + ") c WHERE home_unit_id IN (" + Scope.UNIT_IDS + "))"
				+ " AND e.study_date >= :from AND e.study_date < :to" + (status == null ? "" : " AND e.check_status = :status");
		Map<String, Object> params = new java.util.HashMap<>(scope.parameters());
		LocalDate from = month == null ? LocalDate.of(year, 1, 1) : LocalDate.of(year, month, 1);
		params.put("from", from);
		params.put("to", month == null ? LocalDate.of(year + 1, 1, 1) : from.plusMonths(1));
		if (status != null) {
			params.put("status", status);
		}
		// the count reads every entry of the year; kept until an entry, a cadre or a unit changes
		long total = memo.remember(List.of(StudyRepository.class, "selfStudyCount", scope, from, params.get("to"), String.valueOf(status)),
				List.of("self_study", "cadre", "org_unit"),
				() -> jdbc.sql("SELECT count(*) FROM self_study e" + where).params(params).query(Long.class).single());
		List<SelfStudy> items = jdbc.sql("SELECT e.* FROM self_study e" + where + " ORDER BY e.study_date DESC, e.id DESC LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(StudyRepository::selfStudy)
			.list();
		return new Page<>(items, page, size, total);
	}

	void check(long id, String status, String by) {
		jdbc.sql("UPDATE self_study SET check_status = ?, checked_by = ?, checked_at = now() WHERE id = ?").params(status, by, id).update();
	}

	/** The new note's id; empty if the cadre has one with that date and title (written before, or meanwhile by another). */
	Optional<Long> insertNote(long cadreId, LocalDate date, String title, String content, int characters) {
		return jdbc.sql("INSERT INTO study_note (cadre_id, note_date, title, content, characters) VALUES (?, ?, ?, ?, ?)"
				+ " ON CONFLICT ON CONSTRAINT study_note_uk DO NOTHING RETURNING id")
			.params(cadreId, date, title, content, characters)
			.query(Long.class)
			.optional();
	}

	List<Note> notesOf(long cadreId, int year, int limit) {
		return jdbc.sql("SELECT * FROM study_note WHERE cadre_id = ? AND note_date >= ? AND note_date < ? ORDER BY note_date DESC, id DESC LIMIT ?")
			.params(cadreId, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1), limit)
			.query((rs, n) -> new Note(rs.getLong("id"), rs.getLong("cadre_id"), rs.getObject("note_date", LocalDate.class),
					rs.getString("title"), rs.getString("content"), rs.getInt("characters")))
			.list();
	}

	List<PlanItem> plan(long unitId, int year) {
		return jdbc.sql("SELECT * FROM study_plan_item WHERE unit_id = ? AND year = ? ORDER BY month, id")
			.params(unitId, year)
			.query((rs, n) -> new PlanItem(rs.getLong("id"), rs.getLong("unit_id"), rs.getInt("year"), rs.getInt("month"),
					rs.getString("topic"), rs.getString("central_content"), rs.getString("speaker")))
			.list();
	}

	long insertPlanItem(long unitId, int year, int month, String topic, String content, String speaker) {
		return jdbc.sql("INSERT INTO study_plan_item (unit_id, year, month, topic, central_content, speaker) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")
			.params(unitId, year, month, topic, content, speaker)
			.query(Long.class)
			.single();
	}

	int deletePlanItem(long unitId, long id) {
		return jdbc.sql("DELETE FROM study_plan_item WHERE unit_id = ? AND id = ?").params(unitId, id).update();
	}

	Map<Long, String> cadreNames(Collection<Long> ids) {
		Map<Long, String> names = new java.util.HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("SELECT id, name || ' (' || cadre_no || ')' FROM (" + Cadres.CADRE_NAMES + ") c WHERE id = ANY(:ids)")
				.param("ids", ids.toArray(Long[]::new))
				.query(rs -> {
					names.put(rs.getLong(1), rs.getString(2));
				});
		}
		return names;
	}
}
