package org.banzi.indicators;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The development indicators the summary reports, in the seed's order. */
public enum Indicator {
	GDP, TOWNSHIP_ENTERPRISE_VALUE_ADDED, FIXED_INVESTMENT, INVESTMENT_PROJECTS, RURAL_INCOME_PER_CAPITA, URBAN_INCOME_PER_CAPITA;

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

	static List<String> codes() {
		return Arrays.stream(values()).map(i -> i.name().toLowerCase(Locale.ROOT)).toList();
	}
}
