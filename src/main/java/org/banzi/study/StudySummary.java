package org.banzi.study;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.banzi.organization.Scope;
import org.banzi.organization.UnitType;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.RuleRef;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.banzi.rules.Evaluation;
import org.banzi.rules.RuleProblems;
import org.springframework.stereotype.Component;

/**
 * The summary's part 1, study: the county committee's central-group sessions and hours and its members' self-study
 * and notes per head; the townships' sessions and hours per team and their members' self-study and notes per head.
 * Its problems are the teams short of a study target and, per version of each members' rule, how many members are.
 */
@Component
class StudySummary implements SummaryContribution {

	static final List<String> KEYS = List.of("study.county.groupSessions", "study.county.groupHours",
			"study.county.selfStudyHoursPerCapita", "study.county.notesCharsPerCapita", "study.township.groupSessionsAvg",
			"study.township.groupHoursAvg", "study.township.selfStudySessionsPerCapita", "study.township.selfStudyHoursPerCapita",
			"study.township.notesCharsPerCapita");

	private static final List<String> RULES = List.of(StudyCompliance.GROUP_SESSIONS, StudyCompliance.GROUP_HOURS,
			StudyCompliance.SELF_SESSIONS, StudyCompliance.SELF_HOURS, StudyCompliance.NOTE_CHARS);

	private final StudyFigures study;
	private final StudyCompliance compliance;
	private final RuleProblems problems;

	StudySummary(StudyFigures study, StudyCompliance compliance, RuleProblems problems) {
		this.study = study;
		this.compliance = compliance;
		this.problems = problems;
	}

	@Override
	public int order() {
		return 100;
	}

	@Override
	public List<String> keys() {
		return KEYS;
	}

	@Override
	public List<ContributedFigure> figures(SummaryScope summary) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		int year = summary.year();
		StudyFigures.TeamGroup county = study.forTeams(scope, UnitType.COUNTY_COMMITTEE, year, summary.reportDay());
		StudyFigures.TeamGroup township = study.forTeams(scope, UnitType.TOWNSHIP, year, summary.reportDay());
		String members = "/study?unit=" + summary.unitCode() + "&behindOnly=false&year=" + year;
		String sessions = "/study/sessions?unit=" + summary.unitCode() + "&year=" + year;
		return List.of(
				new ContributedFigure(KEYS.get(0), BigDecimal.valueOf(county.sessions()), sessions, county.sessions()),
				new ContributedFigure(KEYS.get(1), county.sessionHours(), sessions, county.sessions()),
				ContributedFigure.ratio(KEYS.get(2), county.selfStudyHours(), county.members(), SCALE, members, county.selfStudyEntries()),
				ContributedFigure.ratio(KEYS.get(3), BigDecimal.valueOf(county.noteCharacters()), county.members(), SCALE, members,
						county.notes()),
				ContributedFigure.ratio(KEYS.get(4), BigDecimal.valueOf(township.sessions()), township.teams(), SCALE, sessions,
						township.sessions()),
				ContributedFigure.ratio(KEYS.get(5), township.sessionHours(), township.teams(), SCALE, sessions, township.sessions()),
				ContributedFigure.ratio(KEYS.get(6), BigDecimal.valueOf(township.selfStudyEntries()), township.members(), SCALE, members,
						township.selfStudyEntries()),
				ContributedFigure.ratio(KEYS.get(7), township.selfStudyHours(), township.members(), SCALE, members,
						township.selfStudyEntries()),
				ContributedFigure.ratio(KEYS.get(8), BigDecimal.valueOf(township.noteCharacters()), township.members(), SCALE, members,
						township.notes()));
	}

	/** Figures per head (or per team) are given to one decimal. */
	private static final int SCALE = 1;

	/** Each figure sums the records of teams, or divides two such sums; a member on teams of two counties counts once. */
	@Override
	public boolean addsUpByCounty() {
		return true;
	}

	@Override
	public List<ContributedProblem> problems(SummaryScope summary, Locale locale) {
		StudyCompliance.Shortfalls shortfalls = compliance.shortfalls(new Scope(summary.unitId(), summary.unitPath()), summary.year(),
				summary.reportDay());
		List<ContributedProblem> found = new ArrayList<>();
		for (StudyCompliance.TeamStudy team : shortfalls.teams()) {
			for (Evaluation evaluation : team.evaluations()) {
				if (evaluation.behind()) {
					found.add(problems.behind(evaluation, team.unit().name(), locale));
				}
			}
		}
		found.addAll(problems.counted(shortfalls.members(), "summary.problem.cadres", "summary.problem.members", locale));
		return found;
	}

	@Override
	public List<String> ruleKeys() {
		return RULES;
	}

	/** The study targets of the county committee and of the townships. */
	@Override
	public List<RuleRef> targets() {
		List<RuleRef> targets = new ArrayList<>();
		for (String key : RULES) {
			for (UnitType type : List.of(UnitType.COUNTY_COMMITTEE, UnitType.TOWNSHIP)) {
				targets.add(new RuleRef(key, type.name()));
			}
		}
		return targets;
	}

	@Override
	public List<String> tables() {
		Set<String> tables = new LinkedHashSet<>(StudyFigures.TABLES);
		tables.addAll(StudyCompliance.TABLES);
		return List.copyOf(tables);
	}

	/** A year's figures and problems read only that year's self-study and notes. */
	@Override
	public List<String> tables(int year) {
		return StudyFigures.ofYear(tables(), year);
	}
}
