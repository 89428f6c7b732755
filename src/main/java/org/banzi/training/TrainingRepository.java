package org.banzi.training;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
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
class TrainingRepository {

	private final JdbcClient jdbc;

	TrainingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static TrainingClass map(ResultSet rs, int row) throws SQLException {
		return new TrainingClass(rs.getLong("id"), rs.getString("code"), rs.getString("title"), rs.getLong("organizer_unit_id"),
				ClassCategory.valueOf(rs.getString("category")), rs.getObject("start_date", LocalDate.class),
				rs.getObject("end_date", LocalDate.class), rs.getBigDecimal("class_hours"), rs.getString("target_ranks"),
				rs.getString("target_unit_types"), rs.getString("created_by"));
	}

	Optional<TrainingClass> findByCode(String code) {
		return jdbc.sql("SELECT * FROM training_class WHERE code = ?").param(code).query(TrainingRepository::map).optional();
	}

	Map<String, TrainingClass> findByCodes(Collection<String> codes) {
		Map<String, TrainingClass> found = new HashMap<>();
		if (!codes.isEmpty()) {
			jdbc.sql("SELECT * FROM training_class WHERE code = ANY(:codes)")
				.param("codes", codes.toArray(String[]::new))
				.query(TrainingRepository::map)
				.list()
				.forEach(c -> found.put(c.code(), c));
		}
		return found;
	}

	Page<TrainingClass> search(Scope scope, int year, int page, int size) {
		String where = " WHERE organizer_unit_id IN (" + Scope.UNIT_IDS + ") AND start_date >= :from AND start_date < :to";
		Map<String, Object> params = new HashMap<>(scope.parameters());
		params.put("from", LocalDate.of(year, 1, 1));
		params.put("to", LocalDate.of(year + 1, 1, 1));
		long total = jdbc.sql("SELECT count(*) FROM training_class" + where).params(params).query(Long.class).single();
		List<TrainingClass> items = jdbc.sql("SELECT * FROM training_class" + where + " ORDER BY start_date DESC, code LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(TrainingRepository::map)
			.list();
		return new Page<>(items, page, size, total);
	}

	record ClassRow(String code, String title, long organizerUnitId, ClassCategory category, LocalDate start, LocalDate end,
			BigDecimal hours, String targetRanks, String targetUnitTypes) {
	}

	long insert(ClassRow row, String by) {
		return jdbc.sql("""
				INSERT INTO training_class (code, title, organizer_unit_id, category, start_date, end_date, class_hours,
				                            target_ranks, target_unit_types, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
				""")
			.params(row.code(), row.title(), row.organizerUnitId(), row.category().name(), row.start(), row.end(), row.hours(),
					row.targetRanks(), row.targetUnitTypes(), by)
			.query(Long.class)
			.single();
	}

	void update(long id, ClassRow row) {
		jdbc.sql("""
				UPDATE training_class SET title = ?, organizer_unit_id = ?, category = ?, start_date = ?, end_date = ?,
				       class_hours = ? WHERE id = ?
				""")
			.params(row.title(), row.organizerUnitId(), row.category().name(), row.start(), row.end(), row.hours(), id)
			.update();
	}

	record Stage(int stageNo, String title, LocalDate start, LocalDate end) {
	}

	List<Stage> stages(long classId) {
		return jdbc.sql("SELECT stage_no, title, start_date, end_date FROM training_stage WHERE class_id = ? ORDER BY stage_no")
			.param(classId)
			.query((rs, n) -> new Stage(rs.getInt(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)))
			.list();
	}

	void insertStage(long classId, Stage stage) {
		jdbc.sql("INSERT INTO training_stage (class_id, stage_no, title, start_date, end_date) VALUES (?, ?, ?, ?, ?)")
			.params(classId, stage.stageNo(), stage.title(), stage.start(), stage.end())
			.update();
	}

	record EnrolmentRow(long id, long cadreId, String cadreNo, String name, String rank, @Nullable Integer stageNo,
			BigDecimal absentHours, @Nullable String certificate) {
	}

	List<EnrolmentRow> enrolments(long classId) {
		return jdbc.sql("""
				SELECT e.id, e.cadre_id, c.cadre_no, c.name, c.rank, e.stage_no, e.absent_hours, t.number
				  FROM enrolment e JOIN (""" + Cadres.CADRE_NAMES + """
				) c ON c.id = e.cadre_id LEFT JOIN training_certificate t ON t.enrolment_id = e.id
				 WHERE e.class_id = ? ORDER BY c.cadre_no
				""")
			.param(classId)
			.query((rs, n) -> new EnrolmentRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getObject(6, Integer.class), rs.getBigDecimal(7), rs.getString(8)))
			.list();
	}

	Map<Long, BigDecimal> absences(long classId) {
		Map<Long, BigDecimal> found = new HashMap<>();
		jdbc.sql("SELECT cadre_id, absent_hours FROM enrolment WHERE class_id = ?").param(classId).query(rs -> {
			found.put(rs.getLong(1), rs.getBigDecimal(2));
		});
		return found;
	}

	long enrol(long classId, long cadreId, @Nullable Integer stageNo, BigDecimal absent) {
		return jdbc.sql("INSERT INTO enrolment (class_id, cadre_id, stage_no, absent_hours) VALUES (?, ?, ?, ?) RETURNING id")
			.params(classId, cadreId, stageNo, absent)
			.query(Long.class)
			.single();
	}

	void setAbsence(long classId, long cadreId, BigDecimal absent) {
		jdbc.sql("UPDATE enrolment SET absent_hours = ? WHERE class_id = ? AND cadre_id = ?").params(absent, classId, cadreId).update();
	}

	Optional<EnrolmentRow> enrolment(long classId, long enrolmentId) {
		return enrolments(classId).stream().filter(e -> e.id() == enrolmentId).findFirst();
	}

	long certificatesOf(long classId) {
		return jdbc.sql("SELECT count(*) FROM training_certificate t JOIN enrolment e ON e.id = t.enrolment_id WHERE e.class_id = ?")
			.param(classId)
			.query(Long.class)
			.single();
	}

	void insertCertificate(long enrolmentId, String number, LocalDate issued) {
		jdbc.sql("INSERT INTO training_certificate (enrolment_id, number, issued_on) VALUES (?, ?, ?)")
			.params(enrolmentId, number, issued)
			.update();
	}
}
