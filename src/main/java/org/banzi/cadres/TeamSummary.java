package org.banzi.cadres;

import java.util.List;
import java.util.Locale;

import org.banzi.organization.Scope;
import org.banzi.organization.UnitType;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.RuleRef;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.banzi.rules.RuleProblems;
import org.springframework.stereotype.Component;

/**
 * The summary's part 4, the teams: township and department teams adjusted in the year (with the joins and departures
 * behind them) and cadres exchanged for long tenure. Its problems are, per version of the tenure rules, how many
 * posts are held past them.
 */
@Component
class TeamSummary implements SummaryContribution {

	static final List<String> KEYS = List.of("teams.adjusted.township", "teams.adjusted.department", "cadres.exchangedForTenure");

	private final TeamFigures teams;
	private final TenureClock tenure;
	private final RuleProblems problems;

	TeamSummary(TeamFigures teams, TenureClock tenure, RuleProblems problems) {
		this.teams = teams;
		this.tenure = tenure;
		this.problems = problems;
	}

	@Override
	public int order() {
		return 400;
	}

	@Override
	public List<String> keys() {
		return KEYS;
	}

	@Override
	public List<ContributedFigure> figures(SummaryScope summary) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		int year = summary.year();
		String adjusted = "/reports/evidence/teams-adjusted?unit=" + summary.unitCode() + "&type=%s&year=" + year;
		long exchanged = teams.exchangedForTenure(scope, year);
		return List.of(
				new ContributedFigure(KEYS.get(0), java.math.BigDecimal.valueOf(teams.teamsAdjusted(scope, UnitType.TOWNSHIP, year)),
						adjusted.formatted(UnitType.TOWNSHIP), teams.adjustments(scope, UnitType.TOWNSHIP, year)),
				new ContributedFigure(KEYS.get(1), java.math.BigDecimal.valueOf(teams.teamsAdjusted(scope, UnitType.DEPARTMENT, year)),
						adjusted.formatted(UnitType.DEPARTMENT), teams.adjustments(scope, UnitType.DEPARTMENT, year)),
				ContributedFigure.count(KEYS.get(2), exchanged, "/reports/evidence/exchanges?unit=" + summary.unitCode() + "&year=" + year));
	}

	/** Teams adjusted count units; cadres exchanged count a cadre once across the units of the cadre's posts. */
	@Override
	public boolean addsUpByCounty() {
		return true;
	}

	@Override
	public List<ContributedProblem> problems(SummaryScope summary, Locale locale) {
		return problems.counted(tenure.flagCounts(new Scope(summary.unitId(), summary.unitPath()), summary.reportDay()),
				"summary.problem.posts", "summary.problem.tenure", locale);
	}

	@Override
	public List<String> ruleKeys() {
		return List.of();
	}

	/** The tenure rules decide which posts are held too long. */
	@Override
	public List<RuleRef> alsoApplied() {
		return List.of(RuleRef.all(TenureClock.SAME_POST), RuleRef.all(TenureClock.KEY_POST), RuleRef.all(TenureClock.SAME_LEVEL),
				RuleRef.all(TenureClock.TERMS));
	}

	@Override
	public List<String> tables() {
		return List.of("team_membership", "post", "cadre", "org_unit", "rule_value", "rule_definition");
	}
}
