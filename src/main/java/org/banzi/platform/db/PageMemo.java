package org.banzi.platform.db;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.banzi.platform.LeastRecentlyUsed;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps what one page shows (its lists as rendered, one cadre's own figures) until a change to one of the tables it
 * came from commits, as {@link Memo} keeps results, in a store of its own: there are as many as units and cadres,
 * each asked for by few readers, and a rendered part is tens of kilobytes where a kept result is a few, so they are
 * bounded apart ({@code banzi.memo.page-capacity}) and never crowd out the summary's results. They are computed only
 * when asked, never in the background: rendering needs the request that asked.
 */
@Component
public class PageMemo {

	private final Memo memo;

	private final Map<List<Object>, Kept> kept;

	private final Counter hits;

	private final Counter computations;

	private record Kept(Memo.Stamp stamp, Object value) {
	}

	PageMemo(Memo memo, @Value("${banzi.memo.page-capacity:1024}") int capacity, MeterRegistry meters) {
		this.memo = memo;
		this.kept = LeastRecentlyUsed.map(capacity);
		this.hits = meters.counter("banzi.kept.pages", "outcome", "hit");
		this.computations = meters.counter("banzi.kept.pages", "outcome", "computed");
	}

	/**
	 * What {@code compute} gives for {@code key}, computed again only if one of {@code tables} changed since it was
	 * kept. The key must hold everything the value depends on besides those tables: its scope, cadre, page, year and
	 * day, and for a rendered part the reader's language and roles. A value computed in a transaction that changed one
	 * of the tables is not kept; nor is one during whose computing a change committed.
	 */
	@SuppressWarnings("unchecked")
	public <T> T remember(List<Object> key, List<String> tables, Supplier<T> compute) {
		Memo.Stamp before = memo.stamps(tables).of(tables);
		if (!before.writtenHere()) {
			synchronized (kept) {
				Kept found = kept.get(key);
				if (found != null && found.stamp().equals(before)) {
					hits.increment();
					return (T) found.value();
				}
			}
		}
		computations.increment();
		T value = compute.get();
		if (!before.writtenHere() && memo.read(tables).of(tables).equals(before)) {
			synchronized (kept) {
				kept.put(key, new Kept(before, value));
			}
		}
		return value;
	}

	/** How many values are kept now. */
	int size() {
		synchronized (kept) {
			return kept.size();
		}
	}
}
