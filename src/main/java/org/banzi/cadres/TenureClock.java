package org.banzi.cadres;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.db.Memo;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Evaluation;
import org.banzi.rules.RuleCount;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Years in the current post, years at the current rank level and full terms served, held against the tenure rules
 * of the post's unit; each flag names the rule that raised it.
 */
@Service
public class TenureClock {

	public static final String SAME_POST = "tenure.samePost.years";
	public static final String KEY_POST = "tenure.keyPost.years";
	public static final String SAME_LEVEL = "tenure.sameLevel.years";
	public static final String TERMS = "tenure.samePost.terms";
	static final String TERM_YEARS = "tenure.term.years";
	/** How far back {@link #latestFlagged} looks, in years: longer than anyone holds a post. */
	private static final int OLDEST = 150;

	private final JdbcClient jdbc;
	private final Rules rules;
	private final Units units;
	private final Memo memo;

	TenureClock(JdbcClient jdbc, Rules rules, Units units, Memo memo) {
		this.jdbc = jdbc;
		this.memo = memo;
		this.rules = rules;
		this.units = units;
	}

	private record Held(String cadreNo, String name, @Nullable LocalDate rankSince, long unitId, String title,
			LocalDate start, boolean keyPost) {
	}

	/**
	 * Every flag raised on {@code day} on posts held at units of the scope: a post is held against the rules of its
	 * unit, and the department over that unit is the one to exchange its holder.
	 */
	@Transactional(readOnly = true)
	public List<TenureFlag> flags(Scope scope, LocalDate day) {
		// every post of the scope held against its rules (a county's 12,000): kept until a post, cadre, unit or rule changes
		return memo.remember(List.of(TenureClock.class, "flags", scope, day), LEVEL_TABLES,
				() -> List.copyOf(flags("p.unit_id IN (" + Scope.UNIT_IDS + ")", scope.parameters(), day)));
	}

	/** The flags raised on {@code day} on the posts of one cadre, wherever they are held. */
	@Transactional(readOnly = true)
	public List<TenureFlag> flagsOf(long cadreId, LocalDate day) {
		return flags("p.cadre_id = :cadre", Map.of("cadre", cadreId), day);
	}

	private List<TenureFlag> flags(String condition, Map<String, ?> parameters, LocalDate day) {
		List<Held> held = jdbc.sql("""
				SELECT c.cadre_no, c.name, c.rank_since, p.unit_id, p.title, p.start_date, p.key_post
				  FROM post p JOIN cadre c ON c.id = p.cadre_id
				 WHERE """ + " " + condition + """
				   AND p.start_date <= :day AND (p.end_date IS NULL OR p.end_date >= :day)
				 ORDER BY c.cadre_no, p.start_date
				""")
			.params(parameters)
			.param("day", day)
			.query((rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getLong(4),
					rs.getString(5), rs.getObject(6, LocalDate.class), rs.getBoolean(7)))
			.list();
		Map<Long, Unit> unitCache = units.lookup();
		List<TenureFlag> flags = new ArrayList<>();
		for (Held post : held) {
			Unit unit = units.of(unitCache, post.unitId());
			BigDecimal years = years(post.start(), day);
			check(SAME_POST, unit, day, years, post, flags);
			if (post.keyPost()) {
				check(KEY_POST, unit, day, years, post, flags);
			}
			if (post.rankSince() != null) {
				check(SAME_LEVEL, unit, day, years(post.rankSince(), day), post, flags);
			}
			Optional<AppliedRule> termYears = rules.resolve(TERM_YEARS, "ALL", unit, day);
			if (termYears.isPresent() && termYears.get().threshold().signum() > 0) {
				BigDecimal terms = years.divide(termYears.get().threshold(), 0, RoundingMode.FLOOR);
				check(TERMS, unit, day, terms, post, flags);
			}
		}
		return flags;
	}

	/**
	 * How many flags each version of the tenure rules raises on {@code day} on posts held in the scope: the rows of
	 * {@link #flags}, counted by the database. Held against a rule, a post is flagged from a certain age on, so each
	 * rule at each unit becomes the latest start date it flags ({@link #latestFlagged}) and the queries compare dates.
	 */
	@Transactional(readOnly = true)
	public List<RuleCount> flagCounts(Scope scope, LocalDate day) {
		List<RuleCount> counts = new ArrayList<>(memo.remember(List.of(TenureClock.class, "postCounts", scope, day), POST_TABLES,
				() -> postCounts(cutoffs(scope, day))));
		counts.addAll(memo.remember(List.of(TenureClock.class, "levelCounts", scope, day), LEVEL_TABLES,
				() -> levelCounts(cutoffs(scope, day))));
		return RuleCount.perVersion(counts);
	}

	/**
	 * The tables the counts are computed from: a change to one of them recomputes the kept counts. The post rules
	 * do not read the cadres, so an edit of a cadre leaves them kept.
	 */
	private static final List<String> POST_TABLES = List.of("post", "org_unit", "rule_value", "rule_definition");
	private static final List<String> LEVEL_TABLES = List.of("post", "cadre", "org_unit", "rule_value", "rule_definition");

	/**
	 * The four tenure rules at every unit of the scope as query parameters: for each rule ({@code v0..v3}: same post,
	 * key post, same level, terms) the version in force at the unit and the latest start date it flags
	 * ({@code c0..c3}); and the latest of the same-level dates, before which a cadre's level must have begun.
	 */
	private record Cutoffs(Map<String, Object> parameters, Map<Long, AppliedRule> byVersion, @Nullable LocalDate latestLevelCutoff) {
	}

	/** The rows of {@link Cutoffs}, {@code t(unit_id, v0, c0, ..., v3, c3)}, for a query's WITH clause. */
	private static final String CUTOFF_ROWS = """
			WITH t AS (SELECT * FROM unnest(CAST(:units AS bigint[]), CAST(:v0 AS bigint[]), CAST(:c0 AS date[]),
			                                CAST(:v1 AS bigint[]), CAST(:c1 AS date[]), CAST(:v2 AS bigint[]), CAST(:c2 AS date[]),
			                                CAST(:v3 AS bigint[]), CAST(:c3 AS date[]))
			                AS t(unit_id, v0, c0, v1, c1, v2, c2, v3, c3))
			""";

	private Cutoffs cutoffs(Scope scope, LocalDate day) {
		List<Unit> inScope = units.subtree(scope);
		int size = inScope.size();
		Long[] unitIds = new Long[size];
		Long[][] versions = new Long[4][size];
		String[][] cutoffs = new String[4][size];
		Map<Long, AppliedRule> byVersion = new HashMap<>();
		Map<List<Long>, Optional<LocalDate>> cache = new HashMap<>();
		LocalDate latestLevelCutoff = null;
		String[] keys = { SAME_POST, KEY_POST, SAME_LEVEL, TERMS };
		for (int i = 0; i < size; i++) {
			Unit unit = inScope.get(i);
			unitIds[i] = unit.id();
			Optional<AppliedRule> termYears = rules.resolve(TERM_YEARS, "ALL", unit, day)
				.filter(rule -> rule.threshold().signum() > 0);
			for (int check = 0; check < keys.length; check++) {
				boolean terms = keys[check].equals(TERMS);
				Optional<AppliedRule> found = rules.resolve(keys[check], "ALL", unit, day);
				if (found.isEmpty() || (terms && termYears.isEmpty())) {
					continue;
				}
				AppliedRule rule = found.get();
				byVersion.putIfAbsent(rule.versionId(), rule);
				UnaryOperator<BigDecimal> measure = terms
						? years -> years.divide(termYears.get().threshold(), 0, RoundingMode.FLOOR)
						: years -> years;
				List<Long> cacheKey = terms ? List.of(rule.versionId(), termYears.get().versionId()) : List.of(rule.versionId());
				Optional<LocalDate> cutoff = cache.computeIfAbsent(cacheKey, k -> latestFlagged(rule, measure, day));
				versions[check][i] = rule.versionId();
				cutoffs[check][i] = cutoff.map(LocalDate::toString).orElse(null);
				if (keys[check].equals(SAME_LEVEL) && cutoff.isPresent()
						&& (latestLevelCutoff == null || cutoff.get().isAfter(latestLevelCutoff))) {
					latestLevelCutoff = cutoff.get();
				}
			}
		}
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("day", day);
		parameters.put("units", unitIds);
		for (int check = 0; check < 4; check++) {
			parameters.put("v" + check, versions[check]);
			parameters.put("c" + check, cutoffs[check]);
		}
		return new Cutoffs(parameters, byVersion, latestLevelCutoff);
	}

	/** The counts of the post rules (same post, key post, terms): one pass over the posts held on the day. */
	private List<RuleCount> postCounts(Cutoffs cutoffs) {
		List<RuleCount> counts = new ArrayList<>();
		jdbc.sql(CUTOFF_ROWS + """
				SELECT t.v0, count(*) FILTER (WHERE p.start_date <= t.c0),
				       t.v1, count(*) FILTER (WHERE p.key_post AND p.start_date <= t.c1),
				       t.v3, count(*) FILTER (WHERE p.start_date <= t.c3)
				  FROM post p JOIN t ON t.unit_id = p.unit_id
				 WHERE p.start_date <= :day AND (p.end_date IS NULL OR p.end_date >= :day)
				 GROUP BY t.v0, t.v1, t.v3
				""")
			.params(cutoffs.parameters())
			.query(rs -> {
				for (int column = 1; column <= 5; column += 2) {
					long version = rs.getLong(column);
					if (!rs.wasNull()) {
						counts.add(new RuleCount(cutoffs.byVersion().get(version), rs.getLong(column + 1)));
					}
				}
			});
		return counts;
	}

	/** The counts of the rank rule (same level): only cadres at their level since before the latest date can be flagged. */
	private List<RuleCount> levelCounts(Cutoffs cutoffs) {
		if (cutoffs.latestLevelCutoff() == null) {
			return List.of();
		}
		List<RuleCount> counts = new ArrayList<>();
		jdbc.sql(CUTOFF_ROWS + """
				SELECT t.v2, count(*)
				  FROM cadre c JOIN post p ON p.cadre_id = c.id JOIN t ON t.unit_id = p.unit_id
				 WHERE c.rank_since <= CAST(:levelSince AS date) AND c.rank_since <= t.c2
				   AND p.start_date <= :day AND (p.end_date IS NULL OR p.end_date >= :day)
				 GROUP BY t.v2
				""")
			.params(cutoffs.parameters())
			.param("levelSince", cutoffs.latestLevelCutoff().toString())
			.query(rs -> {
				counts.add(new RuleCount(cutoffs.byVersion().get(rs.getLong(1)), rs.getLong(2)));
			});
		return counts;
	}

	/**
	 * The latest start date that {@code rule} flags on {@code day}, measuring the years since it through
	 * {@code measure}: the older a post, the more years, so every earlier start is flagged too. Empty if no start
	 * within {@link #OLDEST} years is flagged; far in the future if even a post begun that day is.
	 */
	private Optional<LocalDate> latestFlagged(AppliedRule rule, UnaryOperator<BigDecimal> measure,
			LocalDate day) {
		Predicate<LocalDate> flagged = start -> rules.evaluate(rule, measure.apply(years(start, day))).behind();
		if (flagged.test(day)) {
			return Optional.of(LocalDate.of(9999, 12, 31));
		}
		long low = day.minusYears(OLDEST).toEpochDay();
		long high = day.toEpochDay();
		if (!flagged.test(LocalDate.ofEpochDay(low))) {
			return Optional.empty();
		}
		while (high - low > 1) { // flagged at low, not at high
			long middle = Math.floorDiv(low + high, 2);
			if (flagged.test(LocalDate.ofEpochDay(middle))) {
				low = middle;
			} else {
				high = middle;
			}
		}
		return Optional.of(LocalDate.ofEpochDay(low));
	}

	private void check(String key, Unit unit, LocalDate day, BigDecimal measured, Held post, List<TenureFlag> flags) {
		rules.resolve(key, "ALL", unit, day).ifPresent(rule -> {
			Evaluation evaluation = rules.evaluate(rule, measured);
			if (evaluation.behind()) {
				flags.add(new TenureFlag(post.cadreNo(), post.name(), unit.code(), unit.name(), post.title(), post.start(),
						measured, evaluation));
			}
		});
	}

	/** Whole years and the fraction of the year begun, to one decimal. */
	static BigDecimal years(LocalDate from, LocalDate to) {
		long days = ChronoUnit.DAYS.between(from, to);
		long whole = ChronoUnit.YEARS.between(from, to);
		LocalDate anniversary = from.plusYears(whole);
		long yearLength = ChronoUnit.DAYS.between(anniversary, anniversary.plusYears(1));
		BigDecimal fraction = BigDecimal.valueOf(ChronoUnit.DAYS.between(anniversary, to))
			.divide(BigDecimal.valueOf(yearLength), 4, RoundingMode.DOWN);
		return days < 0 ? BigDecimal.ZERO : BigDecimal.valueOf(whole).add(fraction).setScale(1, RoundingMode.DOWN);
	}
}
