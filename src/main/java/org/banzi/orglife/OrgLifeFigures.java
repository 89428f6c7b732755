package org.banzi.orglife;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Organizational life in the annual summary (Section I, part 3, democratic centralism): meetings, talks,
 * rectification, decisions and notification meetings of the units in the subtree, counted by the database from the
 * records, and the problems {@link FieldProblems} finds.
 */
@Service
@Transactional(readOnly = true)
public class OrgLifeFigures implements SummaryContribution {

	static final List<String> KEYS = List.of("orglife.lifeMeetings", "orglife.teamsBelowMeetingTarget", "orglife.talks",
			"orglife.rectifications.found", "orglife.rectifications.completed", "orglife.rectifications.openPastDeadline",
			"orglife.decisions", "orglife.decisions.appointments", "orglife.appointmentsWithoutDecision",
			"orglife.notificationMeetings");

	/** The tables the figures are read from. */
	static final List<String> TABLES = List.of("life_meeting", "life_meeting_attendance", "heart_talk", "rectification_item",
			"rectification_review", "collective_decision", "decision_cadre", "notification_meeting", "cadre", "post", "team_membership",
			"org_unit", "rule_definition", "rule_value");

	private final JdbcClient jdbc;
	private final FieldProblems problems;
	private final MessageSource messages;

	OrgLifeFigures(JdbcClient jdbc, FieldProblems problems, MessageSource messages) {
		this.jdbc = jdbc;
		this.problems = problems;
		this.messages = messages;
	}

	@Override
	public int order() {
		return 300;
	}

	@Override
	public List<String> keys() {
		return KEYS;
	}

	@Override
	public List<String> standingKeys() {
		return List.of("orglife.teamsBelowMeetingTarget", "orglife.rectifications.openPastDeadline");
	}

	@Override
	public List<String> tables() {
		return TABLES;
	}

	@Override
	public List<String> ruleKeys() {
		return List.of(OrgLifeRules.MEETINGS_PER_YEAR, OrgLifeRules.QUORUM, OrgLifeRules.TOPIC_DAYS_BEFORE,
				OrgLifeRules.REPORT_DAYS_AFTER, OrgLifeRules.OVERDUE_DAYS, OrgLifeRules.CHECK_BACKS, OrgLifeRules.DECISION_QUORUM,
				OrgLifeRules.APPOINTMENT_QUORUM, OrgLifeRules.DECISION_PASS, OrgLifeRules.APPOINTMENT_DAYS_BEFORE);
	}

	@Override
	public List<ContributedFigure> figures(SummaryScope summary) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		LocalDate day = summary.reportDay();
		long[] counts = jdbc.sql("""
				WITH units AS (""" + Scope.UNIT_IDS + """
				)
				SELECT (SELECT count(*) FROM life_meeting WHERE unit_id IN (SELECT id FROM units) AND kind = 'DEMOCRATIC_LIFE'
				           AND meeting_date >= :from AND meeting_date < :to),
				       (SELECT count(*) FROM heart_talk WHERE unit_id IN (SELECT id FROM units) AND talk_date >= :from AND talk_date < :to),
				       (SELECT count(*) FROM rectification_item WHERE unit_id IN (SELECT id FROM units) AND found_on >= :from AND found_on < :to),
				       (SELECT count(*) FROM rectification_item WHERE unit_id IN (SELECT id FROM units)
				           AND completed_on >= :from AND completed_on < :to),
				       (SELECT count(*) FROM rectification_item WHERE unit_id IN (SELECT id FROM units) AND found_on <= :day
				           AND (completed_on IS NULL OR completed_on > :day) AND deadline < :day),
				       (SELECT count(*) FROM collective_decision WHERE unit_id IN (SELECT id FROM units)
				           AND decision_date >= :from AND decision_date < :to),
				       (SELECT count(*) FROM collective_decision WHERE unit_id IN (SELECT id FROM units) AND category = 'APPOINTMENT'
				           AND decision_date >= :from AND decision_date < :to),
				       (SELECT count(*) FROM notification_meeting WHERE unit_id IN (SELECT id FROM units)
				           AND meeting_date >= :from AND meeting_date < :to)""")
			.params(scope.parameters()).param("from", summary.yearStart()).param("to", summary.yearEnd()).param("day", day)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
					rs.getLong(7), rs.getLong(8) })
			.single();
		Map<Long, Unit> unitsById = problems.units(scope);
		long teams = problems.teamMeetings(scope, summary.year(), day).size();
		long below = problems.teamsBelow(scope, summary.year(), day, unitsById).size();
		long withoutDecision = problems.withoutDecision(scope, summary.year(), day, unitsById).size();
		String query = "unit=" + summary.unitCode() + "&year=" + summary.year();
		String team = "/orglife?" + query;
		String board = "/orglife/rectifications?unit=" + summary.unitCode();
		List<ContributedFigure> figures = new ArrayList<>();
		figures.add(ContributedFigure.count("orglife.lifeMeetings", counts[0], team + "#meetings"));
		figures.add(new ContributedFigure("orglife.teamsBelowMeetingTarget", BigDecimal.valueOf(below), team + "#teams", teams));
		figures.add(ContributedFigure.count("orglife.talks", counts[1], team + "#talks"));
		figures.add(ContributedFigure.count("orglife.rectifications.found", counts[2], board + "&status=all&foundIn=" + summary.year()));
		figures.add(ContributedFigure.count("orglife.rectifications.completed", counts[3], board + "&status=all&completedIn=" + summary.year()));
		figures.add(ContributedFigure.count("orglife.rectifications.openPastDeadline", counts[4], board + "&status=overdue"));
		figures.add(ContributedFigure.count("orglife.decisions", counts[5], team + "#decisions"));
		figures.add(ContributedFigure.count("orglife.decisions.appointments", counts[6], team + "#decisions"));
		figures.add(ContributedFigure.count("orglife.appointmentsWithoutDecision", withoutDecision, "/orglife/appointments?" + query));
		figures.add(ContributedFigure.count("orglife.notificationMeetings", counts[7], team + "#notifications"));
		return figures;
	}

	/** The rectification items still open on the report day, carried over by name of team. */
	@Override
	public List<String> carriedOver(SummaryScope summary, Locale locale) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		Map<Long, Unit> unitsById = problems.units(scope);
		Map<Long, List<String>> open = new java.util.TreeMap<>();
		jdbc.sql("""
				SELECT unit_id, code FROM rectification_item
				 WHERE unit_id IN (""" + Scope.UNIT_IDS + """
				) AND found_on <= :day AND (completed_on IS NULL OR completed_on > :day)
				 ORDER BY unit_id, deadline, code""")
			.params(scope.parameters()).param("day", summary.reportDay())
			.query(rs -> {
				open.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
			});
		List<String> sentences = new ArrayList<>();
		open.entrySet().stream()
			.sorted(java.util.Comparator.comparing(e -> unitsById.get(e.getKey()).path()))
			.forEach(e -> sentences.add(messages.getMessage("summary.narrative.carried.rectifications",
					new Object[] { unitsById.get(e.getKey()).name(), e.getValue().size(), String.join("、", e.getValue()) }, locale)));
		return sentences;
	}

	/** Each figure counts records of one unit (or one cadre's home unit): a province's is the sum of its counties'. */
	@Override
	public boolean addsUpByCounty() {
		return true;
	}

	@Override
	public List<ContributedProblem> problems(SummaryScope summary, Locale locale) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		return problems.find(scope, summary.year(), summary.reportDay()).stream()
			.map(f -> new ContributedProblem(f.rule().key(), f.rule().citation(), f.subject(), text(f, locale)))
			.toList();
	}

	/** The finding's sentence, with the rule's name and citation after it. */
	String text(FieldProblems.Finding finding, Locale locale) {
		String sentence = messages.getMessage(finding.messageKey(), finding.arguments().toArray(), finding.messageKey(), locale);
		String rule = messages.getMessage("rule." + finding.rule().key(), null, finding.rule().key(), locale);
		return messages.getMessage("problem.withRule", new Object[] { sentence, rule, finding.rule().citation() }, locale);
	}
}
