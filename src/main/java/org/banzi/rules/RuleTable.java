package org.banzi.rules;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The version of one rule in force at each of a set of units on one day, for a query that holds every subject of a
 * scope against its rule at once: {@link #rows()} is a row source {@code (unit_id, version_id, val, den)} to join on
 * the unit the rule is resolved at, {@link #met(String)} the condition that a measured value meets its version, the
 * same exact comparison {@link Evaluation} makes. Units where no version is in force have no row.
 */
public final class RuleTable {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,30}");

	private final String name;
	private final Comparison comparison;
	private final Map<Long, AppliedRule> byUnit;
	private final Map<Long, AppliedRule> byVersion = new LinkedHashMap<>();

	RuleTable(String name, Comparison comparison, Map<Long, AppliedRule> byUnit) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("not a plain SQL name: " + name);
		}
		this.name = name;
		this.comparison = comparison;
		this.byUnit = Map.copyOf(byUnit);
		byUnit.values().forEach(rule -> byVersion.putIfAbsent(rule.versionId(), rule));
	}

	/** The alias of the row source, to qualify its columns. */
	public String name() {
		return name;
	}

	/** {@code unnest(...) AS name(unit_id, version_id, val, den)}; bind {@link #parameters()}. */
	public String rows() {
		return "unnest(CAST(:" + name + "_units AS bigint[]), CAST(:" + name + "_versions AS bigint[]), CAST(:" + name
				+ "_values AS numeric[]), CAST(:" + name + "_dens AS numeric[])) AS " + name + "(unit_id, version_id, val, den)";
	}

	/** The condition that {@code measured} (not null) meets the row's version. */
	public String met(String measured) {
		return "(" + comparison.sql(measured, name + ".val", name + ".den") + ")";
	}

	public Map<String, Object> parameters() {
		int size = byUnit.size();
		Long[] units = new Long[size];
		Long[] versions = new Long[size];
		BigDecimal[] values = new BigDecimal[size];
		BigDecimal[] denominators = new BigDecimal[size];
		int i = 0;
		for (Map.Entry<Long, AppliedRule> entry : byUnit.entrySet()) {
			units[i] = entry.getKey();
			versions[i] = entry.getValue().versionId();
			values[i] = entry.getValue().value();
			denominators[i] = entry.getValue().denominator();
			i++;
		}
		Map<String, Object> parameters = new HashMap<>();
		parameters.put(name + "_units", units);
		parameters.put(name + "_versions", versions);
		parameters.put(name + "_values", values);
		parameters.put(name + "_dens", denominators);
		return parameters;
	}

	/**
	 * A value below which no measured value meets any version of the table, for a query to leave out at once what
	 * cannot meet; only for a rule where more is better.
	 */
	public BigDecimal lowestMeeting() {
		if (comparison != Comparison.AT_LEAST && comparison != Comparison.MORE_THAN) {
			throw new IllegalStateException("rule " + name + " is not one where more is better");
		}
		return byVersion.values().stream()
			.map(rule -> rule.value().divide(rule.denominator(), 6, java.math.RoundingMode.FLOOR))
			.min(BigDecimal::compareTo)
			.orElse(BigDecimal.ZERO);
	}

	/** A version the table holds, by its id (as a query returns it). */
	public AppliedRule version(long versionId) {
		AppliedRule rule = byVersion.get(versionId);
		if (rule == null) {
			throw new IllegalArgumentException("version " + versionId + " is not in table " + name);
		}
		return rule;
	}

	/** The distinct versions, in the order first met. */
	public List<AppliedRule> versions() {
		return List.copyOf(byVersion.values());
	}
}
