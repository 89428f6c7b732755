package org.banzi.platform.db;

import java.util.List;
import java.util.function.Consumer;

/** A long list of rows written (or looked up) a slice a statement, so that no statement grows with the file. */
public final class Slices {

	private Slices() {
	}

	/** Hands {@code rows} to {@code write} in order, at most {@code size} at a time; an empty list is not handed on. */
	public static <T> void each(List<T> rows, int size, Consumer<List<T>> write) {
		if (size <= 0) {
			throw new IllegalArgumentException("A slice holds at least one row: " + size);
		}
		for (int from = 0; from < rows.size(); from += size) {
			write.accept(rows.subList(from, Math.min(rows.size(), from + size)));
		}
	}
}
