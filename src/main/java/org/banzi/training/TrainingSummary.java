package org.banzi.training;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.banzi.organization.Scope;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.RuleRef;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.banzi.rules.RuleProblems;
import org.springframework.stereotype.Component;

/**
 * The summary's part 1, training: classes ending in the year, trainees who completed (all, section level and above,
 * distinct cadres). Its problems are, per version of the hours rules, how many cadres are behind them.
 */
@Component
class TrainingSummary implements SummaryContribution {

	static final List<String> KEYS = List.of("training.classes", "training.trainees", "training.traineesSectionLevelAndAbove",
			"training.distinctTrainees");

	private final TrainingRecords training;
	private final RuleProblems problems;

	TrainingSummary(TrainingRecords training, RuleProblems problems) {
		this.training = training;
		this.problems = problems;
	}

	@Override
	public int order() {
		return 110;
	}

	@Override
	public List<String> keys() {
		return KEYS;
	}

	@Override
	public List<ContributedFigure> figures(SummaryScope summary) {
		int year = summary.year();
		TrainingRecords.Statistics statistics = training.statistics(new Scope(summary.unitId(), summary.unitPath()),
				LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
		String evidence = "/training?unit=" + summary.unitCode() + "&year=" + year;
		return List.of(new ContributedFigure(KEYS.get(0), BigDecimal.valueOf(statistics.classes()), evidence, statistics.classes()),
				new ContributedFigure(KEYS.get(1), BigDecimal.valueOf(statistics.trainees()), evidence, statistics.enrolments()),
				new ContributedFigure(KEYS.get(2), BigDecimal.valueOf(statistics.traineesSectionLevelAndAbove()), evidence,
						statistics.enrolments()),
				new ContributedFigure(KEYS.get(3), BigDecimal.valueOf(statistics.distinctTrainees()), evidence, statistics.enrolments()));
	}

	/** Classes count by organizer and trainees by enrolment; cadres trained count a cadre once across the organizers. */
	@Override
	public boolean addsUpByCounty() {
		return true;
	}

	@Override
	public List<ContributedProblem> problems(SummaryScope summary, Locale locale) {
		return problems.counted(training.behind(new Scope(summary.unitId(), summary.unitPath()), summary.year(), summary.reportDay()),
				"summary.problem.cadres", "summary.problem.training", locale);
	}

	@Override
	public List<String> ruleKeys() {
		return List.of(TrainingRecords.HOURS_PER_YEAR, TrainingRecords.HOURS_PER_FIVE_YEARS);
	}

	/** The hours rules, each for the rank level it covers. */
	@Override
	public List<RuleRef> targets() {
		return List.of(new RuleRef(TrainingRecords.HOURS_PER_YEAR, "SECTION_LEVEL_AND_BELOW"),
				new RuleRef(TrainingRecords.HOURS_PER_FIVE_YEARS, "COUNTY_LEVEL"));
	}

	/** The absence rule decides who completed a class. */
	@Override
	public List<RuleRef> alsoApplied() {
		return List.of(RuleRef.all(AbsenceRule.KEY));
	}

	@Override
	public List<String> tables() {
		return TrainingRecords.TABLES;
	}
}
