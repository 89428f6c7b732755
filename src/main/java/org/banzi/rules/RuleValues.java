package org.banzi.rules;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a rule's value as typed: {@code 13}, {@code 100.5}, {@code 1/7}, {@code 15%}, or a month-day {@code 01-31}. */
final class RuleValues {

	private static final Pattern FRACTION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(\\d+(?:\\.\\d+)?)");
	private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
	private static final Pattern MONTH_DAY = Pattern.compile("(\\d{1,2})-(\\d{1,2})");

	record Parsed(BigDecimal value, BigDecimal denominator) {
	}

	private RuleValues() {
	}

	static Optional<Parsed> parse(String text, Measure measure) {
		String value = text.strip();
		try {
			if (measure == Measure.MONTH_DAY) {
				Matcher monthDay = MONTH_DAY.matcher(value);
				if (monthDay.matches()) {
					int month = Integer.parseInt(monthDay.group(1));
					int day = Integer.parseInt(monthDay.group(2));
					java.time.MonthDay.of(month, day);
					return Optional.of(new Parsed(BigDecimal.valueOf(month * 100L + day), BigDecimal.ONE));
				}
				return Optional.empty();
			}
			if (measure == Measure.RANK && Measure.rankOrder(value.toUpperCase(java.util.Locale.ROOT)) > 0) {
				return Optional.of(new Parsed(BigDecimal.valueOf(Measure.rankOrder(value.toUpperCase(java.util.Locale.ROOT))), BigDecimal.ONE));
			}
			Matcher fraction = FRACTION.matcher(value);
			if (fraction.matches()) {
				BigDecimal denominator = new BigDecimal(fraction.group(2));
				return denominator.signum() == 0 ? Optional.empty()
						: Optional.of(new Parsed(new BigDecimal(fraction.group(1)), denominator));
			}
			Matcher percent = PERCENT.matcher(value);
			if (percent.matches()) {
				return Optional.of(new Parsed(new BigDecimal(percent.group(1)), BigDecimal.valueOf(100)));
			}
			return Optional.of(new Parsed(new BigDecimal(value), BigDecimal.ONE));
		}
		catch (NumberFormatException | java.time.DateTimeException ex) {
			return Optional.empty();
		}
	}

}
