package org.banzi.responsibility;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Units;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code responsibility_task} and {@code analysis_meeting}. */
@Repository
class ResponsibilityRepository {

	/** A task of a team's responsibility list for a year. */
	public record Task(long id, long unitId, int year, String task, long ownerCadreId, LocalDate dueOn, @Nullable LocalDate completedOn) {

		String key() {
			return unitId + "|" + year + "|" + task;
		}

		/** Past its due date on a day and not completed by then. */
		public boolean overdueOn(LocalDate day) {
			return dueOn.isBefore(day) && (completedOn == null || completedOn.isAfter(day));
		}

		Map<String, Object> snapshot() {
			Map<String, Object> map = new java.util.LinkedHashMap<>();
			map.put("owner", ownerCadreId);
			map.put("dueOn", dueOn);
			map.put("completedOn", completedOn == null ? "" : completedOn);
			return map;
		}
	}

	/** A team's analysis meeting on the responsibility system. */
	public record Meeting(long id, long unitId, LocalDate date, String topic) {

		String key() {
			return unitId + "|" + date;
		}
	}

	/** A task as listed: with the owner's number and name and the unit's code and name. */
	public record TaskRow(Task task, String unitCode, String unitName, String ownerNo, String ownerName) {
	}

	/** A team of the scope and how many analysis meetings it held in the year. */
	public record TeamMeetings(long unitId, String unitCode, String unitName, long meetings) {
	}

	private final JdbcClient jdbc;

	ResponsibilityRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static Task task(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Task(rs.getLong("id"), rs.getLong("unit_id"), rs.getInt("year"), rs.getString("task"), rs.getLong("owner_cadre_id"),
				rs.getObject("due_on", LocalDate.class), rs.getObject("completed_on", LocalDate.class));
	}

	Map<String, Task> findTasks(Collection<Long> unitIds) {
		Map<String, Task> found = new HashMap<>();
		if (!unitIds.isEmpty()) {
			jdbc.sql("SELECT * FROM responsibility_task WHERE unit_id IN (:units)").param("units", unitIds)
				.query((rs, n) -> task(rs)).list().forEach(t -> found.put(t.key(), t));
		}
		return found;
	}

	void insertTask(Task t, String actor) {
		jdbc.sql("""
				INSERT INTO responsibility_task (unit_id, year, task, owner_cadre_id, due_on, completed_on, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(t.unitId(), t.year(), t.task(), t.ownerCadreId(), t.dueOn(), t.completedOn(), actor).update();
	}

	void updateTask(long id, Task t) {
		jdbc.sql("UPDATE responsibility_task SET owner_cadre_id = ?, due_on = ?, completed_on = ?, updated_at = now() WHERE id = ?")
			.params(t.ownerCadreId(), t.dueOn(), t.completedOn(), id).update();
	}

	Map<String, Meeting> findMeetings(Collection<Long> unitIds) {
		Map<String, Meeting> found = new HashMap<>();
		if (!unitIds.isEmpty()) {
			jdbc.sql("SELECT id, unit_id, meeting_date, topic FROM analysis_meeting WHERE unit_id IN (:units)").param("units", unitIds)
				.query((rs, n) -> new Meeting(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getString(4)))
				.list().forEach(m -> found.put(m.key(), m));
		}
		return found;
	}

	void insertMeeting(Meeting m, String actor) {
		jdbc.sql("INSERT INTO analysis_meeting (unit_id, meeting_date, topic, created_by) VALUES (?, ?, ?, ?)")
			.params(m.unitId(), m.date(), m.topic(), actor).update();
	}

	void updateMeeting(long id, Meeting m) {
		jdbc.sql("UPDATE analysis_meeting SET topic = ?, updated_at = now() WHERE id = ?").params(m.topic(), id).update();
	}

	/** The tasks of a year in the scope, the team's units in tree order, then by due date. */
	List<TaskRow> tasks(Scope scope, int year) {
		return jdbc.sql("""
				SELECT t.*, u.code, u.name AS unit_name, c.cadre_no, c.name AS owner_name
				  FROM responsibility_task t
				  JOIN (""" + Units.UNITS + """
				  ) u ON u.id = t.unit_id
				  JOIN (""" + Cadres.CADRE_NAMES + """
				  ) c ON c.id = t.owner_cadre_id
				 WHERE t.year = :year AND t.unit_id IN (""" + Scope.UNIT_IDS + """
				) ORDER BY u.path, t.due_on, t.id""")
			.params(scope.parameters()).param("year", year)
			.query((rs, n) -> new TaskRow(task(rs), rs.getString("code"), rs.getString("unit_name"), rs.getString("cadre_no"),
					rs.getString("owner_name")))
			.list();
	}

	/** The analysis meetings of a year in the scope, with their unit's code and name. */
	List<Map.Entry<Meeting, String>> meetings(Scope scope, int year) {
		return jdbc.sql("""
				SELECT m.id, m.unit_id, m.meeting_date, m.topic, u.name
				  FROM analysis_meeting m JOIN (""" + Units.UNITS + """
				  ) u ON u.id = m.unit_id
				 WHERE m.meeting_date >= :from AND m.meeting_date < :to AND m.unit_id IN (""" + Scope.UNIT_IDS + """
				) ORDER BY u.path, m.meeting_date""")
			.params(scope.parameters()).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
			.query((rs, n) -> Map.entry(new Meeting(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getString(4)),
					rs.getString(5)))
			.list();
	}

	/** The teams of the scope (units with a member on the day) and their analysis meetings of the year. */
	List<TeamMeetings> teamMeetings(Scope scope, int year, LocalDate day) {
		return jdbc.sql("""
				WITH teams AS (
				    SELECT DISTINCT unit_id FROM (""" + Cadres.TEAM_MEMBERS_ON + """
				    ) t WHERE unit_id IN (""" + Scope.UNIT_IDS + """
				))
				SELECT t.unit_id, u.code, u.name,
				       (SELECT count(*) FROM analysis_meeting m WHERE m.unit_id = t.unit_id
				           AND m.meeting_date >= :from AND m.meeting_date < :to AND m.meeting_date <= :day)
				  FROM teams t JOIN (""" + Units.UNITS + """
				  ) u ON u.id = t.unit_id ORDER BY u.path""")
			.params(scope.parameters()).param("day", day).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
			.query((rs, n) -> new TeamMeetings(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
	}
}
