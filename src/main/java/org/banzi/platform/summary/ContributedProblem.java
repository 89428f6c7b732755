package org.banzi.platform.summary;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A problem a module's rules find: the rule's key, its citation, who or what, and a sentence in the user's language;
 * for a team short of a target also what was measured ("9") and how far behind it is, so the summary can show the
 * worst cases of a rule first. Cadres are never given a gap: the summary does not rank individuals.
 */
public record ContributedProblem(String rule, String citation, String subject, String text, String measured, @Nullable BigDecimal gap) {

	public ContributedProblem(String rule, String citation, String subject, String text) {
		this(rule, citation, subject, text, "", null);
	}
}
