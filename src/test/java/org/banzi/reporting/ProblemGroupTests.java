package org.banzi.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A page lists the first subjects of a rule's problems, furthest behind first, and counts the rest. */
class ProblemGroupTests {

	static List<Problem> behind(String rule, int count) {
		List<Problem> problems = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			problems.add(new Problem(rule, "规则", "班子" + i, "班子" + i + " 未达标", "", BigDecimal.valueOf(i)));
		}
		return problems;
	}

	@Test
	void aPageListsTheFirstSubjectsFurthestBehindAndCountsTheRest() {
		List<ProblemGroup> groups = ProblemGroup.of(behind("study.self.hours", ProblemGroup.LISTED + 7));
		ProblemGroup.Line line = new ProblemGroup.Line(groups.get(0), "line");
		assertThat(line.listed()).hasSize(ProblemGroup.LISTED);
		assertThat(line.listed().get(0).subject()).as("the furthest behind first").isEqualTo("班子" + (ProblemGroup.LISTED + 6));
		assertThat(line.unlisted()).isEqualTo(7);
		ProblemGroup.Line few = new ProblemGroup.Line(ProblemGroup.of(behind("study.notes.chars", 3)).get(0), "line");
		assertThat(few.listed()).hasSize(3);
		assertThat(few.unlisted()).isZero();
	}
}
