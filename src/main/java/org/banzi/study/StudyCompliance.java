package org.banzi.study;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.db.Memo;
import org.banzi.platform.web.Page;
import org.banzi.rules.Evaluation;
import org.banzi.rules.RuleCount;
import org.banzi.rules.RuleTable;
import org.banzi.rules.Rules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Study measured against the year's rules, for a scope: per team, central-group sessions and hours (and the plan);
 * per team member, self-study sessions and hours and note characters. The database aggregates; each figure is then
 * held against the rule in force for the team's unit type at the unit on the report day.
 */
@Service
public class StudyCompliance {

	public static final String GROUP_SESSIONS = "study.group.sessions";
	public static final String GROUP_HOURS = "study.group.hours";
	public static final String SELF_SESSIONS = "study.self.sessions";
	public static final String SELF_HOURS = "study.self.hours";
	public static final String NOTE_CHARS = "study.notes.chars";

	/**
	 * Each member of a scope's teams on the day (their latest membership), with their study of the year: self-study
	 * sessions and hours, note characters and the group-session hours credited from sessions attended. A member's
	 * sessions are looked up by key from their attendance: joined, the planner read the year's sessions once for each
	 * member (66 ms for the seed county's 491 members, 33 ms looked up).
	 */
	private static final String MEMBER_FIGURES = """
			WITH members AS (
			    SELECT DISTINCT ON (tm.cadre_id) tm.cadre_id, tm.unit_id
			      FROM (""" + Cadres.MEMBERSHIPS + """
			) tm
			     WHERE tm.unit_id IN (""" + Scope.UNIT_IDS + """
			)
			       AND tm.start_date <= :day AND (tm.end_date IS NULL OR tm.end_date >= :day)
			       AND (CAST(:cadre AS bigint) IS NULL OR tm.cadre_id = :cadre)
			     ORDER BY tm.cadre_id, tm.start_date DESC),
			measured AS (
			SELECT m.cadre_id, c.cadre_no, c.name, m.unit_id, COALESCE(ss.n, 0) AS sessions, COALESCE(ss.h, 0) AS hours,
			       COALESCE(nn.c, 0) AS characters, COALESCE(gh.h, 0) AS group_hours
			  FROM members m
			  JOIN (""" + Cadres.CADRE_NAMES + """
			) c ON c.id = m.cadre_id
			  LEFT JOIN LATERAL (SELECT count(*) AS n, sum(hours) AS h FROM self_study
			                      WHERE cadre_id = m.cadre_id AND study_date >= :from AND study_date < :to) ss ON TRUE
			  LEFT JOIN LATERAL (SELECT sum(characters) AS c FROM study_note
			                      WHERE cadre_id = m.cadre_id AND note_date >= :from AND note_date < :to) nn ON TRUE
			  LEFT JOIN LATERAL (SELECT sum((SELECT gs.hours FROM group_session gs WHERE gs.id = ga.session_id
			                                  AND gs.session_date >= :from AND gs.session_date < :to)) AS h
			                       FROM group_session_attendance ga WHERE ga.cadre_id = m.cadre_id AND ga.present) gh ON TRUE)
			""";

	private final JdbcClient jdbc;
	private final Rules rules;
	private final Units units;
	private final Memo memo;

	StudyCompliance(JdbcClient jdbc, Rules rules, Units units, Memo memo) {
		this.jdbc = jdbc;
		this.memo = memo;
		this.rules = rules;
		this.units = units;
	}

	public record TeamStudy(Unit unit, long sessions, BigDecimal hours, long planned, List<Evaluation> evaluations) {

		public boolean behind() {
			return evaluations.stream().anyMatch(Evaluation::behind);
		}
	}

	/** A team member's year: group-session hours credited from sessions attended, self-study and notes. */
	public record MemberStudy(long cadreId, String cadreNo, String name, Unit team, BigDecimal groupHours,
			long selfSessions, BigDecimal selfHours, long noteCharacters, List<Evaluation> evaluations) {

		public boolean behind() {
			return evaluations.stream().anyMatch(Evaluation::behind);
		}
	}

	@Transactional(readOnly = true)
	public List<TeamStudy> teams(Scope scope, int year, LocalDate day) {
		return memo.remember(List.of(StudyCompliance.class, "teams", scope, year, day), StudyFigures.ofYear(TABLES, year),
				() -> computeTeams(scope, year, day));
	}

	private List<TeamStudy> computeTeams(Scope scope, int year, LocalDate day) {
		Map<String, Object> params = params(scope, year, day);
		Map<Long, Unit> cache = units.lookup();
		List<TeamStudy> result = new ArrayList<>();
		jdbc.sql("""
				WITH scope_units AS (""" + Scope.UNIT_IDS + """
				), teams AS (
				    SELECT unit_id FROM (""" + Cadres.MEMBERSHIPS + """
				) tm
				     WHERE unit_id IN (SELECT id FROM scope_units) AND start_date <= :day AND (end_date IS NULL OR end_date >= :day)
				    UNION
				    SELECT unit_id FROM group_session
				     WHERE unit_id IN (SELECT id FROM scope_units) AND session_date >= :from AND session_date < :to)
				SELECT t.unit_id, count(s.id) AS sessions, COALESCE(sum(s.hours), 0) AS hours,
				       (SELECT count(*) FROM study_plan_item p WHERE p.unit_id = t.unit_id AND p.year = :year) AS planned
				  FROM teams t
				  LEFT JOIN group_session s ON s.unit_id = t.unit_id AND s.session_date >= :from AND s.session_date < :to
				 GROUP BY t.unit_id
				""")
			.params(params)
			.query(rs -> {
				Unit unit = units.of(cache, rs.getLong("unit_id"));
				long sessions = rs.getLong("sessions");
				BigDecimal hours = rs.getBigDecimal("hours");
				List<Evaluation> evaluations = new ArrayList<>();
				evaluate(GROUP_SESSIONS, unit, day, BigDecimal.valueOf(sessions), evaluations);
				evaluate(GROUP_HOURS, unit, day, hours, evaluations);
				result.add(new TeamStudy(unit, sessions, hours, rs.getLong("planned"), evaluations));
			});
		result.sort(java.util.Comparator.comparing((TeamStudy team) -> team.unit().path()));
		return result;
	}

	/** Every member of the scope's teams against their rules, in order of cadre number; kept until a change. */
	@Transactional(readOnly = true)
	public List<MemberStudy> members(Scope scope, int year, LocalDate day) {
		return memo.remember(List.of(StudyCompliance.class, "allMembers", scope, year, day),
				StudyFigures.ofYear(PAGE_TABLES, year), () -> List.copyOf(computeMembers(scope, year, day)));
	}

	private List<MemberStudy> computeMembers(Scope scope, int year, LocalDate day) {
		Map<Long, Unit> lookup = units.lookup();
		List<MemberStudy> result = new ArrayList<>();
		jdbc.sql(MEMBER_FIGURES + "SELECT * FROM measured ORDER BY cadre_no")
			.params(params(scope, year, day))
			.query(rs -> {
				result.add(member(rs, lookup, day));
			});
		return result;
	}

	/**
	 * One page of the members of a scope's teams in order of cadre number, or of those behind one of their rules: the
	 * database holds every member against the version in force at their team's unit and counts them, and only the
	 * page's members are read.
	 */
	@Transactional(readOnly = true)
	public Page<MemberStudy> members(Scope scope, int year, LocalDate day, boolean behindOnly, int page, int size) {
		int number = Math.max(0, page);
		return memo.remember(List.of(StudyCompliance.class, "members", scope, year, day, behindOnly, number, size),
				StudyFigures.ofYear(PAGE_TABLES, year),
				() -> membersPage(scope, year, day, behindOnly, number, size));
	}

	private Page<MemberStudy> membersPage(Scope scope, int year, LocalDate day, boolean behindOnly, int number, int size) {
		List<Unit> scopeUnits = units.subtree(scope);
		RuleTable sessions = rules.tableByUnitType("r_sessions", SELF_SESSIONS, scopeUnits, day);
		RuleTable hours = rules.tableByUnitType("r_hours", SELF_HOURS, scopeUnits, day);
		RuleTable characters = rules.tableByUnitType("r_chars", NOTE_CHARS, scopeUnits, day);
		String chosen = MEMBER_FIGURES + ", chosen AS (SELECT m.* FROM measured m"
				+ "\n  LEFT JOIN " + sessions.rows() + " ON r_sessions.unit_id = m.unit_id"
				+ "\n  LEFT JOIN " + hours.rows() + " ON r_hours.unit_id = m.unit_id"
				+ "\n  LEFT JOIN " + characters.rows() + " ON r_chars.unit_id = m.unit_id"
				+ "\n WHERE NOT :behindOnly"
				+ "\n    OR (r_sessions.unit_id IS NOT NULL AND NOT " + sessions.met("m.sessions::numeric") + ")"
				+ "\n    OR (r_hours.unit_id IS NOT NULL AND NOT " + hours.met("m.hours") + ")"
				+ "\n    OR (r_chars.unit_id IS NOT NULL AND NOT " + characters.met("m.characters::numeric") + "))\n";
		Map<String, Object> params = params(scope, year, day);
		params.putAll(sessions.parameters());
		params.putAll(hours.parameters());
		params.putAll(characters.parameters());
		params.put("behindOnly", behindOnly);
		params.put("limit", size);
		params.put("offset", (long) number * size);
		Map<Long, Unit> lookup = units.lookup();
		List<MemberStudy> items = new ArrayList<>();
		long[] total = { 0 };
		// the members are measured once: the page and how many there are in all come from the same pass
		jdbc.sql(chosen + "SELECT *, count(*) OVER () AS total FROM chosen ORDER BY cadre_no LIMIT :limit OFFSET :offset")
			.params(params)
			.query(rs -> {
				items.add(member(rs, lookup, day));
				total[0] = rs.getLong("total");
			});
		if (items.isEmpty() && number > 0) {
			total[0] = jdbc.sql(chosen + "SELECT count(*) FROM chosen").params(params).query(Long.class).single();
		}
		return new Page<>(items, number, size, total[0]);
	}

	private MemberStudy member(java.sql.ResultSet rs, Map<Long, Unit> lookup, LocalDate day) throws java.sql.SQLException {
		Unit team = units.of(lookup, rs.getLong("unit_id"));
		long sessions = rs.getLong("sessions");
		BigDecimal hours = rs.getBigDecimal("hours");
		long characters = rs.getLong("characters");
		List<Evaluation> evaluations = new ArrayList<>();
		evaluate(SELF_SESSIONS, team, day, BigDecimal.valueOf(sessions), evaluations);
		evaluate(SELF_HOURS, team, day, hours, evaluations);
		evaluate(NOTE_CHARS, team, day, BigDecimal.valueOf(characters), evaluations);
		return new MemberStudy(rs.getLong("cadre_id"), rs.getString("cadre_no"), rs.getString("name"), team,
				rs.getBigDecimal("group_hours"), sessions, hours, characters, evaluations);
	}

	/** The teams behind a study rule, and how many team members each version of the members' rules finds behind. */
	public record Shortfalls(List<TeamStudy> teams, List<RuleCount> members) {
	}

	/**
	 * The tables the shortfalls are computed from: a change to one of them recomputes the kept shortfalls. Cadres
	 * are only joined for their number and name, which the shortfalls do not hold.
	 */
	static final List<String> TABLES = List.of("org_unit", "team_membership", "group_session",
			"group_session_attendance", "self_study", "study_note", "study_plan_item", "rule_value", "rule_definition");

	/** What a page of members is read from: the shortfalls' tables, and the cadres for their numbers and names. */
	static final List<String> PAGE_TABLES = java.util.stream.Stream.concat(TABLES.stream(), java.util.stream.Stream.of("cadre")).toList();

	/** What the annual summary reports as problems of study in the scope; kept until the records change. */
	@Transactional(readOnly = true)
	public Shortfalls shortfalls(Scope scope, int year, LocalDate day) {
		List<String> tables = StudyFigures.ofYear(TABLES, year);
		return memo.remember(List.of(StudyCompliance.class, "shortfalls", scope, year, day), tables, () -> {
			List<TeamStudy> teams = teams(scope, year, day).stream().filter(TeamStudy::behind).toList();
			List<RuleCount> members = members(scope, year, day).stream()
				.flatMap(member -> member.evaluations().stream())
				.filter(Evaluation::behind)
				.map(evaluation -> new RuleCount(evaluation.rule(), 1))
				.toList();
			return new Shortfalls(teams, RuleCount.perVersion(members));
		});
	}

	/** One cadre's own year: the figures of their team membership on the day, or nothing if they hold none. */
	@Transactional(readOnly = true)
	public java.util.Optional<MemberStudy> member(long cadreId, Scope scope, int year, LocalDate day) {
		Map<String, Object> params = params(scope, year, day);
		params.put("cadre", cadreId);
		return jdbc.sql(MEMBER_FIGURES + "SELECT * FROM measured").params(params)
			.query((rs, n) -> member(rs, units.lookup(), day)).optional();
	}

	private void evaluate(String key, Unit unit, LocalDate day, BigDecimal measured, List<Evaluation> evaluations) {
		rules.resolve(key, unit.type().name(), unit, day).ifPresent(rule -> evaluations.add(rules.evaluate(rule, measured)));
	}

	private static Map<String, Object> params(Scope scope, int year, LocalDate day) {
		Map<String, Object> params = new HashMap<>(scope.parameters());
		params.put("year", year);
		params.put("from", LocalDate.of(year, 1, 1));
		params.put("to", LocalDate.of(year + 1, 1, 1));
		params.put("day", day);
		// every member of the scope; one cadre's own year sets it
		params.put("cadre", null);
		return params;
	}
}
