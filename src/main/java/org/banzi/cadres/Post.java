package org.banzi.cadres;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A post a cadre held or holds: never overwritten; a change of post ends one and starts another. */
public record Post(long id, long cadreId, long unitId, String title, LocalDate startDate, @Nullable LocalDate endDate,
		boolean keyPost, PostReason reason) {

	public boolean open() {
		return endDate == null;
	}
}
