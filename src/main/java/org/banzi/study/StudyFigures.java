package org.banzi.study;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.UnitType;
import org.banzi.organization.Units;
import org.banzi.platform.db.Memo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The study figures of the annual summary, each aggregated by one query. The teams of a unit type are the units of
 * that type in the scope that are not retired on the report day; their members are those holding a team role on
 * that day (a cadre on two teams counts once); sessions, self-study and notes are those dated in the year.
 */
@Service
public class StudyFigures {

	/** The tables the figures are counted from: a change to one of them counts the kept figures again. */
	static final List<String> TABLES = List.of("org_unit", "team_membership", "group_session",
			"self_study", "study_note");

	/** The entries whose changes are counted by the year of their dates as well (migration V29). */
	private static final java.util.Set<String> DATED = java.util.Set.of("self_study", "study_note");

	/**
	 * {@code tables} as a result that reads one year's entries is kept against: the entries' changes in that year only
	 * ({@link Memo#inYear}), so what cadres log this year leaves last year's figures kept.
	 */
	static List<String> ofYear(List<String> tables, int year) {
		return tables.stream().map(table -> DATED.contains(table) ? Memo.inYear(table, year) : table).toList();
	}

	private final JdbcClient jdbc;
	private final Memo memo;

	StudyFigures(JdbcClient jdbc, Memo memo) {
		this.jdbc = jdbc;
		this.memo = memo;
	}

	public record TeamGroup(long teams, long sessions, BigDecimal sessionHours, long members, long selfStudyEntries,
			BigDecimal selfStudyHours, long notes, long noteCharacters) {
	}

	@Transactional(readOnly = true)
	public TeamGroup forTeams(Scope scope, UnitType type, int year, LocalDate day) {
		return memo.remember(List.of(StudyFigures.class, "forTeams", scope, type, year, day), ofYear(TABLES, year),
				() -> computeForTeams(scope, type, year, day));
	}

	private TeamGroup computeForTeams(Scope scope, UnitType type, int year, LocalDate day) {
		Map<String, Object> params = new HashMap<>(scope.parameters());
		params.put("type", type.name());
		params.put("day", day);
		params.put("from", LocalDate.of(year, 1, 1));
		params.put("to", LocalDate.of(year + 1, 1, 1));
		return jdbc.sql("""
				WITH teams AS (
				    SELECT id FROM (""" + Units.UNITS + """
				) u
				     WHERE path >= :scopeLow AND path < :scopeHigh AND type = :type AND (retired_on IS NULL OR retired_on > :day)),
				members AS (
				    SELECT DISTINCT cadre_id FROM (""" + Cadres.MEMBERSHIPS + """
				) tm
				     WHERE unit_id IN (SELECT id FROM teams) AND start_date <= :day AND (end_date IS NULL OR end_date >= :day)),
				sessions AS (
				    SELECT count(*) AS n, COALESCE(sum(hours), 0) AS h FROM group_session
				     WHERE unit_id IN (SELECT id FROM teams) AND session_date >= :from AND session_date < :to),
				self AS (
				    SELECT count(*) AS n, COALESCE(sum(hours), 0) AS h FROM self_study
				     WHERE cadre_id IN (SELECT cadre_id FROM members) AND study_date >= :from AND study_date < :to),
				notes AS (
				    SELECT count(*) AS n, COALESCE(sum(characters), 0) AS c FROM study_note
				     WHERE cadre_id IN (SELECT cadre_id FROM members) AND note_date >= :from AND note_date < :to)
				SELECT (SELECT count(*) FROM teams), sessions.n, sessions.h, (SELECT count(*) FROM members),
				       self.n, self.h, notes.n, notes.c
				  FROM sessions, self, notes
				""")
			.params(params)
			.query((rs, n) -> new TeamGroup(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4), rs.getLong(5),
					rs.getBigDecimal(6), rs.getLong(7), rs.getLong(8)))
			.single();
	}

	/**
	 * Central-group sessions of the teams in the scope, and the self-study hours and note characters of their members
	 * (anyone on a team at some time in the year), per month of the year: the dashboard's trends.
	 */
	public record Month(int month, long sessions, BigDecimal selfStudyHours, long noteCharacters) {
	}

	/** The scope's study month by month (sessions, self-study hours, note characters); kept until a change. */
	@Transactional(readOnly = true)
	public List<Month> months(Scope scope, int year) {
		return memo.remember(List.of(StudyFigures.class, "months", scope, year), ofYear(TABLES, year),
				() -> computeMonths(scope, year));
	}

	private List<Month> computeMonths(Scope scope, int year) {
		Map<String, Object> params = new HashMap<>(scope.parameters());
		params.put("from", LocalDate.of(year, 1, 1));
		params.put("to", LocalDate.of(year + 1, 1, 1));
		return jdbc.sql("""
				WITH m AS (SELECT generate_series(1, 12) AS month),
				     units AS (""" + Scope.UNIT_IDS + """
				),
				     members AS (SELECT DISTINCT cadre_id FROM (""" + Cadres.MEMBERSHIPS + """
				) tm
				                  WHERE unit_id IN (SELECT id FROM units) AND start_date < :to AND (end_date IS NULL OR end_date >= :from)),
				     s AS (SELECT extract(month FROM session_date)::int AS month, count(*) AS n FROM group_session
				            WHERE unit_id IN (SELECT id FROM units) AND session_date >= :from AND session_date < :to GROUP BY 1),
				     ss AS (SELECT extract(month FROM e.study_date)::int AS month, sum(e.hours) AS h FROM self_study e
				            WHERE e.cadre_id IN (SELECT cadre_id FROM members) AND e.study_date >= :from AND e.study_date < :to GROUP BY 1),
				     nn AS (SELECT extract(month FROM n.note_date)::int AS month, sum(n.characters) AS c FROM study_note n
				            WHERE n.cadre_id IN (SELECT cadre_id FROM members) AND n.note_date >= :from AND n.note_date < :to GROUP BY 1)
				SELECT m.month, COALESCE(s.n, 0), COALESCE(ss.h, 0), COALESCE(nn.c, 0)
				  FROM m LEFT JOIN s ON s.month = m.month LEFT JOIN ss ON ss.month = m.month LEFT JOIN nn ON nn.month = m.month
				 ORDER BY m.month
				""")
			.params(params)
			.query((rs, n) -> new Month(rs.getInt(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4)))
			.list();
	}
}
