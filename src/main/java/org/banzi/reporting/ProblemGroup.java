package org.banzi.reporting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems of one rule, as the summary shows them: one line with how many and the worst cases, expandable to every
 * subject. Within a rule the subjects furthest behind come first where the part says how far (teams short of a
 * target); otherwise they keep the part's order. Rules with more subjects behind come first.
 */
public record ProblemGroup(String rule, String citation, List<Problem> problems) {

	/** How many cases the line names before "…". */
	static final int SHOWN = 5;

	/**
	 * How many subjects a page lists under a group's line; the rest are counted and left to the documents, which list
	 * every one (a province's groups run to thousands).
	 */
	static final int LISTED = 50;

	/** A group with its sentence in the reader's language, for the pages. */
	public record Line(ProblemGroup group, String text) {

		/** The subjects the page lists: the first {@link #LISTED}. */
		public List<Problem> listed() {
			return group.problems.size() <= LISTED ? group.problems : group.problems.subList(0, LISTED);
		}

		/** How many subjects the page leaves to the documents. */
		public int unlisted() {
			return Math.max(0, group.problems.size() - LISTED);
		}
	}

	public int count() {
		return problems.size();
	}

	/** The cases the line names: the first {@link #SHOWN}, each with what was measured when there is a measure. */
	public List<String> worst() {
		return problems.stream().limit(SHOWN).map(p -> p.measured().isEmpty() ? p.subject() : p.subject() + " " + p.measured()).toList();
	}

	public boolean more() {
		return problems.size() > SHOWN;
	}

	static List<ProblemGroup> of(List<Problem> problems) {
		Map<String, List<Problem>> byRule = new LinkedHashMap<>();
		problems.forEach(p -> byRule.computeIfAbsent(p.rule(), rule -> new ArrayList<>()).add(p));
		List<ProblemGroup> groups = new ArrayList<>();
		byRule.forEach((rule, list) -> {
			List<Problem> ordered = new ArrayList<>(list);
			ordered.sort(Comparator.comparing((Problem p) -> p.gap() == null ? BigDecimal.ZERO : p.gap()).reversed());
			groups.add(new ProblemGroup(rule, list.get(0).citation(), List.copyOf(ordered)));
		});
		groups.sort(Comparator.comparingInt(ProblemGroup::count).reversed());
		return groups;
	}
}
