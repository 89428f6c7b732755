package org.banzi.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.banzi.platform.summary.ContributedProblem;
import org.junit.jupiter.api.Test;

/** A subtree's problems from its counties' and what lies outside them (ADR 0013). */
class ProblemSumsTests {

	private static ContributedProblem listed(String subject) {
		return new ContributedProblem("rule.a", "Art. 1", subject, subject + " is behind");
	}

	private static ContributedProblem counted(String group, long count) {
		return ContributedProblem.counted(group, count, n -> new ContributedProblem("rule." + group, "Art. 2", n + " cadres",
				n + " cadres behind " + group));
	}

	private static List<String> texts(List<ContributedProblem> problems) {
		return problems.stream().map(ContributedProblem::text).sorted().toList();
	}

	@Test
	void theCountiesAndWhatLiesOutsideThemAddUpToTheWhole() {
		List<ContributedProblem> whole = List.of(listed("province team"), listed("county one team"), counted("g", 5), counted("h", 2));
		List<ContributedProblem> one = List.of(listed("county one team"), counted("g", 2));
		List<ContributedProblem> two = List.of(counted("g", 1), counted("h", 2));
		ProblemSums.Outside outside = ProblemSums.outside(whole, List.of(one, two));

		assertThat(outside.listed()).containsExactly(listed("province team"));
		assertThat(outside.unlisted()).isEmpty();
		assertThat(outside.tallies().get("g").count()).isEqualTo(2);
		assertThat(outside.tallies().get("h").count()).as("nothing outside, kept for its sentence").isZero();
		assertThat(texts(ProblemSums.total(outside, List.of(one, two)))).isEqualTo(texts(whole));
	}

	@Test
	void aChangeInOneCountyChangesTheSumAndTheSentence() {
		List<ContributedProblem> one = List.of(counted("g", 2));
		List<ContributedProblem> two = List.of(counted("g", 1));
		ProblemSums.Outside outside = ProblemSums.outside(List.of(counted("g", 3)), List.of(one, two));

		List<ContributedProblem> after = ProblemSums.total(outside, List.of(one, List.of(counted("g", 4), listed("county two team"))));
		assertThat(texts(after)).containsExactly("6 cadres behind g", "county two team is behind");
		assertThat(after.stream().filter(p -> p.tally() != null).findFirst().orElseThrow().tally().count()).isEqualTo(6);

		assertThat(ProblemSums.total(outside, List.of(one, List.of()))).as("a group that sums to nothing")
			.extracting(ContributedProblem::text).containsExactly("2 cadres behind g");
	}

	/** A person counted in two counties (and once in the whole): the counties' extra is taken away outside them. */
	@Test
	void whatTheCountiesCountTwiceIsTakenAwayOutsideThem() {
		List<ContributedProblem> whole = List.of(counted("g", 1), listed("cadre with two households"));
		List<ContributedProblem> one = List.of(counted("g", 1), listed("cadre with one household"));
		List<ContributedProblem> two = List.of(counted("g", 1), listed("cadre with one household"));
		ProblemSums.Outside outside = ProblemSums.outside(whole, List.of(one, two));

		assertThat(outside.tallies().get("g").count()).isEqualTo(-1);
		assertThat(outside.unlisted()).containsExactly(listed("cadre with one household"), listed("cadre with one household"));
		assertThat(texts(ProblemSums.total(outside, List.of(one, two)))).isEqualTo(texts(whole));
	}
}
