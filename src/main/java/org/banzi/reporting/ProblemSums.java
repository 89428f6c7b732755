package org.banzi.reporting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.platform.summary.ContributedProblem;

/**
 * A part's problems for a subtree with counties in it, from each county's and from what lies outside the counties
 * (ADR 0013). A problem that names its subject (a team short of a target) belongs to one county and is listed with
 * it; a counted problem adds up by its {@link ContributedProblem.Tally#group()}, and its sentence is written again for
 * the sum.
 */
final class ProblemSums {

	/**
	 * What lies outside the counties: the whole subtree's listed problems less the counties' (and those the counties
	 * list that the whole does not, to be taken away), and each group's count less the counties', with the whole's
	 * sentence (which cites the rules at the subtree's root).
	 */
	record Outside(List<ContributedProblem> listed, List<ContributedProblem> unlisted, Map<String, ContributedProblem.Tally> tallies) {
	}

	private ProblemSums() {
	}

	static Outside outside(List<ContributedProblem> whole, List<List<ContributedProblem>> counties) {
		Map<ContributedProblem, Integer> left = new HashMap<>();
		Map<String, ContributedProblem.Tally> tallies = new LinkedHashMap<>();
		for (ContributedProblem problem : whole) {
			if (problem.tally() == null) {
				left.merge(problem, 1, Integer::sum);
			}
			else {
				tallies.merge(problem.tally().group(), problem.tally(), ProblemSums::sum);
			}
		}
		List<ContributedProblem> unlisted = new ArrayList<>();
		for (List<ContributedProblem> county : counties) {
			for (ContributedProblem problem : county) {
				ContributedProblem.Tally tally = problem.tally();
				if (tally != null) {
					ContributedProblem.Tally mine = tallies.get(tally.group());
					tallies.put(tally.group(), mine == null ? new ContributedProblem.Tally(tally.group(), -tally.count(), tally.sentence())
							: new ContributedProblem.Tally(mine.group(), mine.count() - tally.count(), mine.sentence()));
				}
				else if (left.getOrDefault(problem, 0) > 0) {
					left.merge(problem, -1, Integer::sum);
				}
				else {
					unlisted.add(problem);
				}
			}
		}
		List<ContributedProblem> listed = new ArrayList<>();
		for (ContributedProblem problem : whole) {
			if (problem.tally() == null && left.getOrDefault(problem, 0) > 0) {
				left.merge(problem, -1, Integer::sum);
				listed.add(problem);
			}
		}
		return new Outside(List.copyOf(listed), List.copyOf(unlisted), tallies);
	}

	/**
	 * The subtree's problems: those outside the counties, then each county's in the counties' order, the listed ones
	 * first; each counted group once, with the sum, in the order it was first found. A group that sums to nothing is
	 * left out.
	 */
	static List<ContributedProblem> total(Outside outside, List<List<ContributedProblem>> counties) {
		Map<ContributedProblem, Integer> takenAway = new HashMap<>();
		outside.unlisted().forEach(problem -> takenAway.merge(problem, 1, Integer::sum));
		List<ContributedProblem> listed = new ArrayList<>(outside.listed());
		Map<String, ContributedProblem.Tally> tallies = new LinkedHashMap<>(outside.tallies());
		for (List<ContributedProblem> county : counties) {
			for (ContributedProblem problem : county) {
				if (problem.tally() != null) {
					tallies.merge(problem.tally().group(), problem.tally(), ProblemSums::sum);
				}
				else if (takenAway.getOrDefault(problem, 0) > 0) {
					takenAway.merge(problem, -1, Integer::sum);
				}
				else {
					listed.add(problem);
				}
			}
		}
		List<ContributedProblem> problems = new ArrayList<>(listed);
		tallies.values().stream()
			.filter(tally -> tally.count() > 0)
			.forEach(tally -> problems.add(ContributedProblem.counted(tally.group(), tally.count(), tally.sentence())));
		return problems;
	}

	/** Two counts of one group, with the first one's sentence. */
	private static ContributedProblem.Tally sum(ContributedProblem.Tally first, ContributedProblem.Tally second) {
		return new ContributedProblem.Tally(first.group(), first.count() + second.count(), first.sentence());
	}
}
