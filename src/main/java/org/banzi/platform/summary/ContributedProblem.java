package org.banzi.platform.summary;

import java.math.BigDecimal;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;

/**
 * A problem a module's rules find: the rule's key, its citation, who or what, and a sentence in the user's language;
 * for a team short of a target also what was measured ("9") and how far behind it is, so the summary can show the
 * worst cases of a rule first. Cadres are never given a gap: the summary does not rank individuals. A problem that
 * counts its subjects ("12 cadres behind the hours rule") carries its {@link Tally}.
 */
public record ContributedProblem(String rule, String citation, String subject, String text, String measured, @Nullable BigDecimal gap,
		@Nullable Tally tally) {

	public ContributedProblem(String rule, String citation, String subject, String text, String measured, @Nullable BigDecimal gap) {
		this(rule, citation, subject, text, measured, gap, null);
	}

	public ContributedProblem(String rule, String citation, String subject, String text) {
		this(rule, citation, subject, text, "", null, null);
	}

	/**
	 * How many subjects a counted problem names, and its sentence for any other count: the problems of one group (one
	 * version of a rule, one kind of finding) found in the parts of a subtree add up to the subtree's (ADR 0013). The
	 * group names what is counted, never where: the same group in two counties is one problem of their province.
	 */
	public record Tally(String group, long count, LongFunction<ContributedProblem> sentence) {
	}

	/** A counted problem: the sentence for the count, with its tally. */
	public static ContributedProblem counted(String group, long count, LongFunction<ContributedProblem> sentence) {
		ContributedProblem problem = sentence.apply(count);
		return new ContributedProblem(problem.rule(), problem.citation(), problem.subject(), problem.text(), problem.measured(),
				problem.gap(), new Tally(group, count, sentence));
	}
}
