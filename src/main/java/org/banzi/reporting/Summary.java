package org.banzi.reporting;

import java.util.List;
import java.util.Map;

import org.banzi.rules.AppliedRule;

/** The computed summary of a unit's subtree for a year. */
public record Summary(int year, String unitCode, String unitName, List<Figure> figures, List<Problem> problems,
		List<AppliedRule> rulesUsed, List<AppliedRule> nextYearTargets) {

	public Figure figure(String key) {
		return figures.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
	}

	/** The problems one line per rule, the rules with more cases first. */
	public List<ProblemGroup> problemGroups() {
		return ProblemGroup.of(problems);
	}

	public Map<String, Figure> byKey() {
		Map<String, Figure> map = new java.util.LinkedHashMap<>();
		figures.forEach(f -> map.put(f.key(), f));
		return map;
	}
}
