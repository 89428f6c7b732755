package org.banzi.rules;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How many subjects (cadres, teams, posts) one version of a rule finds behind. */
public record RuleCount(AppliedRule rule, long count) {

	/** One count per version, adding up the counts of the same version, in the order versions are first met. */
	public static List<RuleCount> perVersion(Collection<RuleCount> counts) {
		Map<Long, RuleCount> byVersion = new LinkedHashMap<>();
		for (RuleCount count : counts) {
			byVersion.merge(count.rule().versionId(), count, (a, b) -> new RuleCount(a.rule(), a.count() + b.count()));
		}
		return List.copyOf(byVersion.values());
	}
}
