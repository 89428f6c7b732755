package org.banzi.indicators;

import java.util.List;
import java.util.Optional;

/** The development indicators the summary reports, in the seed's order. */
public enum Indicator {
	GDP("万元"), TOWNSHIP_ENTERPRISE_VALUE_ADDED("万元"), FIXED_INVESTMENT("万元"), INVESTMENT_PROJECTS("个"), RURAL_INCOME_PER_CAPITA("元"),
	URBAN_INCOME_PER_CAPITA("元");

	private final String measure;

	Indicator(String measure) {
		this.measure = measure;
	}

	/**
	 * The unit of measure the indicator is entered in: one per indicator, so that a year compares with the year before
	 * and the summary's sentence names the right unit.
	 */
	String measure() {
		return measure;
	}

	/** Parses the code or its Chinese name as the message {@code indicator.<CODE>} gives it. */
	static Optional<Indicator> parse(String text, List<String> chineseNames) {
		String trimmed = text.strip();
		for (Indicator indicator : values()) {
			if (indicator.name().equalsIgnoreCase(trimmed) || chineseNames.get(indicator.ordinal()).equals(trimmed)) {
				return Optional.of(indicator);
			}
		}
		return Optional.empty();
	}
}
