package org.banzi.responsibility;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.banzi.organization.Scope;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.banzi.rules.RuleProblems;
import org.banzi.rules.Rules;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The responsibility system in the annual summary (Section I, part 4, team building): the tasks of the year, those
 * completed by the report day, and the teams with fewer analysis meetings than the rule in force at their unit;
 * problems: each task past due, each team below the analysis target.
 */
@Service
@Transactional(readOnly = true)
public class ResponsibilityFigures implements SummaryContribution {

	static final String ANALYSIS_PER_YEAR = "responsibility.analysis.perYear";
	/** The problem of a task past its due date: the list's own date, no rule's number. */
	static final String OVERDUE_TASK = "responsibility.task.overdue";
	static final List<String> KEYS = List.of("responsibility.tasks", "responsibility.completed", "responsibility.teamsBelowAnalysisTarget");

	/** The tables the figures are read from. */
	static final List<String> TABLES = List.of("responsibility_task", "analysis_meeting", "team_membership", "cadre", "org_unit",
			"rule_definition", "rule_value");

	private final JdbcClient jdbc;
	private final ResponsibilityViews views;
	private final Rules rules;
	private final RuleProblems ruleProblems;
	private final MessageSource messages;

	ResponsibilityFigures(JdbcClient jdbc, ResponsibilityViews views, Rules rules, RuleProblems ruleProblems, MessageSource messages) {
		this.jdbc = jdbc;
		this.views = views;
		this.rules = rules;
		this.ruleProblems = ruleProblems;
		this.messages = messages;
	}

	@Override
	public int order() {
		return 420;
	}

	@Override
	public List<String> keys() {
		return KEYS;
	}

	@Override
	public List<String> ruleKeys() {
		return List.of(ANALYSIS_PER_YEAR);
	}

	@Override
	public List<String> standingKeys() {
		return List.of("responsibility.teamsBelowAnalysisTarget");
	}

	@Override
	public List<String> tables() {
		return TABLES;
	}

	@Override
	public List<ContributedFigure> figures(SummaryScope summary) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		long[] counts = jdbc.sql("""
				SELECT count(*), count(*) FILTER (WHERE completed_on <= :day)
				  FROM responsibility_task WHERE year = :year AND unit_id IN (""" + Scope.UNIT_IDS + ")")
			.params(scope.parameters()).param("year", summary.year()).param("day", summary.reportDay())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).single();
		List<ResponsibilityViews.TeamRow> teams = views.teams(scope, summary.year(), summary.reportDay());
		long behind = teams.stream().filter(ResponsibilityViews.TeamRow::behind).count();
		String list = "/responsibility?unit=" + summary.unitCode() + "&year=" + summary.year();
		List<ContributedFigure> figures = new ArrayList<>();
		figures.add(ContributedFigure.count("responsibility.tasks", counts[0], list + "#tasks"));
		figures.add(ContributedFigure.count("responsibility.completed", counts[1], list + "&status=completed#tasks"));
		figures.add(new ContributedFigure("responsibility.teamsBelowAnalysisTarget", BigDecimal.valueOf(behind), list + "#teams",
				teams.size()));
		return figures;
	}

	/** Each figure counts records of one unit (or one cadre's home unit): a province's is the sum of its counties'. */
	@Override
	public boolean addsUpByCounty() {
		return true;
	}

	@Override
	public List<ContributedProblem> problems(SummaryScope summary, Locale locale) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		List<ContributedProblem> problems = new ArrayList<>();
		for (ResponsibilityViews.TeamRow team : views.teams(scope, summary.year(), summary.reportDay())) {
			if (team.behind() && team.rule() != null) {
				problems.add(ruleProblems.behind(rules.evaluate(team.rule(), BigDecimal.valueOf(team.team().meetings())),
						team.team().unitName(), locale));
			}
		}
		for (ResponsibilityRepository.TaskRow row : views.tasks(scope, summary.year(), "overdue", summary.reportDay())) {
			problems.add(new ContributedProblem(OVERDUE_TASK, "", row.unitName() + " " + row.task().task(),
					messages.getMessage("responsibility.problem.overdue", new Object[] { row.unitName(), row.task().task(), row.ownerName(),
							row.task().dueOn() }, locale)));
		}
		return problems;
	}
}
