package org.banzi.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.banzi.organization.Unit;
import org.banzi.platform.db.Memo;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.RuleRef;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes the summary of a unit's subtree for a year from the records. It knows no module: every part (figures,
 * problems, the rules it holds them against) is a {@link SummaryContribution} bean of the module that owns the
 * records, and the parts are computed side by side, each kept until its tables change.
 */
@Service
class SummaryCalculator {

	private static final Logger log = LoggerFactory.getLogger(SummaryCalculator.class);

	private final Rules rules;
	private final Clock clock;
	private final Executor workers;
	private final TransactionTemplate transactions;
	private final JdbcClient jdbc;
	private final List<SummaryContribution> contributions;
	private final Memo memo;

	SummaryCalculator(Rules rules, Clock clock, PlatformTransactionManager transactionManager, JdbcClient jdbc,
			ObjectProvider<SummaryContribution> contributions, Memo memo, @Qualifier(SummaryWorkers.NAME) Executor workers) {
		this.memo = memo;
		this.contributions = contributions.orderedStream().sorted(Comparator.comparingInt(SummaryContribution::order)).toList();
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setReadOnly(true);
		this.jdbc = jdbc;
		this.rules = rules;
		this.clock = clock;
		this.workers = workers;
	}

	/** The figure keys of every part, in the summary's order. */
	List<String> keys() {
		return contributions.stream().flatMap(c -> c.keys().stream()).toList();
	}

	/** What the parts carry into next year's measures for a unit's subtree and year, in the parts' order. */
	List<String> carriedOver(Unit unit, int year, Locale locale) {
		SummaryScope scope = new SummaryScope(unit.id(), unit.code(), unit.path(), year, Rules.reportDay(year, LocalDate.now(clock)));
		// the parts kept and still current are taken with one question to the database for all of them
		Memo.Stamps stamps = memo.stamps(contributions.stream().flatMap(c -> c.tables().stream()).toList());
		return contributions.stream().flatMap(c -> {
			List<Object> key = List.of(c.getClass(), "carriedOver", scope, locale);
			return memo.<List<String>>kept(key, c.tables(), stamps)
				.orElseGet(() -> transactions.execute(status -> memo.remember(key, c.tables(), () -> c.carriedOver(scope, locale))))
				.stream();
		}).toList();
	}

	/** The keys of figures that do not show a year has records. */
	java.util.Set<String> standingKeys() {
		return contributions.stream().flatMap(c -> c.standingKeys().stream()).collect(Collectors.toSet());
	}

	Summary compute(Unit unit, int year, Locale locale) {
		return compute(unit, year, locale, true);
	}

	/**
	 * The figures with the same figures of the year before, and the problems only when asked (they hold every cadre and
	 * team against the rules): each part's figures and problems on workers of their own, side by side.
	 */
	Summary compute(Unit unit, int year, Locale locale, boolean withProblems) {
		LocalDate day = Rules.reportDay(year, LocalDate.now(clock));
		SummaryScope scope = new SummaryScope(unit.id(), unit.code(), unit.path(), year, day);
		SummaryScope before = new SummaryScope(unit.id(), unit.code(), unit.path(), year - 1,
				Rules.reportDay(year - 1, LocalDate.now(clock)));
		// the parts kept and still current are taken as they are, with one question to the database for all of them
		Memo.Stamps stamps = memo.stamps(contributions.stream().flatMap(c -> c.tables().stream()).toList());
		List<CompletableFuture<List<ContributedFigure>>> figureParts = figureParts(scope, stamps);
		List<CompletableFuture<List<ContributedFigure>>> previousParts = figureParts(before, stamps);
		List<CompletableFuture<List<ContributedProblem>>> problemParts = withProblems ? contributions.stream()
			.map(c -> kept(List.of(c.getClass(), "problems", scope, locale), c, stamps, c.getClass().getSimpleName() + " problems",
					() -> c.problems(scope, locale)))
			.toList() : List.of();
		java.util.Map<String, java.math.BigDecimal> previous = new java.util.HashMap<>();
		previousParts.forEach(part -> part.join().forEach(f -> previous.put(f.key(), f.value())));
		List<Figure> figures = new ArrayList<>();
		figureParts.forEach(part -> part.join()
			.forEach(f -> figures.add(new Figure(f.key(), f.value(), f.evidence(), f.records(), previous.get(f.key())))));
		List<Problem> problems = new ArrayList<>();
		problemParts.forEach(part -> part.join().forEach(p -> problems.add(new Problem(p.rule(), p.citation(), p.subject(), p.text(), p.measured(), p.gap()))));
		return new Summary(year, unit.code(), unit.name(), figures, problems, rulesUsed(unit, day), rulesIn(unit, LocalDate.of(year + 1, 1, 1)));
	}

	private List<CompletableFuture<List<ContributedFigure>>> figureParts(SummaryScope scope, Memo.Stamps stamps) {
		return contributions.stream()
			.map(c -> kept(List.of(c.getClass(), "figures", scope), c, stamps, c.getClass().getSimpleName() + " figures " + scope.year(),
					() -> c.figures(scope)))
			.toList();
	}

	/** A part as kept, when its tables have not changed since; else computed (or waited for) on a worker. */
	private <T> CompletableFuture<T> kept(List<Object> key, SummaryContribution contribution, Memo.Stamps stamps, String name,
			Supplier<T> compute) {
		return memo.<T>kept(key, contribution.tables(), stamps)
			.map(CompletableFuture::completedFuture)
			.orElseGet(() -> part(name, () -> memo.remember(key, contribution.tables(), compute)));
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

	/** The rules the parts hold their figures against. */
	private List<AppliedRule> rulesIn(Unit unit, LocalDate day) {
		return resolve(contributions.stream().flatMap(c -> c.targets().stream()).toList(), unit, day);
	}

	/** The rules the figures are held against, then those the parts apply to decide what counts; each version once. */
	private List<AppliedRule> rulesUsed(Unit unit, LocalDate day) {
		List<AppliedRule> used = new ArrayList<>(rulesIn(unit, day));
		used.addAll(resolve(contributions.stream().flatMap(c -> c.alsoApplied().stream()).toList(), unit, day));
		return used.stream().collect(Collectors.toMap(AppliedRule::versionId, Function.identity(), (a, b) -> a, LinkedHashMap::new))
			.values().stream().toList();
	}

	private List<AppliedRule> resolve(List<RuleRef> refs, Unit unit, LocalDate day) {
		List<AppliedRule> resolved = new ArrayList<>();
		refs.forEach(ref -> rules.resolve(ref.key(), ref.appliesTo(), unit, day).ifPresent(resolved::add));
		return resolved;
	}
}
