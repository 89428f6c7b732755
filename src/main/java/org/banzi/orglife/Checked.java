package org.banzi.orglife;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A record as checked: the value to write when there are no problems, or every problem found. */
record Checked<T>(@Nullable T value, List<OrgLifeProblem> problems) {

	boolean ok() {
		return problems.isEmpty() && value != null;
	}
}
