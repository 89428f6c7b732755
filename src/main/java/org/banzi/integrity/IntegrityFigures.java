package org.banzi.integrity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Measure;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrity in the annual summary (Section I, part 5), in counts only, never names: personal matters reports due and
 * filed on time, checks and their outcomes, event filings and those breaking a rule, tip-offs received, closed and
 * overdue. The names behind the counts are on the integrity pages, for those who may see them.
 */
@Service
@Transactional(readOnly = true)
public class IntegrityFigures implements SummaryContribution {

	static final String RANKS = "personalMatters.ranks";
	static final String DEADLINE = "personalMatters.deadline";
	static final String NEW_CADRE = "personalMatters.newCadre.days";
	static final String TIPOFF_DAYS = "tipoff.handling.days";

	private final JdbcClient jdbc;
	private final IntegrityRepository repository;
	private final EventRules eventRules;
	private final Rules rules;
	private final Units units;
	private final MessageSource messages;

	IntegrityFigures(JdbcClient jdbc, IntegrityRepository repository, EventRules eventRules, Rules rules, Units units,
			MessageSource messages) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.eventRules = eventRules;
		this.rules = rules;
		this.units = units;
		this.messages = messages;
	}

	@Override
	public int order() {
		return 500;
	}

	@Override
	public List<String> keys() {
		return List.of("integrity.personalMatters.due", "integrity.personalMatters.onTime", "integrity.checks", "integrity.checks.omissions",
				"integrity.checks.concealments", "integrity.events.filed", "integrity.events.violations", "integrity.tipoffs.received",
				"integrity.tipoffs.closed", "integrity.tipoffs.overdue");
	}

	@Override
	public List<String> standingKeys() {
		return List.of("integrity.personalMatters.due", "integrity.tipoffs.overdue");
	}

	@Override
	public List<String> tables() {
		return List.of("personal_matters_report", "personal_matters_check", "holiday", "event_filing", "tipoff", "cadre", "post", "team_membership", "org_unit", "rule_definition", "rule_value");
	}

	@Override
	public List<String> ruleKeys() {
		List<String> keys = new ArrayList<>(List.of(RANKS, IntegrityService.SHARE, TIPOFF_DAYS));
		keys.addAll(EventRules.KEYS);
		return keys;
	}

	/** A cadre who had to report, when by, and when they did. */
	record Due(long cadreId, String cadreNo, String name, long unitId, String kind, LocalDate deadline, @Nullable LocalDate filedOn,
			AppliedRule rule) {

		public boolean onTime() {
			return filedOn != null && !filedOn.isAfter(deadline);
		}

		/** Not filed by the deadline, which has passed by the day. */
		public boolean behind(LocalDate day) {
			return deadline.isBefore(day) && !onTime();
		}
	}

	/**
	 * The reports due in the year: the annual report on the year before, by the deadline in the year, from every cadre at
	 * or above the rank the rule names who held that rank before the year began; and the report of each cadre who
	 * reached it during the year, within the rule's days of reaching it.
	 */
	List<Due> due(Scope scope, int year) {
		return due(scope, year, null);
	}

	/** The reports one cadre of the scope is due in the year ({@link #due(Scope, int)}), read for that cadre only. */
	List<Due> dueOf(Scope scope, int year, long cadreId) {
		return due(scope, year, cadreId);
	}

	private List<Due> due(Scope scope, int year, @org.jspecify.annotations.Nullable Long cadreId) {
		// the kept look-up of every unit, not the scope's units read again
		Map<Long, Unit> byId = units.lookup();
		LocalDate yearStart = LocalDate.of(year, 1, 1);
		List<Due> due = new ArrayList<>();
		// only the ranks some version of the rule reaches down to are read (on a province, a few thousand cadres of 1.2
		// million); the version in force at each cadre's unit is applied below
		int lowest = rules.lowestValue(RANKS).map(BigDecimal::intValue).orElse(Integer.MAX_VALUE);
		String[] ranksDue = Measure.RANKS.stream().filter(rank -> Measure.rankOrder(rank) >= lowest).toArray(String[]::new);
		jdbc.sql("""
				SELECT c.id, c.cadre_no, c.name, c.rank, c.rank_since, c.home_unit_id,
				       (SELECT filed_on FROM personal_matters_report r WHERE r.cadre_id = c.id AND r.year = :previous AND r.kind = 'ANNUAL'),
				       (SELECT min(filed_on) FROM personal_matters_report r WHERE r.cadre_id = c.id AND r.filed_on >= c.rank_since)
				  FROM (""" + Cadres.CADRE_NAMES + """
				  ) c WHERE c.home_unit_id IN (""" + Scope.UNIT_IDS + """
				) AND c.rank <> 'STAFF' AND c.rank = ANY(:ranks) AND (c.rank_since IS NULL OR c.rank_since < :end)
				   AND (CAST(:cadre AS bigint) IS NULL OR c.id = :cadre)
				 ORDER BY c.cadre_no""")
			.params(scope.parameters()).param("previous", year - 1).param("end", LocalDate.of(year + 1, 1, 1))
			.param("ranks", ranksDue).param("cadre", cadreId, java.sql.Types.BIGINT)
			.query(rs -> {
				Unit unit = byId.get(rs.getLong(6));
				long id = rs.getLong(1);
				String number = rs.getString(2);
				String name = rs.getString(3);
				String rank = rs.getString(4);
				LocalDate since = rs.getObject(5, LocalDate.class);
				LocalDate annualFiled = rs.getObject(7, LocalDate.class);
				LocalDate firstFiled = rs.getObject(8, LocalDate.class);
				String level = rank.startsWith("COUNTY") ? "COUNTY_LEVEL" : "SECTION_LEVEL_AND_BELOW";
				AppliedRule ranks = rules.resolve(RANKS, "ALL", unit, yearStart).orElse(null);
				if (ranks == null || Measure.rankOrder(rank) < ranks.value().intValue()) {
					return;
				}
				if (since == null || since.isBefore(yearStart)) {
					rules.resolve(DEADLINE, level, unit, yearStart).ifPresent(rule -> {
						int monthDay = rule.value().intValue();
						LocalDate deadline = MonthDay.of(monthDay / 100, monthDay % 100).atYear(year);
						due.add(new Due(id, number, name, unit.id(), "ANNUAL", deadline, annualFiled, rule));
					});
				}
				else {
					rules.resolve(NEW_CADRE, level, unit, since).ifPresent(rule -> due.add(new Due(id, number, name, unit.id(), "NEW",
							since.plusDays(rule.value().longValue()), firstFiled, rule)));
				}
			});
		return due;
	}

	@Override
	public List<ContributedFigure> figures(SummaryScope summary) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		List<Due> annual = due(scope, summary.year()).stream().filter(d -> d.kind().equals("ANNUAL")).toList();
		long[] v = counts(scope, summary);
		long violations = violations(scope, summary.year(), summary.reportDay()).values().stream().filter(b -> !b.isEmpty()).count();
		String page = "/integrity?unit=" + summary.unitCode() + "&year=" + summary.year();
		List<ContributedFigure> figures = new ArrayList<>();
		figures.add(ContributedFigure.count("integrity.personalMatters.due", annual.size(), page + "#reports"));
		figures.add(new ContributedFigure("integrity.personalMatters.onTime", BigDecimal.valueOf(annual.stream().filter(Due::onTime).count()),
				page + "#reports", annual.size()));
		figures.add(ContributedFigure.count("integrity.checks", v[0], page + "#checks"));
		figures.add(new ContributedFigure("integrity.checks.omissions", BigDecimal.valueOf(v[1]), page + "#checks", v[0]));
		figures.add(new ContributedFigure("integrity.checks.concealments", BigDecimal.valueOf(v[2]), page + "#checks", v[0]));
		figures.add(ContributedFigure.count("integrity.events.filed", v[3], page + "#events"));
		figures.add(new ContributedFigure("integrity.events.violations", BigDecimal.valueOf(violations), page + "#events", v[3]));
		figures.add(ContributedFigure.count("integrity.tipoffs.received", v[4], page + "#tipoffs"));
		figures.add(ContributedFigure.count("integrity.tipoffs.closed", v[5], page + "#tipoffs"));
		figures.add(ContributedFigure.count("integrity.tipoffs.overdue", v[6], page + "#tipoffs"));
		return figures;
	}

	/**
	 * The year's checks, events and tip-offs of the scope, counted from those records joined to their cadres (not the
	 * scope's cadres gathered first: a province has 1.2 million of them and a few thousand checks).
	 */
	private long[] counts(Scope scope, SummaryScope summary) {
		// the scope's units inline in each place (a WITH used several times would be gathered once, and planned as if
		// it held a couple of hundred units)
		String units = "(" + Scope.UNIT_IDS + ")";
		return jdbc.sql("""
				WITH checks AS (SELECT k.outcome FROM personal_matters_check k JOIN (%1$s) c ON c.id = k.cadre_id
				                 WHERE c.home_unit_id IN %2$s AND k.outcome_on >= :from AND k.outcome_on < :to)
				SELECT (SELECT count(*) FROM checks), (SELECT count(*) FROM checks WHERE outcome = 'OMISSION'),
				       (SELECT count(*) FROM checks WHERE outcome = 'CONCEALMENT'),
				       (SELECT count(*) FROM event_filing e JOIN (%1$s) c ON c.id = e.cadre_id
				         WHERE c.home_unit_id IN %2$s AND e.event_date >= :from AND e.event_date < :to),
				       (SELECT count(*) FROM tipoff WHERE about_unit_id IN %2$s AND received_on >= :from AND received_on < :to),
				       (SELECT count(*) FROM tipoff WHERE about_unit_id IN %2$s AND closed_on >= :from AND closed_on < :to),
				       (SELECT count(*) FROM tipoff WHERE about_unit_id IN %2$s AND received_on <= :day
				           AND (closed_on IS NULL OR closed_on > :day) AND deadline < :day)""".formatted(Cadres.CADRE_NAMES, units))
			.params(scope.parameters()).param("from", summary.yearStart()).param("to", summary.yearEnd()).param("day", summary.reportDay())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
					rs.getLong(7) })
			.single();
	}

	/** Each filing of the year in the scope with the rules it breaks. */
	Map<IntegrityRepository.Filing, List<EventRules.Breach>> violations(Scope scope, int year, LocalDate day) {
		List<IntegrityRepository.Filing> filings = repository.filings(scope, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
		WorkingDays calendar = new WorkingDays(repository.calendar(LocalDate.of(year - 1, 1, 1), LocalDate.of(year + 1, 12, 31)));
		Map<Long, Long> homes = new HashMap<>();
		jdbc.sql("SELECT id, home_unit_id FROM (" + Cadres.CADRE_NAMES + ") c WHERE c.id = ANY(:ids)")
			.param("ids", filings.stream().map(IntegrityRepository.Filing::cadreId).distinct().toArray(Long[]::new))
			.query(rs -> {
				homes.put(rs.getLong(1), rs.getLong(2));
			});
		Map<IntegrityRepository.Filing, List<EventRules.Breach>> result = new LinkedHashMap<>();
		for (IntegrityRepository.Filing f : filings) {
			Unit unit = units.findById(homes.get(f.cadreId())).orElseThrow();
			result.put(f, eventRules.breaches(f, unit, calendar, day));
		}
		return result;
	}

	/** Each figure counts records of one unit (or one cadre's home unit): a province's is the sum of its counties'. */
	@Override
	public boolean addsUpByCounty() {
		return true;
	}

	@Override
	public List<ContributedProblem> problems(SummaryScope summary, Locale locale) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		LocalDate day = summary.reportDay();
		List<ContributedProblem> problems = new ArrayList<>();
		// reports missing or late: one line per unit and rule version, a count, no names
		Map<String, long[]> behind = new LinkedHashMap<>();
		Map<String, Due> example = new HashMap<>();
		for (Due d : due(scope, summary.year())) {
			if (d.behind(day)) {
				String key = d.unitId() + "|" + d.rule().versionId();
				behind.computeIfAbsent(key, k -> new long[1])[0]++;
				example.putIfAbsent(key, d);
			}
		}
		behind.forEach((key, count) -> {
			Due d = example.get(key);
			String unit = units.findById(d.unitId()).map(Unit::name).orElse("");
			problems.add(problem(d.rule(), unit, "integrity.problem.reportsBehind", locale, unit, count[0]));
		});
		long[] v = counts(scope, summary);
		AppliedRule share = rules.resolve(IntegrityService.SHARE, "ALL", units.findById(scope.rootId()).orElseThrow(), day).orElse(null);
		if (share != null && v[2] > 0) {
			problems.add(counted(share, "integrity.problem.concealments", locale, v[2]));
		}
		Map<Long, IntegrityRepository.Check> checks = repository.checks(summary.year());
		long unchecked = repository.promoted(scope, summary.year()).stream().filter(id -> !checks.containsKey(id)).count();
		if (share != null && unchecked > 0 && !day.isBefore(LocalDate.of(summary.year(), 12, 31))) {
			problems.add(counted(share, "integrity.problem.promotionsUnchecked", locale, unchecked));
		}
		Map<Long, long[]> byRule = new LinkedHashMap<>();
		Map<Long, AppliedRule> rulesById = new HashMap<>();
		violations(scope, summary.year(), day).values().forEach(breaches -> breaches.forEach(b -> {
			byRule.computeIfAbsent(b.rule().versionId(), id -> new long[1])[0]++;
			rulesById.put(b.rule().versionId(), b.rule());
		}));
		byRule.forEach((id, count) -> problems.add(ContributedProblem.counted("integrity.problem.eventViolations|" + id, count[0],
				n -> problem(rulesById.get(id), "", "integrity.problem.eventViolations", locale, n, rulesById.get(id).formattedValue()))));
		AppliedRule tipoffDays = rules.resolve(TIPOFF_DAYS, "ALL", units.findById(scope.rootId()).orElseThrow(), day).orElse(null);
		if (tipoffDays != null && v[6] > 0) {
			problems.add(counted(tipoffDays, "integrity.problem.tipoffsOverdue", locale, v[6], tipoffDays.formattedValue()));
		}
		return problems;
	}

	/**
	 * A count of the scope's records, its first argument, under a rule the count does not depend on (the rule is cited):
	 * the counts of a province's counties add up to the province's, which cites the rule at its own root.
	 */
	private ContributedProblem counted(AppliedRule rule, String key, Locale locale, long count, Object... more) {
		return ContributedProblem.counted(key, count, n -> {
			Object[] arguments = new Object[more.length + 1];
			arguments[0] = n;
			System.arraycopy(more, 0, arguments, 1, more.length);
			return problem(rule, "", key, locale, arguments);
		});
	}

	private ContributedProblem problem(AppliedRule rule, String subject, String key, Locale locale, Object... arguments) {
		String sentence = messages.getMessage(key, arguments, key, locale);
		String name = messages.getMessage("rule." + rule.key(), null, rule.key(), locale);
		return new ContributedProblem(rule.key(), rule.citation(), subject,
				messages.getMessage("problem.withRule", new Object[] { sentence, name, rule.citation() }, locale));
	}
}
