package org.banzi.organization;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A unit of the county's organization tree. Its {@code path} lists the ids from the root down to itself
 * ({@code /1/7/42/}), so its subtree is every unit whose path starts with it.
 */
public record Unit(long id, String code, String name, UnitType type, @Nullable Long parentId, String path, int depth,
		@Nullable LocalDate retiredOn) {

	public boolean retired() {
		return retiredOn != null;
	}

	public boolean isRoot() {
		return parentId == null;
	}

	/** Whether {@code other} lies in this unit's subtree (itself included). */
	public boolean contains(Unit other) {
		return other.path.startsWith(path);
	}
}
