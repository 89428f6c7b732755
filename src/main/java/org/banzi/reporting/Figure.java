package org.banzi.reporting;

import java.math.BigDecimal;

/** One figure of the summary: its key, its value, the URL of the records behind it and how many they are. */
public record Figure(String key, BigDecimal value, String evidence, long records) {

	/** Whole numbers as such; averages with the one decimal they were rounded to. */
	public String display() {
		return value.stripTrailingZeros().scale() <= 0 ? value.setScale(0).toPlainString() : value.toPlainString();
	}
}
