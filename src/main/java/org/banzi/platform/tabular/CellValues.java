package org.banzi.platform.tabular;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads dates and numbers that arrive either as typed spreadsheet cells or as text. */
public final class CellValues {

	private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?");

	private CellValues() {
	}

	/** ISO {@code 2025-03-01}, {@code 2025/3/1}, {@code 2025.03.01}, {@code 2025年3月1日}, or a date cell. */
	public static Optional<LocalDate> date(Cell cell) {
		Matcher matcher = DATE.matcher(cell.trimmed());
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
					Integer.parseInt(matcher.group(3))));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	public static Optional<BigDecimal> decimal(Cell cell) {
		try {
			return Optional.of(new BigDecimal(cell.trimmed()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}
}
