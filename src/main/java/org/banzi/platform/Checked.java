package org.banzi.platform;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A record as checked: the value to write when there are no problems, or every problem found. */
public record Checked<T>(@Nullable T value, List<FieldProblem> problems) {

	public static <T> Checked<T> of(T value) {
		return new Checked<>(value, List.of());
	}

	public static <T> Checked<T> refused(List<FieldProblem> problems) {
		return new Checked<>(null, problems);
	}

	public static <T> Checked<T> refused(FieldProblem problem) {
		return new Checked<>(null, List.of(problem));
	}

	public boolean ok() {
		return problems.isEmpty() && value != null;
	}
}
