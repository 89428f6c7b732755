package org.banzi.platform.summary;

import java.math.BigDecimal;

/** One figure of a cadre's year: its key, its value, and the URL of the records behind it. */
public record CadreFigure(String key, BigDecimal value, String evidence) {

	public static CadreFigure of(String key, long value, String evidence) {
		return new CadreFigure(key, BigDecimal.valueOf(value), evidence);
	}
}
