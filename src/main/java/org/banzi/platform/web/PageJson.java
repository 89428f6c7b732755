package org.banzi.platform.web;

import java.util.List;
import java.util.function.Function;

/** One page of a list as the JSON API gives it: the items, the page's number and size, and how many there are in all. */
public record PageJson<T>(List<T> items, int page, int size, long total) {

	public static <S, T> PageJson<T> of(Page<S> page, Function<S, T> item) {
		return new PageJson<>(page.items().stream().map(item).toList(), page.number(), page.size(), page.total());
	}
}
