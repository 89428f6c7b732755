package org.banzi.training;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.db.Memo;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Evaluation;
import org.banzi.rules.RuleCount;
import org.banzi.rules.RuleTable;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Training figures computed by the database: completions decided by the absence rule of each class (passed to the
 * query as arrays), statistics for a scope and period, and each cadre's hours against the training rules.
 */
@Service
public class TrainingRecords {

	public static final String HOURS_PER_YEAR = "training.hours.perYear";
	public static final String HOURS_PER_FIVE_YEARS = "training.hours.perFiveYears";
	public static final String MAKE_UP = "training.makeUp.years";
	/** The ranks held to the five-year hours; every other rank is held to the year's. */
	static final List<String> COUNTY_LEVEL = List.of("COUNTY_PRINCIPAL", "COUNTY_DEPUTY");
	static final List<String> SECTION_LEVEL_AND_ABOVE = List.of("COUNTY_PRINCIPAL", "COUNTY_DEPUTY", "SECTION_PRINCIPAL",
			"SECTION_DEPUTY");

	private final JdbcClient jdbc;
	private final AbsenceRule absence;
	private final Rules rules;
	private final Units units;
	private final Memo memo;

	TrainingRecords(JdbcClient jdbc, AbsenceRule absence, Rules rules, Units units, Memo memo) {
		this.jdbc = jdbc;
		this.memo = memo;
		this.absence = absence;
		this.rules = rules;
		this.units = units;
	}

	/** Classes organized inside the scope that start in the period (inclusive). */
	List<TrainingClass> classes(Scope scope, LocalDate from, LocalDate to) {
		return jdbc.sql("SELECT * FROM training_class WHERE organizer_unit_id IN (" + Scope.UNIT_IDS + ")"
				+ " AND start_date BETWEEN :from AND :to")
			.params(scope.parameters())
			.param("from", from)
			.param("to", to)
			.query(TrainingRepository::map)
			.list();
	}

	/** The statistics of the annual summary, for classes starting in the period. */
	public record Statistics(long classes, long trainees, long distinctTrainees, long traineesSectionLevelAndAbove,
			long nonCompletions) {

		/** Enrolments behind the figures: completions and non-completions. */
		public long enrolments() {
			return trainees + nonCompletions;
		}
	}

	/** The tables the figures here are computed from: a change to one of them recomputes the kept figures. */
	static final List<String> TABLES = List.of("training_class", "enrolment", "cadre", "org_unit", "rule_value",
			"rule_definition");

	@Transactional(readOnly = true)
	public Statistics statistics(Scope scope, LocalDate from, LocalDate to) {
		return memo.remember(List.of(TrainingRecords.class, "statistics", scope, from, to), TABLES, () -> computeStatistics(scope, from, to));
	}

	private Statistics computeStatistics(Scope scope, LocalDate from, LocalDate to) {
		List<TrainingClass> classes = classes(scope, from, to);
		if (classes.isEmpty()) {
			return new Statistics(0, 0, 0, 0, 0);
		}
		Map<String, Object> arrays = ruleArrays(classes);
		return jdbc.sql("""
				WITH %s,
				     outcome AS (
				         SELECT e.cadre_id, c.rank, e.absent_hours * r.den <= k.class_hours * r.val AS completed
				           FROM r JOIN training_class k ON k.id = r.class_id
				           JOIN enrolment e ON e.class_id = k.id JOIN (%s) c ON c.id = e.cadre_id)
				SELECT count(*) FILTER (WHERE completed),
				       count(DISTINCT cadre_id) FILTER (WHERE completed),
				       count(*) FILTER (WHERE completed AND rank = ANY(:ranks)),
				       count(*) FILTER (WHERE NOT completed)
				  FROM outcome
				""".formatted(CLASS_RULES, Cadres.CADRES))
			.params(arrays)
			.param("ranks", SECTION_LEVEL_AND_ABOVE.toArray(String[]::new))
			.query((rs, n) -> new Statistics(classes.size(), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.single();
	}

	/** The classes of {@link #ruleArrays} as the rows {@code r(class_id, val, den)}, for a query's WITH clause. */
	static final String CLASS_RULES = "r AS (SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:vals AS numeric[]),"
			+ " CAST(:dens AS numeric[])) AS r(class_id, val, den))";

	/** Class ids with the value and denominator of each one's absence rule, as SQL array parameters. */
	Map<String, Object> ruleArrays(List<TrainingClass> classes) {
		Map<Long, AppliedRule> byClass = absence.rulesFor(classes);
		Long[] ids = new Long[classes.size()];
		BigDecimal[] values = new BigDecimal[classes.size()];
		BigDecimal[] denominators = new BigDecimal[classes.size()];
		for (int i = 0; i < classes.size(); i++) {
			TrainingClass trainingClass = classes.get(i);
			AppliedRule rule = byClass.get(trainingClass.id());
			ids[i] = trainingClass.id();
			// without a rule, only a trainee absent for every hour fails to complete
			values[i] = rule == null ? BigDecimal.ONE : rule.value();
			denominators[i] = rule == null ? BigDecimal.ONE : rule.denominator();
		}
		Map<String, Object> params = new HashMap<>();
		params.put("ids", ids);
		params.put("vals", values);
		params.put("dens", denominators);
		return params;
	}

	/** Progress of a rotation: the target group, and how many of it completed so far, per stage and in all. */
	public record RotationProgress(long targetGroup, long trained, Map<Integer, Long> trainedByStage) {
	}

	@Transactional(readOnly = true)
	public RotationProgress rotation(TrainingClass rotation) {
		List<String> ranks = split(rotation.targetRanks());
		List<String> types = split(rotation.targetUnitTypes());
		long target = jdbc.sql("SELECT count(*) FROM (" + Cadres.CADRES + ") c JOIN (" + Units.UNITS + ") u ON u.id = c.home_unit_id"
				+ " WHERE (cardinality(CAST(:ranks AS text[])) = 0 OR c.rank = ANY(:ranks))"
				+ " AND (cardinality(CAST(:types AS text[])) = 0 OR u.type = ANY(:types))")
			.param("ranks", ranks.toArray(String[]::new))
			.param("types", types.toArray(String[]::new))
			.query(Long.class)
			.single();
		AppliedRule rule = absence.ruleFor(rotation);
		BigDecimal value = rule == null ? BigDecimal.ONE : rule.value();
		BigDecimal denominator = rule == null ? BigDecimal.ONE : rule.denominator();
		Map<Integer, Long> byStage = new LinkedHashMap<>();
		long[] total = { 0 };
		jdbc.sql("""
				SELECT COALESCE(e.stage_no, 0), count(DISTINCT e.cadre_id) FROM enrolment e JOIN training_class k ON k.id = e.class_id
				 WHERE k.id = :id AND e.absent_hours * :den <= k.class_hours * :val
				 GROUP BY ROLLUP (COALESCE(e.stage_no, 0)) ORDER BY 1
				""")
			.param("id", rotation.id())
			.param("val", value)
			.param("den", denominator)
			.query(rs -> {
				Integer stage = rs.getObject(1, Integer.class);
				if (stage == null) {
					total[0] = rs.getLong(2);
				}
				else {
					byStage.put(stage, rs.getLong(2));
				}
			});
		return new RotationProgress(target, total[0], byStage);
	}

	/** A cadre's training hours against the rule for their rank level. */
	public record CadreTraining(long cadreId, String cadreNo, String name, String rank, long homeUnitId,
			BigDecimal hoursThisYear, BigDecimal hoursFiveYears, @Nullable Evaluation evaluation) {

		public boolean behind() {
			return evaluation != null && evaluation.behind();
		}
	}

	/** Every cadre of the scope with their credited hours and where the hours rules leave them; kept until a change. */
	@Transactional(readOnly = true)
	public List<CadreTraining> cadres(Scope scope, int year, LocalDate day) {
		return memo.remember(List.of(TrainingRecords.class, "cadres", scope, year, day), TABLES,
				() -> List.copyOf(computeCadres(scope, year, day)));
	}

	private List<CadreTraining> computeCadres(Scope scope, int year, LocalDate day) {
		Map<Long, Unit> unitCache = units.lookup();
		List<CadreTraining> result = new ArrayList<>();
		jdbc.sql("""
				WITH %s,
				     credited AS (
				         SELECT e.cadre_id, k.end_date, k.class_hours - e.absent_hours AS hours
				           FROM r JOIN training_class k ON k.id = r.class_id JOIN enrolment e ON e.class_id = k.id
				          WHERE e.absent_hours * r.den <= k.class_hours * r.val)
				SELECT c.id, c.cadre_no, c.name, c.rank, c.home_unit_id, c.rank = ANY(:countyRanks) AS county_level,
				       COALESCE(sum(h.hours) FILTER (WHERE h.end_date >= :yearStart), 0) AS year_hours,
				       COALESCE(sum(h.hours), 0) AS five_year_hours
				  FROM (%s) c LEFT JOIN credited h ON h.cadre_id = c.id
				 WHERE c.home_unit_id IN (%s)
				 GROUP BY c.id, c.cadre_no, c.name, c.rank, c.home_unit_id ORDER BY c.cadre_no
				""".formatted(CLASS_RULES, Cadres.CADRE_NAMES, Scope.UNIT_IDS))
			.params(ruleArrays(classesEnding(LocalDate.of(year - 4, 1, 1), LocalDate.of(year, 12, 31), scope)))
			.params(scope.parameters())
			.param("yearStart", LocalDate.of(year, 1, 1))
			.param("countyRanks", COUNTY_LEVEL.toArray(String[]::new))
			.query(rs -> {
				String rank = rs.getString("rank");
				BigDecimal yearHours = rs.getBigDecimal("year_hours");
				BigDecimal fiveYears = rs.getBigDecimal("five_year_hours");
				Unit home = units.of(unitCache, rs.getLong("home_unit_id"));
				Evaluation evaluation = rs.getBoolean("county_level")
						? rules.resolve(HOURS_PER_FIVE_YEARS, "COUNTY_LEVEL", home, day).map(rule -> rules.evaluate(rule, fiveYears)).orElse(null)
						: rules.resolve(HOURS_PER_YEAR, "SECTION_LEVEL_AND_BELOW", home, day).map(rule -> rules.evaluate(rule, yearHours)).orElse(null);
				result.add(new CadreTraining(rs.getLong("id"), rs.getString("cadre_no"), rs.getString("name"), rank,
						home.id(), yearHours, fiveYears, evaluation));
			});
		return result;
	}

	/**
	 * How many cadres of the scope each version of the hours rules finds behind: the cadres {@link #cadres} lists as
	 * behind, counted by the database instead of one by one, for a scope as large as a province.
	 */
	@Transactional(readOnly = true)
	public List<RuleCount> behind(Scope scope, int year, LocalDate day) {
		return memo.remember(List.of(TrainingRecords.class, "behind", scope, year, day), TABLES, () -> computeBehind(scope, year, day));
	}

	private List<RuleCount> computeBehind(Scope scope, int year, LocalDate day) {
		List<Unit> inScope = units.subtree(scope);
		List<RuleCount> counts = new ArrayList<>();
		counts.addAll(behind(scope, rules.table("per_year", HOURS_PER_YEAR, "SECTION_LEVEL_AND_BELOW", inScope, day), false,
				LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
		counts.addAll(behind(scope, rules.table("per_five", HOURS_PER_FIVE_YEARS, "COUNTY_LEVEL", inScope, day), true,
				LocalDate.of(year - 4, 1, 1), LocalDate.of(year, 12, 31)));
		return counts;
	}

	/**
	 * The cadres of one rank class behind the hours rule at their home unit: all the cadres the rule covers, less
	 * those who meet it. Only a cadre credited at least the lowest of the rule's values can meet it, so the hours are
	 * summed for the cadres with completions in the period and the rest are behind without being summed. Only the
	 * scope's cadres of the rank class are summed: the classes of the period are the whole tree's, and a county's
	 * count would otherwise sum a province's enrolments.
	 */
	private List<RuleCount> behind(Scope scope, RuleTable table, boolean countyLevel, LocalDate from, LocalDate to) {
		if (table.versions().isEmpty()) {
			return List.of();
		}
		Map<String, Object> parameters = new HashMap<>(ruleArrays(classesEnding(from, to, scope)));
		parameters.putAll(table.parameters());
		parameters.put("countyRanks", COUNTY_LEVEL.toArray(String[]::new));
		parameters.put("lowest", table.lowestMeeting());
		parameters.putAll(scope.parameters());
		String rankClass = (countyLevel ? "" : "NOT ") + "(c.rank = ANY(:countyRanks))";
		String ofTheScope = "AND e.cadre_id IN (SELECT c.id FROM (" + Cadres.CADRES + ") c WHERE " + rankClass
				+ " AND c.home_unit_id IN (" + Scope.UNIT_IDS + "))";
		List<RuleCount> counts = new ArrayList<>();
		jdbc.sql("""
				WITH %6$s,
				     summed AS (
				         SELECT e.cadre_id, sum(k.class_hours - e.absent_hours) AS hours
				           FROM r JOIN training_class k ON k.id = r.class_id JOIN enrolment e ON e.class_id = k.id
				          WHERE e.absent_hours * r.den <= k.class_hours * r.val %1$s
				          GROUP BY e.cadre_id
				         HAVING sum(k.class_hours - e.absent_hours) >= :lowest)
				SELECT %2$s.version_id, count(*) AS covered, count(*) FILTER (WHERE s.cadre_id IS NOT NULL AND %3$s) AS met
				  FROM (%7$s) c JOIN %4$s ON %2$s.unit_id = c.home_unit_id
				  LEFT JOIN summed s ON s.cadre_id = c.id
				 WHERE %5$s
				 GROUP BY 1
				""".formatted(ofTheScope, table.name(), table.met("s.hours"), table.rows(), rankClass, CLASS_RULES, Cadres.CADRES))
			.params(parameters)
			.query(rs -> {
				counts.add(new RuleCount(table.version(rs.getLong(1)), rs.getLong("covered") - rs.getLong("met")));
			});
		return counts;
	}

	/** Cadres promoted within the make-up period whose training was behind at promotion: they must make it up. */
	public record MakeUp(String cadreNo, String name, LocalDate promotedOn, LocalDate dueBy, BigDecimal hoursAtPromotion,
			Evaluation evaluation, AppliedRule makeUpRule) {
	}

	/** The tables the make-ups are computed from: the figures' own and the cadres' posts (their promotions). */
	private static final List<String> MAKE_UP_TABLES = java.util.stream.Stream.concat(TABLES.stream(), java.util.stream.Stream.of("post"))
		.toList();

	@Transactional(readOnly = true)
	public List<MakeUp> makeUps(Scope scope, LocalDate day) {
		return memo.remember(List.of(TrainingRecords.class, "makeUps", scope, day), MAKE_UP_TABLES,
				() -> List.copyOf(computeMakeUps(scope, day)));
	}

	private List<MakeUp> computeMakeUps(Scope scope, LocalDate day) {
		List<MakeUp> result = new ArrayList<>();
		record Promotion(long cadreId, String cadreNo, String name, String rank, long unitId, LocalDate on) {
		}
		List<Promotion> promotions = jdbc.sql("""
				SELECT c.id, c.cadre_no, c.name, c.rank, c.home_unit_id, p.start_date
				  FROM (""" + Cadres.POSTS + """
				) p JOIN (""" + Cadres.CADRE_NAMES + """
				) c ON c.id = p.cadre_id
				 WHERE p.reason = 'PROMOTION' AND p.start_date <= :day AND p.start_date > :earliest
				   AND c.home_unit_id IN (""" + Scope.UNIT_IDS + """
				)
				""")
			.params(scope.parameters())
			.param("day", day)
			.param("earliest", day.minusYears(5))
			.query((rs, n) -> new Promotion(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
					rs.getObject(6, LocalDate.class)))
			.list();
		for (Promotion promotion : promotions) {
			Unit home = units.findById(promotion.unitId()).orElseThrow();
			AppliedRule makeUp = rules.resolve(MAKE_UP, "ALL", home, promotion.on()).orElse(null);
			if (makeUp == null) {
				continue;
			}
			LocalDate dueBy = promotion.on().plusDays(Math.round(makeUp.threshold().doubleValue() * 365.25));
			if (day.isAfter(dueBy)) {
				continue;
			}
			boolean countyLevel = promotion.rank().startsWith("COUNTY_");
			LocalDate windowStart = countyLevel ? promotion.on().minusYears(5) : promotion.on().minusYears(1);
			BigDecimal hours = creditedHours(promotion.cadreId(), windowStart, promotion.on());
			rules.resolve(countyLevel ? HOURS_PER_FIVE_YEARS : HOURS_PER_YEAR,
					countyLevel ? "COUNTY_LEVEL" : "SECTION_LEVEL_AND_BELOW", home, promotion.on())
				.map(rule -> rules.evaluate(rule, hours))
				.filter(Evaluation::behind)
				.ifPresent(evaluation -> result.add(new MakeUp(promotion.cadreNo(), promotion.name(), promotion.on(), dueBy,
						hours, evaluation, makeUp)));
		}
		return result;
	}

	/**
	 * In how many of the {@code years} years up to {@code year} the cadre's credited hours were behind the rule of their
	 * level at the year's end: the year's hours for section level and below, the five years' for county level.
	 */
	public int yearsBehind(long cadreId, boolean countyLevel, org.banzi.organization.Unit home, int year, int years) {
		int behind = 0;
		for (int y = year - years + 1; y <= year; y++) {
			LocalDate end = LocalDate.of(y, 12, 31);
			BigDecimal hours = creditedHours(cadreId, countyLevel ? end.minusYears(5).plusDays(1) : LocalDate.of(y, 1, 1), end);
			boolean shortOfHours = rules.resolve(countyLevel ? HOURS_PER_FIVE_YEARS : HOURS_PER_YEAR,
					countyLevel ? "COUNTY_LEVEL" : "SECTION_LEVEL_AND_BELOW", home, end)
				.map(rule -> rules.evaluate(rule, hours).behind()).orElse(false);
			behind += shortOfHours ? 1 : 0;
		}
		return behind;
	}

	BigDecimal creditedHours(long cadreId, LocalDate from, LocalDate to) {
		return credit(cadreId, from, to).hours();
	}

	/** What a cadre's classes ending between two days give: hours credited by the absence rule, and classes completed. */
	record Credit(BigDecimal hours, long classesCompleted) {
	}

	Credit credit(long cadreId, LocalDate from, LocalDate to) {
		Map<TrainingClass, BigDecimal> absences = new java.util.LinkedHashMap<>();
		jdbc.sql("""
				SELECT k.*, e.absent_hours AS enrolment_absent_hours FROM training_class k JOIN enrolment e ON e.class_id = k.id
				 WHERE e.cadre_id = ? AND k.end_date BETWEEN ? AND ?
				""").params(cadreId, from, to).query(rs -> {
					absences.put(TrainingRepository.map(rs, 0), rs.getBigDecimal("enrolment_absent_hours"));
				});
		BigDecimal total = BigDecimal.ZERO;
		long completedClasses = 0;
		Map<Long, AppliedRule> rulesByClass = absence.rulesFor(absences.keySet());
		for (Map.Entry<TrainingClass, BigDecimal> enrolment : absences.entrySet()) {
			TrainingClass trainingClass = enrolment.getKey();
			BigDecimal absent = enrolment.getValue();
			boolean completed = AbsenceRule.completed(trainingClass.classHours(), absent, rulesByClass.get(trainingClass.id()));
			total = total.add(AbsenceRule.credited(trainingClass.classHours(), absent, completed));
			completedClasses += completed ? 1 : 0;
		}
		return new Credit(total, completedClasses);
	}

	/** The classes ending in the period with a cadre of the scope enrolled: those whose hours a cadre of the scope holds. */
	List<TrainingClass> classesEnding(LocalDate from, LocalDate to, Scope scope) {
		return jdbc.sql("""
				SELECT * FROM training_class k WHERE end_date BETWEEN :from AND :to
				   AND EXISTS (SELECT 1 FROM enrolment e JOIN (%s) c ON c.id = e.cadre_id
				                WHERE e.class_id = k.id AND c.home_unit_id IN (%s))
				""".formatted(Cadres.CADRES, Scope.UNIT_IDS))
			.param("from", from)
			.param("to", to)
			.params(scope.parameters())
			.query(TrainingRepository::map)
			.list();
	}

	static List<String> split(String text) {
		return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
	}
}
