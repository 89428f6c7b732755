package org.banzi.platform.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/**
 * A figure of a module's part: its key, its value, the URL of the records behind it and how many they are. A figure
 * per head (or per team) also carries what it divides ({@link Ratio}), so that the figures of several counties add up
 * to the figure of their province (ADR 0013).
 */
public record ContributedFigure(String key, BigDecimal value, String evidence, long records, @Nullable Ratio ratio) {

	public ContributedFigure(String key, BigDecimal value, String evidence, long records) {
		this(key, value, evidence, records, null);
	}

	public static ContributedFigure count(String key, long value, String evidence) {
		return new ContributedFigure(key, BigDecimal.valueOf(value), evidence, value);
	}

	/** A total divided by a count, to {@code scale} decimals (half up); nothing to divide by gives 0. */
	public static ContributedFigure ratio(String key, BigDecimal total, long count, int scale, String evidence, long records) {
		Ratio ratio = new Ratio(total, count, scale);
		return new ContributedFigure(key, ratio.value(), evidence, records, ratio);
	}

	/** A total and what it is divided by: these add up across counties, the quotient does not. */
	public record Ratio(BigDecimal total, long count, int scale) {

		public BigDecimal value() {
			return count == 0 ? BigDecimal.ZERO : total.divide(BigDecimal.valueOf(count), scale, RoundingMode.HALF_UP);
		}
	}
}
