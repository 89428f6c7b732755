package org.banzi.reporting;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One figure of the summary: its key, its value, the URL of the records behind it and how many they are, and the value
 * the same definition gives for the year before (null where that year has none, as for an indicator not entered).
 */
public record Figure(String key, BigDecimal value, String evidence, long records, @Nullable BigDecimal previous) {

	/** Whole numbers as such; averages with the one decimal they were rounded to. */
	public String display() {
		return display(value);
	}

	public String displayPrevious() {
		return previous == null ? "" : display(previous);
	}

	/** The change on the year before, signed ("+3", "-1.5", "0"), or empty when the year before has no value. */
	public String displayChange() {
		if (previous == null) {
			return "";
		}
		BigDecimal change = value.subtract(previous);
		return (change.signum() > 0 ? "+" : "") + display(change);
	}

	private static String display(BigDecimal number) {
		return number.stripTrailingZeros().scale() <= 0 ? number.setScale(0, java.math.RoundingMode.UNNECESSARY).toPlainString()
				: number.stripTrailingZeros().toPlainString();
	}
}
