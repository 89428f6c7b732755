package org.banzi.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.banzi.cadres.TeamFigures;
import org.banzi.cadres.TenureClock;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.UnitType;
import org.banzi.platform.db.Memo;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Evaluation;
import org.banzi.rules.RuleCount;
import org.banzi.rules.Rules;
import org.banzi.study.StudyCompliance;
import org.banzi.study.StudyFigures;
import org.banzi.training.TrainingRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes the summary of a unit's subtree for a year from the records: each figure by a query of the module that
 * owns the records, rounded as the summary states it; the problems from the rules in force on the report day.
 */
@Service
class SummaryCalculator {

	private static final Logger log = LoggerFactory.getLogger(SummaryCalculator.class);

	static final List<String> KEYS = List.of("study.county.groupSessions", "study.county.groupHours",
			"study.county.selfStudyHoursPerCapita", "study.county.notesCharsPerCapita", "study.township.groupSessionsAvg",
			"study.township.groupHoursAvg", "study.township.selfStudySessionsPerCapita",
			"study.township.selfStudyHoursPerCapita", "study.township.notesCharsPerCapita", "training.classes",
			"training.trainees", "training.traineesSectionLevelAndAbove", "training.distinctTrainees",
			"teams.adjusted.township", "teams.adjusted.department", "cadres.exchangedForTenure");

	private final StudyFigures study;
	private final StudyCompliance compliance;
	private final TrainingRecords training;
	private final TeamFigures teams;
	private final TenureClock tenure;
	private final Rules rules;
	private final MessageSource messages;
	private final Clock clock;
	private final ExecutorService workers = Executors.newFixedThreadPool(7, runnable -> {
		Thread thread = new Thread(runnable, "summary-parts");
		thread.setDaemon(true);
		return thread;
	});

	private final TransactionTemplate transactions;
	private final JdbcClient jdbc;
	private final List<SummaryContribution> contributions;
	private final Memo memo;

	SummaryCalculator(StudyFigures study, StudyCompliance compliance, TrainingRecords training, TeamFigures teams,
			TenureClock tenure, Rules rules, MessageSource messages, Clock clock,
			PlatformTransactionManager transactionManager, JdbcClient jdbc, ObjectProvider<SummaryContribution> contributions, Memo memo) {
		this.memo = memo;
		this.contributions = contributions.orderedStream().sorted(Comparator.comparingInt(SummaryContribution::order)).toList();
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setReadOnly(true);
		this.jdbc = jdbc;
		this.study = study;
		this.compliance = compliance;
		this.training = training;
		this.teams = teams;
		this.tenure = tenure;
		this.rules = rules;
		this.messages = messages;
		this.clock = clock;
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		workers.shutdownNow();
	}

	Summary compute(Unit unit, int year, Locale locale) {
		return compute(unit, year, locale, true);
	}

	/**
	 * The figures, and the problems only when asked: the problems evaluate every cadre and team against the rules,
	 * so they are computed on other threads while the figures are summed here.
	 */
	Summary compute(Unit unit, int year, Locale locale, boolean withProblems) {
		Scope scope = new Scope(unit.id(), unit.path());
		LocalDate day = Rules.reportDay(year, LocalDate.now(clock));
		List<CompletableFuture<List<Problem>>> problemParts = withProblems
				? List.of(part("study problems", () -> studyProblems(scope, year, day, locale)),
						part("training problems", () -> trainingProblems(scope, year, day, locale)),
						part("tenure problems", () -> tenureProblems(scope, day, locale)))
				: List.of();
		String code = unit.code();
		List<Figure> figures = new ArrayList<>();
		// the figures' queries are independent of each other: run them side by side too
		CompletableFuture<StudyFigures.TeamGroup> countyPart = part("county study",
				() -> study.forTeams(scope, UnitType.COUNTY_COMMITTEE, year, day));
		CompletableFuture<StudyFigures.TeamGroup> townshipPart = part("township study",
				() -> study.forTeams(scope, UnitType.TOWNSHIP, year, day));
		CompletableFuture<TrainingRecords.Statistics> trainingPart = part("training statistics",
				() -> training.statistics(scope, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
		CompletableFuture<long[]> teamsPart = part("teams", () -> new long[] {
				teams.teamsAdjusted(scope, UnitType.TOWNSHIP, year), teams.adjustments(scope, UnitType.TOWNSHIP, year),
				teams.teamsAdjusted(scope, UnitType.DEPARTMENT, year), teams.adjustments(scope, UnitType.DEPARTMENT, year),
				teams.exchangedForTenure(scope, year) });

		StudyFigures.TeamGroup county = countyPart.join();
		String studyEvidence = "/study?unit=" + code + "&behindOnly=false&year=" + year;
		String sessionsEvidence = "/study/sessions?unit=" + code + "&year=" + year;
		figures.add(new Figure("study.county.groupSessions", BigDecimal.valueOf(county.sessions()), sessionsEvidence, county.sessions()));
		figures.add(new Figure("study.county.groupHours", county.sessionHours(), sessionsEvidence, county.sessions()));
		figures.add(new Figure("study.county.selfStudyHoursPerCapita", perCapita(county.selfStudyHours(), county.members()),
				studyEvidence, county.selfStudyEntries()));
		figures.add(new Figure("study.county.notesCharsPerCapita",
				perCapita(BigDecimal.valueOf(county.noteCharacters()), county.members()), studyEvidence, county.notes()));

		StudyFigures.TeamGroup township = townshipPart.join();
		figures.add(new Figure("study.township.groupSessionsAvg", perCapita(BigDecimal.valueOf(township.sessions()), township.teams()),
				sessionsEvidence, township.sessions()));
		figures.add(new Figure("study.township.groupHoursAvg", perCapita(township.sessionHours(), township.teams()),
				sessionsEvidence, township.sessions()));
		figures.add(new Figure("study.township.selfStudySessionsPerCapita",
				perCapita(BigDecimal.valueOf(township.selfStudyEntries()), township.members()), studyEvidence, township.selfStudyEntries()));
		figures.add(new Figure("study.township.selfStudyHoursPerCapita", perCapita(township.selfStudyHours(), township.members()),
				studyEvidence, township.selfStudyEntries()));
		figures.add(new Figure("study.township.notesCharsPerCapita",
				perCapita(BigDecimal.valueOf(township.noteCharacters()), township.members()), studyEvidence, township.notes()));

		TrainingRecords.Statistics statistics = trainingPart.join();
		String trainingEvidence = "/training?year=" + year;
		figures.add(new Figure("training.classes", BigDecimal.valueOf(statistics.classes()), trainingEvidence, statistics.classes()));
		figures.add(new Figure("training.trainees", BigDecimal.valueOf(statistics.trainees()), trainingEvidence, statistics.enrolments()));
		figures.add(new Figure("training.traineesSectionLevelAndAbove", BigDecimal.valueOf(statistics.traineesSectionLevelAndAbove()),
				trainingEvidence, statistics.enrolments()));
		figures.add(new Figure("training.distinctTrainees", BigDecimal.valueOf(statistics.distinctTrainees()), trainingEvidence,
				statistics.enrolments()));

		long[] team = teamsPart.join();
		figures.add(new Figure("teams.adjusted.township", BigDecimal.valueOf(team[0]),
				"/reports/evidence/teams-adjusted?unit=" + code + "&type=TOWNSHIP&year=" + year, team[1]));
		figures.add(new Figure("teams.adjusted.department", BigDecimal.valueOf(team[2]),
				"/reports/evidence/teams-adjusted?unit=" + code + "&type=DEPARTMENT&year=" + year, team[3]));
		long exchanged = team[4];
		figures.add(new Figure("cadres.exchangedForTenure", BigDecimal.valueOf(exchanged),
				"/reports/evidence/exchanges?unit=" + code + "&year=" + year, exchanged));

		// the parts other modules contribute, side by side too
		SummaryScope summaryScope = new SummaryScope(unit.id(), unit.code(), unit.path(), year, day);
		List<CompletableFuture<List<ContributedFigure>>> contributedFigures = contributions.stream()
			.map(c -> part(c.getClass().getSimpleName() + " figures",
					() -> memo.remember(List.of(c.getClass(), "figures", summaryScope), c.tables(), () -> c.figures(summaryScope))))
			.toList();
		List<CompletableFuture<List<ContributedProblem>>> contributedProblems = withProblems ? contributions.stream()
			.map(c -> part(c.getClass().getSimpleName() + " problems", () -> memo.remember(List.of(c.getClass(), "problems", summaryScope,
					locale), c.tables(), () -> c.problems(summaryScope, locale))))
			.toList() : List.of();
		contributedFigures.forEach(part -> part.join()
			.forEach(f -> figures.add(new Figure(f.key(), f.value(), f.evidence(), f.records()))));

		List<Problem> problems = new ArrayList<>();
		problemParts.forEach(part -> problems.addAll(part.join()));
		contributedProblems.forEach(part -> part.join()
			.forEach(p -> problems.add(new Problem(p.rule(), p.citation(), p.subject(), p.text()))));
		return new Summary(year, unit.code(), unit.name(), figures, problems, rulesUsed(unit, day), rulesIn(unit, LocalDate.of(year + 1, 1, 1)));
	}

	/**
	 * One part of the summary, computed on a worker in a read-only transaction of its own. The parts already keep
	 * the cores busy side by side, so the database is asked not to split a part's query over parallel workers of its
	 * own (they would only compete, each building the same hash tables). Its time is logged at DEBUG to find the
	 * slow part of a slow summary.
	 */
	private <T> CompletableFuture<T> part(String name, Supplier<T> work) {
		return CompletableFuture.supplyAsync(() -> {
			long start = System.nanoTime();
			T result = transactions.execute(status -> {
				jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0").update();
				return work.get();
			});
			log.debug("summary part {}: {} ms", name, (System.nanoTime() - start) / 1_000_000);
			return result;
		}, workers);
	}

	static BigDecimal perCapita(BigDecimal total, long count) {
		return count == 0 ? BigDecimal.ZERO : total.divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
	}

	private List<Problem> studyProblems(Scope scope, int year, LocalDate day, Locale locale) {
		List<Problem> problems = new ArrayList<>();
		StudyCompliance.Shortfalls shortfalls = compliance.shortfalls(scope, year, day);
		for (StudyCompliance.TeamStudy team : shortfalls.teams()) {
			for (Evaluation evaluation : team.evaluations()) {
				if (evaluation.behind()) {
					problems.add(problem(evaluation, team.unit().name(), locale));
				}
			}
		}
		count(shortfalls.members(), "summary.problem.cadres", "summary.problem.members", problems, locale);
		return problems;
	}

	private List<Problem> trainingProblems(Scope scope, int year, LocalDate day, Locale locale) {
		List<Problem> problems = new ArrayList<>();
		count(training.behind(scope, year, day), "summary.problem.cadres", "summary.problem.training", problems, locale);
		return problems;
	}

	private List<Problem> tenureProblems(Scope scope, LocalDate day, Locale locale) {
		List<Problem> problems = new ArrayList<>();
		count(tenure.flagCounts(scope, day), "summary.problem.posts", "summary.problem.tenure", problems, locale);
		return problems;
	}

	private Problem problem(Evaluation evaluation, String subject, Locale locale) {
		String rule = message("rule." + evaluation.rule().key(), locale);
		return new Problem(evaluation.rule().key(), evaluation.rule().citation(), subject,
				messages.getMessage("summary.problem.team", new Object[] { subject, rule, evaluation.measured().stripTrailingZeros().toPlainString(),
						evaluation.rule().formattedValue(), evaluation.rule().citation() }, locale));
	}

	/** One problem per version of a rule that finds something behind, in the order of the rules. */
	private void count(List<RuleCount> counts, String subjectKey, String messageKey, List<Problem> problems, Locale locale) {
		counts.stream()
			.filter(count -> count.count() > 0)
			.sorted(Comparator.comparing((RuleCount count) -> rules.definition(count.rule().key()).order())
				.thenComparing(Comparator.comparingLong(RuleCount::count).reversed()))
			.forEach(count -> {
				AppliedRule rule = count.rule();
				String subject = messages.getMessage(subjectKey, new Object[] { count.count() }, locale);
				problems.add(new Problem(rule.key(), rule.citation(), subject, messages.getMessage(messageKey,
						new Object[] { count.count(), message("rule." + rule.key(), locale), rule.formattedValue(), rule.citation() }, locale)));
			});
	}

	/** The rules the figures are held against: study targets of the county committee and townships, training. */
	private List<AppliedRule> rulesIn(Unit unit, LocalDate day) {
		List<AppliedRule> used = new ArrayList<>();
		for (String key : List.of(StudyCompliance.GROUP_SESSIONS, StudyCompliance.GROUP_HOURS, StudyCompliance.SELF_SESSIONS,
				StudyCompliance.SELF_HOURS, StudyCompliance.NOTE_CHARS)) {
			for (UnitType type : List.of(UnitType.COUNTY_COMMITTEE, UnitType.TOWNSHIP)) {
				rules.resolve(key, type.name(), unit, day).ifPresent(used::add);
			}
		}
		rules.resolve(TrainingRecords.HOURS_PER_YEAR, "SECTION_LEVEL_AND_BELOW", unit, day).ifPresent(used::add);
		rules.resolve(TrainingRecords.HOURS_PER_FIVE_YEARS, "COUNTY_LEVEL", unit, day).ifPresent(used::add);
		contributions.forEach(c -> c.ruleKeys().forEach(key -> rules.resolve(key, "ALL", unit, day).ifPresent(used::add)));
		return used;
	}

	private List<AppliedRule> rulesUsed(Unit unit, LocalDate day) {
		List<AppliedRule> used = new ArrayList<>(rulesIn(unit, day));
		for (String key : List.of("training.absence.maxShare", TenureClock.SAME_POST, TenureClock.KEY_POST, TenureClock.SAME_LEVEL,
				TenureClock.TERMS)) {
			rules.resolve(key, "ALL", unit, day).ifPresent(used::add);
		}
		return used.stream().collect(Collectors.toMap(AppliedRule::versionId, Function.identity(), (a, b) -> a, LinkedHashMap::new))
			.values().stream().toList();
	}

	private String message(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
