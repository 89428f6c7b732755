package org.banzi.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.banzi.organization.Unit;
import org.banzi.organization.UnitType;
import org.banzi.organization.Units;
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
import org.springframework.transaction.TransactionDefinition;
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
	private final Units units;

	/** One snapshot for the whole and its counties, when what lies outside the counties is found by subtraction. */
	private final TransactionTemplate snapshot;

	SummaryCalculator(Rules rules, Clock clock, PlatformTransactionManager transactionManager, JdbcClient jdbc,
			ObjectProvider<SummaryContribution> contributions, Memo memo, Units units,
			@Qualifier(SummaryWorkers.NAME) Executor workers) {
		this.memo = memo;
		this.units = units;
		this.snapshot = new TransactionTemplate(transactionManager);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
		Counties counties = counties(unit);
		// the parts kept and still current are taken as they are, with one question to the database for all of them
		Memo.Stamps stamps = memo.stamps(tablesToCheck(counties, List.of(scope.year(), before.year())));
		List<CompletableFuture<List<ContributedFigure>>> figureParts = figureParts(scope, counties, stamps);
		List<CompletableFuture<List<ContributedFigure>>> previousParts = figureParts(before, counties, stamps);
		List<CompletableFuture<List<ContributedProblem>>> problemParts = withProblems ? contributions.stream()
			.map(c -> c.addsUpByCounty() && !counties.isEmpty()
					? CompletableFuture.supplyAsync(() -> problemsByCounty(c, scope, counties, stamps, locale), workers)
					: kept(List.of(c.getClass(), "problems", scope, locale), c.tables(scope.year()), stamps,
							c.getClass().getSimpleName() + " problems",
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

	private List<CompletableFuture<List<ContributedFigure>>> figureParts(SummaryScope scope, Counties counties, Memo.Stamps stamps) {
		return contributions.stream()
			.map(c -> c.addsUpByCounty() && !counties.isEmpty()
					? CompletableFuture.supplyAsync(() -> byCounty(c, scope, counties, stamps), workers)
					: kept(List.of(c.getClass(), "figures", scope), c.tables(scope.year()), stamps,
							c.getClass().getSimpleName() + " figures " + scope.year(),
							() -> c.figures(scope)))
			.toList();
	}

	/**
	 * The county committees a unit's subtree is made of, for the parts that add up by county (ADR 0013): those inside
	 * it with no other between (each with the county committees inside it), those above it or the unit itself, whose
	 * changes reach every county below, and those inside whose records some person ties to another county's (migration
	 * V27). Empty for a county and anything in one.
	 */
	record Counties(List<Unit> counties, Map<Long, List<Long>> inside, List<Long> above, List<Long> entangled) {

		boolean isEmpty() {
			return counties.isEmpty();
		}

		/** The counties whose changes a county's part is kept against: its own, those inside it, those above. */
		List<Long> of(Unit county) {
			List<Long> all = new ArrayList<>(inside.get(county.id()));
			all.addAll(above);
			return all;
		}
	}

	private Counties counties(Unit unit) {
		Map<Long, Unit> lookup = units.lookup();
		List<Long> above = ids(unit.path()).stream().filter(id -> isCounty(lookup.get(id))).toList();
		List<Unit> inside = lookup.values().stream()
			.filter(u -> u.id() != unit.id() && isCounty(u) && unit.contains(u))
			.sorted(Comparator.comparing(Unit::path))
			.toList();
		List<Unit> top = inside.stream()
			.filter(county -> inside.stream().noneMatch(other -> other.id() != county.id() && other.contains(county)))
			.toList();
		Map<Long, List<Long>> within = new java.util.HashMap<>();
		top.forEach(county -> within.put(county.id(),
				inside.stream().filter(county::contains).map(Unit::id).toList()));
		java.util.Set<Long> insideIds = inside.stream().map(Unit::id).collect(Collectors.toSet());
		// a county's own summary (no county inside it) does not ask
		List<Long> entangled = top.isEmpty() ? List.of()
				: memo.entangledCounties().stream().filter(insideIds::contains).sorted().toList();
		return new Counties(top, within, above, entangled);
	}

	private static boolean isCounty(@org.jspecify.annotations.Nullable Unit unit) {
		return unit != null && unit.type() == UnitType.COUNTY_COMMITTEE;
	}

	/** The ids on a tree path, from the root down ({@code /1/7/42/}). */
	private static List<Long> ids(String path) {
		return java.util.Arrays.stream(path.split("/")).filter(id -> !id.isEmpty()).map(Long::valueOf).toList();
	}

	/**
	 * Every table the parts read, as they read them in each of the years, and for the parts that add up by county, the
	 * same tables counted by county.
	 */
	private List<String> tablesToCheck(Counties counties, List<Integer> years) {
		List<String> tables = new ArrayList<>(contributions.stream().flatMap(c -> c.tables().stream()).toList());
		years.forEach(year -> contributions.forEach(c -> tables.addAll(c.tables(year))));
		if (!counties.isEmpty()) {
			contributions.stream().filter(SummaryContribution::addsUpByCounty).forEach(c -> {
				counties.counties().forEach(county -> tables.addAll(Memo.inCounties(c.tables(), counties.of(county))));
				tables.addAll(outsideTables(c, counties));
			});
		}
		return tables;
	}

	/**
	 * A part that adds up by county, for a subtree with counties in it: what lies outside the counties, plus each
	 * county's figures. Each is kept until a change in its own counties (or above them) commits, so after a change in
	 * one county only that county's figures are computed again.
	 */
	private List<ContributedFigure> byCounty(SummaryContribution c, SummaryScope scope, Counties counties, Memo.Stamps stamps) {
		String name = c.getClass().getSimpleName();
		long start = System.nanoTime();
		List<ContributedFigure> total = outsideCounties(c, scope, counties, stamps);
		for (Unit county : counties.counties()) {
			total = add(total, inCounty(countyKey(c, scope, county), countyTables(c, counties, county), stamps,
					() -> countyFigures(c, scope, counties, county)), 1);
		}
		log.debug("summary part {} figures {} by county: {} ms", name, scope.year(), (System.nanoTime() - start) / 1_000_000);
		return total;
	}

	/**
	 * What a part's figures outside the counties are kept against: its tables' changes above the counties, and in the
	 * counties some person's records tie to another county's (where the whole is not the sum of the counties).
	 */
	private static List<String> outsideTables(SummaryContribution c, Counties counties) {
		List<Long> kept = new ArrayList<>(counties.above());
		kept.addAll(counties.entangled());
		return Memo.inCounties(c.tables(), kept);
	}

	private static List<Object> countyKey(SummaryContribution c, SummaryScope scope, Unit county) {
		return List.of(c.getClass(), "county figures", countyScope(scope, county));
	}

	private static List<String> countyTables(SummaryContribution c, Counties counties, Unit county) {
		return Memo.inCounties(c.tables(), counties.of(county));
	}

	/** A county's figures of a part, kept until a change in the county (or above it) commits. */
	private List<ContributedFigure> countyFigures(SummaryContribution c, SummaryScope scope, Counties counties, Unit county) {
		return memo.remember(countyKey(c, scope, county), countyTables(c, counties, county), () -> c.figures(countyScope(scope, county)));
	}

	private static SummaryScope countyScope(SummaryScope scope, Unit county) {
		return new SummaryScope(county.id(), county.code(), county.path(), scope.year(), scope.reportDay());
	}

	/**
	 * A part's figures for what lies outside the counties of a subtree: the whole subtree's less each county's, all
	 * computed in one snapshot of the records. Kept until a change outside every county (or above them) commits.
	 * The evidence links are the whole subtree's.
	 */
	private List<ContributedFigure> outsideCounties(SummaryContribution c, SummaryScope scope, Counties counties, Memo.Stamps stamps) {
		List<Object> key = List.of(c.getClass(), "figures outside counties", scope, counties.counties().stream().map(Unit::id).toList(),
				counties.entangled());
		return outside(key, outsideTables(c, counties), stamps, () -> {
			List<ContributedFigure> rest = c.figures(scope);
			for (Unit county : counties.counties()) {
				// kept as of this snapshot: its changes counted so far are those the snapshot sees
				rest = add(rest, countyFigures(c, scope, counties, county), -1);
			}
			return rest;
		});
	}

	/** A county's part as kept, or computed in a read-only transaction of its own (and kept by {@code compute}). */
	private <T> T inCounty(List<Object> key, List<String> tables, Memo.Stamps stamps, Supplier<T> compute) {
		return memo.<T>kept(key, tables, stamps).orElseGet(() -> transactions.execute(status -> {
			withoutParallelWorkers();
			return compute.get();
		}));
	}

	/** What lies outside a subtree's counties, as kept, or computed in one snapshot with its counties' parts and kept. */
	private <T> T outside(List<Object> key, List<String> tables, Memo.Stamps stamps, Supplier<T> compute) {
		return memo.<T>kept(key, tables, stamps).orElseGet(() -> memo.remember(key, tables, () -> snapshot.execute(status -> {
			withoutParallelWorkers();
			return compute.get();
		})));
	}

	/**
	 * The parts already keep the cores busy side by side, so the database is asked not to split a part's query over
	 * parallel workers of its own (they would only compete, each building the same hash tables).
	 */
	private void withoutParallelWorkers() {
		jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0").update();
	}

	/**
	 * A part that adds up by county, for a subtree with counties in it: its problems outside the counties and in each
	 * county, each kept as the figures are ({@link #byCounty}), added up by {@link ProblemSums}.
	 */
	private List<ContributedProblem> problemsByCounty(SummaryContribution c, SummaryScope scope, Counties counties, Memo.Stamps stamps,
			Locale locale) {
		long start = System.nanoTime();
		ProblemSums.Outside outside = problemsOutsideCounties(c, scope, counties, stamps, locale);
		List<List<ContributedProblem>> parts = new ArrayList<>();
		for (Unit county : counties.counties()) {
			parts.add(inCounty(countyProblemsKey(c, scope, county, locale), countyTables(c, counties, county), stamps,
					() -> countyProblems(c, scope, counties, county, locale)));
		}
		log.debug("summary part {} problems by county: {} ms", c.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
		return ProblemSums.total(outside, parts);
	}

	private static List<Object> countyProblemsKey(SummaryContribution c, SummaryScope scope, Unit county, Locale locale) {
		return List.of(c.getClass(), "county problems", countyScope(scope, county), locale);
	}

	private List<ContributedProblem> countyProblems(SummaryContribution c, SummaryScope scope, Counties counties, Unit county, Locale locale) {
		return memo.remember(countyProblemsKey(c, scope, county, locale), countyTables(c, counties, county),
				() -> c.problems(countyScope(scope, county), locale));
	}

	/** A part's problems outside the counties of a subtree: the whole subtree's less each county's, in one snapshot. */
	private ProblemSums.Outside problemsOutsideCounties(SummaryContribution c, SummaryScope scope, Counties counties, Memo.Stamps stamps,
			Locale locale) {
		List<Object> key = List.of(c.getClass(), "problems outside counties", scope, locale,
				counties.counties().stream().map(Unit::id).toList(), counties.entangled());
		return outside(key, outsideTables(c, counties), stamps, () -> ProblemSums.outside(c.problems(scope, locale),
				counties.counties().stream().map(county -> countyProblems(c, scope, counties, county, locale)).toList()));
	}

	/**
	 * The figures of {@code base} with those of {@code other} added (sign 1) or taken away (-1), key by key: a ratio's
	 * total and count, anything else its value; the records likewise. The evidence stays {@code base}'s.
	 */
	static List<ContributedFigure> add(List<ContributedFigure> base, List<ContributedFigure> other, int sign) {
		Map<String, ContributedFigure> others = other.stream().collect(Collectors.toMap(ContributedFigure::key, Function.identity()));
		return base.stream().map(figure -> {
			ContributedFigure more = others.get(figure.key());
			if (more == null) {
				throw new IllegalStateException("figure " + figure.key() + " is missing from a county's part");
			}
			long records = figure.records() + sign * more.records();
			if (figure.ratio() != null && more.ratio() != null) {
				ContributedFigure.Ratio ratio = new ContributedFigure.Ratio(
						figure.ratio().total().add(more.ratio().total().multiply(java.math.BigDecimal.valueOf(sign))),
						figure.ratio().count() + sign * more.ratio().count(), figure.ratio().scale());
				return new ContributedFigure(figure.key(), ratio.value(), figure.evidence(), records, ratio);
			}
			return new ContributedFigure(figure.key(), figure.value().add(more.value().multiply(java.math.BigDecimal.valueOf(sign))),
					figure.evidence(), records);
		}).toList();
	}

	/** A part as kept, when its tables have not changed since; else computed (or waited for) on a worker. */
	private <T> CompletableFuture<T> kept(List<Object> key, List<String> tables, Memo.Stamps stamps, String name,
			Supplier<T> compute) {
		return memo.<T>kept(key, tables, stamps)
			.map(CompletableFuture::completedFuture)
			.orElseGet(() -> part(name, () -> memo.remember(key, tables, compute)));
	}

	/**
	 * One part of the summary, computed on a worker in a read-only transaction of its own, without parallel workers.
	 * Its time is logged at DEBUG to find the slow part of a slow summary.
	 */
	private <T> CompletableFuture<T> part(String name, Supplier<T> work) {
		return CompletableFuture.supplyAsync(() -> {
			long start = System.nanoTime();
			T result = transactions.execute(status -> {
				withoutParallelWorkers();
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
