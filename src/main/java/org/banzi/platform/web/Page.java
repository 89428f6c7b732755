package org.banzi.platform.web;

import java.util.List;

/** One page of a list: the items, where it is, and how many there are in all. */
public record Page<T>(List<T> items, int number, int size, long total) {

	public Page {
		items = List.copyOf(items);
	}

	public int totalPages() {
		return size == 0 ? 0 : (int) ((total + size - 1) / size);
	}

	public boolean hasPrevious() {
		return number > 0;
	}

	public boolean hasNext() {
		return (long) (number + 1) * size < total;
	}

	/** Page {@code number} (from 0; below 0 is the first) of {@code size} items of a list held whole. */
	public static <T> Page<T> of(List<T> all, int number, int size) {
		int page = Math.max(number, 0);
		int from = (int) Math.min(all.size(), (long) page * size);
		return new Page<>(all.subList(from, Math.min(all.size(), from + size)), page, size, all.size());
	}

	/** Clamps a requested page size to what lists allow. */
	public static int size(int requested) {
		return Math.max(1, Math.min(requested <= 0 ? 20 : requested, 500));
	}
}
