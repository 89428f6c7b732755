package org.banzi.cadres;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A cadre's place in a unit's leadership team, from a start date to an end date (open while held). */
public record Membership(long id, long cadreId, long unitId, TeamRole role, LocalDate startDate,
		@Nullable LocalDate endDate) {

	public boolean heldOn(LocalDate day) {
		return !startDate.isAfter(day) && (endDate == null || !endDate.isBefore(day));
	}
}
