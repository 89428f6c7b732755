package org.banzi.reporting;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A problem derived from the records: the rule it breaks, its source, who or what, a sentence, and for a team short of a
 * target what was measured and how far behind it is.
 */
public record Problem(String rule, String citation, String subject, String text, String measured, @Nullable BigDecimal gap) {

	public Problem(String rule, String citation, String subject, String text) {
		this(rule, citation, subject, text, "", null);
	}
}
