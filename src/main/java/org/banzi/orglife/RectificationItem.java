package org.banzi.orglife;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A problem found and what is done about it: the owner (a cadre) and the deadline; completed with evidence, then
 * verified by someone other than the owner. Its status is derived from the dates, never stored apart from them.
 */
public record RectificationItem(long id, String code, long unitId, RectificationSource source, String sourceRef,
		LocalDate foundOn, String problem, String measures, long ownerCadreId, LocalDate deadline,
		@Nullable LocalDate completedOn, String completionNote, @Nullable LocalDate verifiedOn, @Nullable String verifiedBy) {

	public enum Status {
		OPEN, COMPLETED, VERIFIED
	}

	public Status status() {
		return verifiedOn != null ? Status.VERIFIED : completedOn != null ? Status.COMPLETED : Status.OPEN;
	}

	/** Not completed on {@code day} although its deadline has passed. */
	public boolean overdueOn(LocalDate day) {
		return (completedOn == null || completedOn.isAfter(day)) && deadline.isBefore(day);
	}
}
