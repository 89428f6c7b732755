package org.banzi.orglife;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What organizational life falls short of in a scope and year, each finding naming the rule version in force at the
 * team's unit on the day that matters: teams with too few democratic life meetings, meetings without quorum or with a
 * topic or report late, items past their deadline or open through more check-backs than the rule allows, decisions
 * without quorum or votes, and appointments no collective decision names.
 */
@Component
@Transactional(readOnly = true)
class FieldProblems {

	/** One finding: the rule it breaks, the unit, the subject, and a message key with its arguments. */
	record Finding(AppliedRule rule, long unitId, String subject, String messageKey, List<Object> arguments) {
	}

	private final JdbcClient jdbc;
	private final Rules rules;
	private final Units units;

	FieldProblems(JdbcClient jdbc, Rules rules, Units units) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.units = units;
	}

	/** The units by id, for naming those of a scope's records (every unit: the kept look-up, not read per request). */
	Map<Long, Unit> units(Scope scope) {
		return units.lookup();
	}

	List<Finding> find(Scope scope, int year, LocalDate day) {
		Map<Long, Unit> unitsById = units(scope);
		List<Finding> findings = new ArrayList<>();
		teamsBelowTarget(scope, year, day, unitsById, findings);
		meetings(scope, year, day, unitsById, findings);
		items(scope, day, unitsById, findings);
		decisions(scope, year, unitsById, findings);
		appointments(scope, year, day, unitsById, findings);
		return findings;
	}

	private Optional<AppliedRule> rule(String key, Unit unit, LocalDate day) {
		return rules.resolve(key, OrgLifeRules.ALL, unit, day);
	}

	/** Teams of the scope (units with a member on the report day) and their democratic life meetings of the year. */
	List<long[]> teamMeetings(Scope scope, int year, LocalDate day) {
		return jdbc.sql("""
				WITH teams AS (
				    SELECT DISTINCT unit_id FROM (""" + Cadres.TEAM_MEMBERS_ON + """
				    ) t WHERE unit_id IN (""" + Scope.UNIT_IDS + """
				))
				SELECT t.unit_id, (SELECT count(*) FROM life_meeting m WHERE m.unit_id = t.unit_id AND m.kind = 'DEMOCRATIC_LIFE'
				                      AND m.meeting_date >= :from AND m.meeting_date < :to)
				  FROM teams t ORDER BY t.unit_id""")
			.params(scope.parameters()).param("day", day).param("from", LocalDate.of(year, 1, 1))
			.param("to", LocalDate.of(year + 1, 1, 1))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
	}

	/** The teams with fewer democratic life meetings in the year than the rule in force at their unit. */
	List<Finding> teamsBelow(Scope scope, int year, LocalDate day, Map<Long, Unit> unitsById) {
		List<Finding> findings = new ArrayList<>();
		teamsBelowTarget(scope, year, day, unitsById, findings);
		return findings;
	}

	private void teamsBelowTarget(Scope scope, int year, LocalDate day, Map<Long, Unit> unitsById, List<Finding> findings) {
		for (long[] team : teamMeetings(scope, year, day)) {
			Unit unit = unitsById.get(team[0]);
			rule(OrgLifeRules.MEETINGS_PER_YEAR, unit, day)
				.filter(rule -> rules.evaluate(rule, BigDecimal.valueOf(team[1])).behind())
				.ifPresent(rule -> findings.add(new Finding(rule, unit.id(), unit.name(), "orglife.problem.meetingsBelow",
						List.of(unit.name(), team[1], rule.formattedValue()))));
		}
	}

	private void meetings(Scope scope, int year, LocalDate day, Map<Long, Unit> unitsById, List<Finding> findings) {
		jdbc.sql("""
				SELECT m.id, m.unit_id, m.meeting_date, m.kind, m.topic_reported_on, m.report_submitted_on,
				       (SELECT count(*) FROM life_meeting_attendance a WHERE a.meeting_id = m.id AND a.present),
				       (SELECT count(DISTINCT t.cadre_id) FROM (""" + Cadres.MEMBERSHIPS + """
				        ) t WHERE t.unit_id = m.unit_id AND t.start_date <= m.meeting_date
				          AND (t.end_date IS NULL OR t.end_date >= m.meeting_date))
				  FROM life_meeting m
				 WHERE m.unit_id IN (""" + Scope.UNIT_IDS + """
				) AND m.meeting_date >= :from AND m.meeting_date < :to AND m.meeting_date <= :day
				 ORDER BY m.meeting_date, m.id""")
			.params(scope.parameters()).param("day", day).param("from", LocalDate.of(year, 1, 1))
			.param("to", LocalDate.of(year + 1, 1, 1))
			.query(rs -> {
				Unit unit = unitsById.get(rs.getLong(2));
				LocalDate date = rs.getObject(3, LocalDate.class);
				String subject = unit.name() + " " + date;
				LocalDate topic = rs.getObject(5, LocalDate.class);
				LocalDate report = rs.getObject(6, LocalDate.class);
				long present = rs.getLong(7);
				long team = rs.getLong(8);
				rule(OrgLifeRules.QUORUM, unit, date).filter(rule -> !rule.metByShare(present, team))
					.ifPresent(rule -> findings.add(new Finding(rule, unit.id(), subject, "orglife.problem.meetingQuorum",
							List.of(unit.name(), date, present, team, rule.formattedValue()))));
				rule(OrgLifeRules.TOPIC_DAYS_BEFORE, unit, date)
					.filter(rule -> topic == null || rules.evaluate(rule, days(topic, date)).behind())
					.ifPresent(rule -> findings.add(new Finding(rule, unit.id(), subject, topic == null ? "orglife.problem.topicNotReported"
							: "orglife.problem.topicLate", List.of(unit.name(), date, topic == null ? "" : topic, rule.formattedValue()))));
				rule(OrgLifeRules.REPORT_DAYS_AFTER, unit, date)
					.filter(rule -> rules.evaluate(rule, days(date, report == null ? day : report)).behind())
					.ifPresent(rule -> findings.add(new Finding(rule, unit.id(), subject, report == null ? "orglife.problem.reportMissing"
							: "orglife.problem.reportLate", List.of(unit.name(), date, report == null ? "" : report, rule.formattedValue()))));
			});
	}

	private void items(Scope scope, LocalDate day, Map<Long, Unit> unitsById, List<Finding> findings) {
		jdbc.sql("""
				SELECT i.id, i.code, i.unit_id, i.deadline, c.name, c.cadre_no,
				       (SELECT count(*) FROM rectification_review r JOIN life_meeting m ON m.id = r.meeting_id
				         WHERE r.item_id = i.id AND m.meeting_date <= :day)
				  FROM rectification_item i JOIN (""" + Cadres.CADRE_NAMES + """
				  ) c ON c.id = i.owner_cadre_id
				 WHERE i.unit_id IN (""" + Scope.UNIT_IDS + """
				) AND i.found_on <= :day AND (i.completed_on IS NULL OR i.completed_on > :day)
				 ORDER BY i.deadline, i.code""")
			.params(scope.parameters()).param("day", day)
			.query(rs -> {
				Unit unit = unitsById.get(rs.getLong(3));
				String code = rs.getString(2);
				LocalDate deadline = rs.getObject(4, LocalDate.class);
				String owner = rs.getString(5) + " (" + rs.getString(6) + ")";
				long checkBacks = rs.getLong(7);
				rule(OrgLifeRules.OVERDUE_DAYS, unit, day).filter(rule -> rules.evaluate(rule, days(deadline, day)).behind())
					.ifPresent(rule -> findings.add(new Finding(rule, unit.id(), code, "orglife.problem.itemOverdue",
							List.of(code, unit.name(), owner, deadline))));
				rule(OrgLifeRules.CHECK_BACKS, unit, day).filter(rule -> rules.evaluate(rule, BigDecimal.valueOf(checkBacks)).behind())
					.ifPresent(rule -> findings.add(new Finding(rule, unit.id(), code, "orglife.problem.itemCheckedBack",
							List.of(code, unit.name(), owner, checkBacks))));
			});
	}

	private void decisions(Scope scope, int year, Map<Long, Unit> unitsById, List<Finding> findings) {
		jdbc.sql("""
				SELECT unit_id, decision_date, category, matter, expected, present, votes_for FROM collective_decision
				 WHERE unit_id IN (""" + Scope.UNIT_IDS + """
				) AND decision_date >= :from AND decision_date < :to ORDER BY decision_date, id""")
			.params(scope.parameters()).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
			.query(rs -> {
				Unit unit = unitsById.get(rs.getLong(1));
				LocalDate date = rs.getObject(2, LocalDate.class);
				boolean appointment = DecisionCategory.APPOINTMENT.name().equals(rs.getString(3));
				String matter = rs.getString(4);
				long expected = rs.getLong(5);
				long present = rs.getLong(6);
				long votesFor = rs.getLong(7);
				String subject = unit.name() + " " + date + " " + matter;
				rule(appointment ? OrgLifeRules.APPOINTMENT_QUORUM : OrgLifeRules.DECISION_QUORUM, unit, date)
					.filter(rule -> !rule.metByShare(present, expected))
					.ifPresent(rule -> findings.add(new Finding(rule, unit.id(), subject, "orglife.problem.decisionQuorum",
							List.of(unit.name(), date, matter, present, expected, rule.formattedValue()))));
				rule(OrgLifeRules.DECISION_PASS, unit, date).filter(rule -> !rule.metByShare(votesFor, expected))
					.ifPresent(rule -> findings.add(new Finding(rule, unit.id(), subject, "orglife.problem.decisionVotes",
							List.of(unit.name(), date, matter, votesFor, expected, rule.formattedValue()))));
			});
	}

	/** A post begun in the year by appointment or promotion, at section-deputy rank or above, and its latest decision. */
	record Appointment(long cadreId, String cadreNo, String name, long unitId, LocalDate start, @Nullable LocalDate decidedOn) {
	}

	/**
	 * Posts begun in the year at the scope's units with reason APPOINTMENT or PROMOTION by cadres of rank section deputy
	 * or above, each with the latest APPOINTMENT decision naming the cadre on or before the post's start, taken by a
	 * team of the scope or by one above the post's unit (the county committee decides for the units below it).
	 */
	List<Appointment> appointments(Scope scope, int year, LocalDate day) {
		return jdbc.sql("""
				SELECT p.cadre_id, c.cadre_no, c.name, p.unit_id, p.start_date,
				       (SELECT max(d.decision_date) FROM collective_decision d JOIN decision_cadre dc ON dc.decision_id = d.id
				         WHERE dc.cadre_id = p.cadre_id AND d.category = 'APPOINTMENT' AND d.decision_date <= p.start_date
				           AND (position('/' || d.unit_id || '/' IN u.path) > 0 OR d.unit_id IN (""" + Scope.UNIT_IDS + """
				)))
				  FROM (""" + Cadres.POSTS + """
				  ) p JOIN (""" + Cadres.CADRE_NAMES + """
				  ) c ON c.id = p.cadre_id JOIN (""" + Units.UNIT_PATHS + """
				  ) u ON u.id = p.unit_id
				 WHERE p.unit_id IN (""" + Scope.UNIT_IDS + """
				) AND p.start_date >= :from AND p.start_date < :to AND p.start_date <= :day
				   AND p.reason IN ('APPOINTMENT', 'PROMOTION') AND c.rank <> 'STAFF'
				 ORDER BY p.start_date, c.cadre_no""")
			.params(scope.parameters()).param("day", day).param("from", LocalDate.of(year, 1, 1))
			.param("to", LocalDate.of(year + 1, 1, 1))
			.query((rs, n) -> new Appointment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)))
			.list();
	}

	/** The appointments no decision names within the rule's days before the start. */
	List<Appointment> withoutDecision(Scope scope, int year, LocalDate day, Map<Long, Unit> unitsById) {
		List<Appointment> missing = new ArrayList<>();
		for (Appointment a : appointments(scope, year, day)) {
			Unit unit = unitsById.get(a.unitId());
			rule(OrgLifeRules.APPOINTMENT_DAYS_BEFORE, unit, a.start())
				.filter(rule -> a.decidedOn() == null || rules.evaluate(rule, days(a.decidedOn(), a.start())).behind())
				.ifPresent(rule -> missing.add(a));
		}
		return missing;
	}

	private void appointments(Scope scope, int year, LocalDate day, Map<Long, Unit> unitsById, List<Finding> findings) {
		for (Appointment a : withoutDecision(scope, year, day, unitsById)) {
			Unit unit = unitsById.get(a.unitId());
			rule(OrgLifeRules.APPOINTMENT_DAYS_BEFORE, unit, a.start())
				.ifPresent(rule -> findings.add(new Finding(rule, unit.id(), a.name() + " (" + a.cadreNo() + ")",
						"orglife.problem.appointmentWithoutDecision", List.of(a.name(), a.cadreNo(), unit.name(), a.start(),
								rule.formattedValue()))));
		}
	}

	static BigDecimal days(LocalDate from, LocalDate to) {
		return BigDecimal.valueOf(ChronoUnit.DAYS.between(from, to));
	}
}
