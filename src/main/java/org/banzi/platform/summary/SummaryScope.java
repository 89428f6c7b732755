package org.banzi.platform.summary;

import java.time.LocalDate;

/**
 * What a summary is about: a unit's subtree (the unit's id, code and tree path), the year, and the report day (31
 * December, or today while the year is under way) on which teams, open items and rules are taken.
 */
public record SummaryScope(long unitId, String unitCode, String unitPath, int year, LocalDate reportDay) {

	public LocalDate yearStart() {
		return LocalDate.of(year, 1, 1);
	}

	/** The first day after the year: figures count records dated from {@link #yearStart()} to before this. */
	public LocalDate yearEnd() {
		return LocalDate.of(year + 1, 1, 1);
	}
}
