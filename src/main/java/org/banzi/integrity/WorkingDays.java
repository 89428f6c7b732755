package org.banzi.integrity;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * Working days by the county's calendar: Monday to Friday, less its public holidays, plus the weekend days it works
 * instead (调休). The days between two dates count from the day after the first up to and including the second.
 */
record WorkingDays(Map<LocalDate, String> calendar) {

	static final String HOLIDAY = "HOLIDAY";
	static final String WORKDAY = "WORKDAY";

	boolean working(LocalDate day) {
		String kind = calendar.get(day);
		if (kind != null) {
			return WORKDAY.equals(kind);
		}
		return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
	}

	/** Working days after {@code from} up to and including {@code to}; zero when {@code to} is not after {@code from}. */
	long between(LocalDate from, LocalDate to) {
		long count = 0;
		for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
			if (working(day)) {
				count++;
			}
		}
		return count;
	}
}
