package org.banzi.platform.summary;

import java.math.BigDecimal;

/** A figure of a module's part: its key, its value, the URL of the records behind it and how many they are. */
public record ContributedFigure(String key, BigDecimal value, String evidence, long records) {

	public static ContributedFigure count(String key, long value, String evidence) {
		return new ContributedFigure(key, BigDecimal.valueOf(value), evidence, value);
	}
}
