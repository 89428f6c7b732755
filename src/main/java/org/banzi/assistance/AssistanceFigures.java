package org.banzi.assistance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.db.Memo;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serving the people in the annual summary (Section I, part 2): sites, their leaders and departments, help given,
 * pairings and visits of the villages in the subtree, counted by the database; and what falls short of the rules: a
 * site with too few departments or no county-level leader, a cadre paired with too many households, a pairing not
 * visited within the gap the county allows.
 */
@Service
@Transactional(readOnly = true)
public class AssistanceFigures implements SummaryContribution {

	static final String DEPARTMENTS = "assistance.site.departments";
	static final String LEADERS = "assistance.site.leaders";
	static final String MAX_HOUSEHOLDS = "assistance.pairing.maxHouseholds";
	static final String VISIT_GAP = "assistance.visit.maxGapDays";
	private static final String ALL = "ALL";
	/** The tables the pairings' states are read from (a kept list is computed again when one changes). */
	private static final List<String> PAIRING_TABLES = List.of("pairing", "household", "visit", "cadre", "org_unit");

	private final JdbcClient jdbc;
	private final Rules rules;
	private final Units units;
	private final MessageSource messages;
	private final Memo memo;

	AssistanceFigures(JdbcClient jdbc, Rules rules, Units units, MessageSource messages, Memo memo) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.units = units;
		this.messages = messages;
		this.memo = memo;
	}

	@Override
	public int order() {
		return 200;
	}

	@Override
	public List<String> keys() {
		return List.of("assistance.sites", "assistance.keyVillages", "assistance.leaders", "assistance.departments", "assistance.funds",
				"assistance.materials", "assistance.houses", "assistance.cadresPaired", "assistance.householdsPaired", "assistance.visits");
	}

	@Override
	public List<String> tables() {
		return List.of("assistance_site", "assistance_site_department", "household", "pairing", "visit", "assistance_help", "cadre", "post", "team_membership", "org_unit", "rule_definition", "rule_value");
	}

	@Override
	public List<String> ruleKeys() {
		return List.of(DEPARTMENTS, LEADERS, MAX_HOUSEHOLDS, VISIT_GAP);
	}

	@Override
	public List<ContributedFigure> figures(SummaryScope summary) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		// the scope's villages and households are written into each count (not materialized), so the database plans
		// each one with its true size: a county's few thousand households along the visits' index, a province's by scan
		Object[] v = jdbc.sql("""
				WITH villages AS NOT MATERIALIZED (""" + Scope.UNIT_IDS + """
				),
				sites AS (SELECT id, kind, leader_cadre_id FROM assistance_site WHERE year = :year AND village_id IN (SELECT id FROM villages)),
				households AS NOT MATERIALIZED (SELECT id FROM household WHERE village_id IN (SELECT id FROM villages)),
				help AS (SELECT kind, amount, houses FROM assistance_help WHERE help_date >= :from AND help_date < :to
				            AND (village_id IN (SELECT id FROM villages) OR household_id IN (SELECT id FROM households))),
				pairs AS (SELECT cadre_id, household_id FROM pairing WHERE year = :year AND household_id IN (SELECT id FROM households))
				SELECT (SELECT count(*) FROM sites WHERE kind = 'DEMONSTRATION_SITE'),
				       (SELECT count(*) FROM sites WHERE kind = 'KEY_VILLAGE'),
				       (SELECT count(DISTINCT leader_cadre_id) FROM sites),
				       (SELECT count(DISTINCT unit_id) FROM assistance_site_department WHERE site_id IN (SELECT id FROM sites)),
				       (SELECT COALESCE(sum(amount), 0) FROM help WHERE kind = 'FUNDS'),
				       (SELECT count(*) FROM help WHERE kind = 'FUNDS'),
				       (SELECT COALESCE(sum(amount), 0) FROM help WHERE kind = 'MATERIALS'),
				       (SELECT count(*) FROM help WHERE kind = 'MATERIALS'),
				       (SELECT COALESCE(sum(houses), 0) FROM help WHERE kind = 'HOUSING'),
				       (SELECT count(*) FROM help WHERE kind = 'HOUSING'),
				       (SELECT count(DISTINCT cadre_id) FROM pairs),
				       (SELECT count(DISTINCT household_id) FROM pairs),
				       (SELECT count(*) FROM pairs),
				       (SELECT count(*) FROM visit WHERE visit_date >= :from AND visit_date < :to
				           AND household_id IN (SELECT id FROM households))""")
			.params(scope.parameters()).param("year", summary.year()).param("from", summary.yearStart()).param("to", summary.yearEnd())
			.query((rs, n) -> {
				Object[] row = new Object[14];
				for (int i = 0; i < row.length; i++) {
					row[i] = rs.getObject(i + 1);
				}
				return row;
			}).single();
		String query = "unit=" + summary.unitCode() + "&year=" + summary.year();
		String sites = "/assistance?" + query + "#sites";
		String help = "/assistance?" + query + "#help";
		String pairings = "/assistance/pairings?" + query;
		long siteCount = count(v[0]) + count(v[1]);
		List<ContributedFigure> figures = new ArrayList<>();
		figures.add(ContributedFigure.count("assistance.sites", count(v[0]), sites));
		figures.add(ContributedFigure.count("assistance.keyVillages", count(v[1]), sites));
		figures.add(new ContributedFigure("assistance.leaders", BigDecimal.valueOf(count(v[2])), sites, siteCount));
		figures.add(new ContributedFigure("assistance.departments", BigDecimal.valueOf(count(v[3])), sites, siteCount));
		figures.add(new ContributedFigure("assistance.funds", yuan(v[4]), help, count(v[5])));
		figures.add(new ContributedFigure("assistance.materials", yuan(v[6]), help, count(v[7])));
		figures.add(new ContributedFigure("assistance.houses", BigDecimal.valueOf(count(v[8])), help, count(v[9])));
		figures.add(new ContributedFigure("assistance.cadresPaired", BigDecimal.valueOf(count(v[10])), pairings, count(v[12])));
		figures.add(new ContributedFigure("assistance.householdsPaired", BigDecimal.valueOf(count(v[11])), pairings, count(v[12])));
		figures.add(ContributedFigure.count("assistance.visits", count(v[13]), pairings));
		return figures;
	}

	private static long count(Object value) {
		return ((Number) value).longValue();
	}

	/** Whole yuan, as the summary states money. */
	private static BigDecimal yuan(Object value) {
		return new BigDecimal(value.toString()).setScale(0, RoundingMode.HALF_UP);
	}

	/** One finding: the rule it breaks, the village it concerns, the subject, a message key with arguments. */
	record Finding(AppliedRule rule, String subject, String messageKey, List<Object> arguments) {
	}

	/**
	 * Sites, help and visits count by village or household; leaders, cadres paired and departments count each once
	 * across the sites and households of the counties (their counties tied together, migration V27).
	 */
	@Override
	public boolean addsUpByCounty() {
		return true;
	}

	@Override
	public List<ContributedProblem> problems(SummaryScope summary, Locale locale) {
		return find(new Scope(summary.unitId(), summary.unitPath()), summary.year(), summary.reportDay()).stream()
			.map(f -> new ContributedProblem(f.rule().key(), f.rule().citation(), f.subject(), text(f, locale))).toList();
	}

	String text(Finding finding, Locale locale) {
		String sentence = messages.getMessage(finding.messageKey(), finding.arguments().toArray(), finding.messageKey(), locale);
		String rule = messages.getMessage("rule." + finding.rule().key(), null, finding.rule().key(), locale);
		return messages.getMessage("problem.withRule", new Object[] { sentence, rule, finding.rule().citation() }, locale);
	}

	/** What assistance falls short of in the scope and year; kept until an assistance record, a cadre, unit or rule changes. */
	List<Finding> find(Scope scope, int year, LocalDate day) {
		return memo.remember(List.of(AssistanceFigures.class, "find", scope, year, day), tables(), () -> computeFindings(scope, year, day));
	}

	private List<Finding> computeFindings(Scope scope, int year, LocalDate day) {
		Map<Long, Unit> byId = new HashMap<>();
		units.subtree(scope).forEach(unit -> byId.put(unit.id(), unit));
		List<Finding> findings = new ArrayList<>();
		sites(scope, year, day, byId, findings);
		pairings(scope, year, day, byId, findings);
		return findings;
	}

	private @Nullable AppliedRule rule(String key, Unit unit, LocalDate day) {
		return rules.resolve(key, ALL, unit, day).orElse(null);
	}

	private void sites(Scope scope, int year, LocalDate day, Map<Long, Unit> byId, List<Finding> findings) {
		jdbc.sql("""
				SELECT s.village_id, (SELECT count(*) FROM assistance_site_department d WHERE d.site_id = s.id),
				       c.rank IN ('COUNTY_PRINCIPAL', 'COUNTY_DEPUTY'), c.name
				  FROM assistance_site s JOIN (""" + Cadres.CADRE_NAMES + """
				  ) c ON c.id = s.leader_cadre_id
				 WHERE s.year = :year AND s.village_id IN (""" + Scope.UNIT_IDS + """
				) ORDER BY s.village_id""")
			.params(scope.parameters()).param("year", year)
			.query(rs -> {
				Unit village = byId.get(rs.getLong(1));
				long departments = rs.getLong(2);
				AppliedRule rule = rule(DEPARTMENTS, village, day);
				if (rule != null && rules.evaluate(rule, BigDecimal.valueOf(departments)).behind()) {
					findings.add(new Finding(rule, village.name(), "assistance.problem.departments",
							List.of(village.name(), departments, rule.formattedValue())));
				}
				AppliedRule leaders = rule(LEADERS, village, day);
				if (leaders != null && rules.evaluate(leaders, BigDecimal.valueOf(rs.getBoolean(3) ? 1 : 0)).behind()) {
					findings.add(new Finding(leaders, village.name(), "assistance.problem.leader", List.of(village.name(), rs.getString(4))));
				}
			});
	}

	/** Each pairing of the year in the scope with its cadre, village and the last visit up to the report day. */
	record PairingState(long cadreId, String cadreNo, String cadreName, long householdId, String householdCode, long villageId,
			LocalDate start, @Nullable LocalDate lastVisit, long pairedHouseholds) {
	}

	List<PairingState> pairingStates(Scope scope, int year, LocalDate day) {
		return memo.remember(List.of(AssistanceFigures.class, "pairingStates", scope, year, day), PAIRING_TABLES,
				() -> readPairingStates(scope, year, day));
	}

	private List<PairingState> readPairingStates(Scope scope, int year, LocalDate day) {
		return List.copyOf(jdbc.sql("""
				SELECT p.cadre_id, c.cadre_no, c.name, p.household_id, h.code, h.village_id, p.start_date,
				       (SELECT max(v.visit_date) FROM visit v WHERE v.cadre_id = p.cadre_id AND v.household_id = p.household_id
				           AND v.visit_date <= :day),
				       count(*) OVER (PARTITION BY p.cadre_id)
				  FROM pairing p JOIN household h ON h.id = p.household_id JOIN (""" + Cadres.CADRE_NAMES + """
				  ) c ON c.id = p.cadre_id
				 WHERE p.year = :year AND h.village_id IN (""" + Scope.UNIT_IDS + """
				) ORDER BY c.cadre_no, h.code""")
			.params(scope.parameters()).param("year", year).param("day", day)
			.query((rs, n) -> new PairingState(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
					rs.getLong(6), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class), rs.getLong(9)))
			.list());
	}

	/** Days from the last visit (or the pairing's start, if never visited) to the day; the gap rule holds it. */
	static long daysWithoutVisit(PairingState p, LocalDate day) {
		return ChronoUnit.DAYS.between(p.lastVisit() != null ? p.lastVisit() : p.start(), day);
	}

	private void pairings(Scope scope, int year, LocalDate day, Map<Long, Unit> byId, List<Finding> findings) {
		java.util.Set<Long> cadresCounted = new java.util.HashSet<>();
		for (PairingState p : pairingStates(scope, year, day)) {
			Unit village = byId.get(p.villageId());
			String cadre = p.cadreName() + " (" + p.cadreNo() + ")";
			AppliedRule max = rule(MAX_HOUSEHOLDS, village, day);
			if (max != null && cadresCounted.add(p.cadreId()) && rules.evaluate(max, BigDecimal.valueOf(p.pairedHouseholds())).behind()) {
				findings.add(new Finding(max, cadre, "assistance.problem.tooManyHouseholds", List.of(cadre, p.pairedHouseholds(),
						max.formattedValue())));
			}
			AppliedRule gap = rule(VISIT_GAP, village, day);
			if (gap != null && !p.start().isAfter(day) && rules.evaluate(gap, BigDecimal.valueOf(daysWithoutVisit(p, day))).behind()) {
				findings.add(new Finding(gap, cadre + " " + p.householdCode(), p.lastVisit() == null ? "assistance.problem.neverVisited"
						: "assistance.problem.notVisited", List.of(cadre, p.householdCode(), p.lastVisit() == null ? p.start() : p.lastVisit(),
						gap.formattedValue())));
			}
		}
	}
}
