package org.banzi.platform.db;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps parts of pages as rendered until a change to one of the tables they were rendered from commits, as
 * {@link Memo} keeps results, in a store of their own: a rendered part is tens of kilobytes where a kept result is
 * a few, so they are fewer ({@code banzi.memo.rendered-capacity}) and never crowd out the summary's results. They are
 * rendered only when asked, never in the background: rendering needs the request that asked.
 */
@Component
public class KeptRenders {

	private final Memo memo;

	private final int capacity;

	private final Map<List<Object>, Rendered> kept;

	private final Counter hits;

	private final Counter renders;

	private record Rendered(Memo.Stamp stamp, String html) {
	}

	KeptRenders(Memo memo, @Value("${banzi.memo.rendered-capacity:256}") int capacity, MeterRegistry meters) {
		this.memo = memo;
		this.capacity = capacity;
		this.kept = new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<List<Object>, Rendered> eldest) {
				return size() > KeptRenders.this.capacity;
			}
		};
		this.hits = meters.counter("banzi.kept.renders", "outcome", "hit");
		this.renders = meters.counter("banzi.kept.renders", "outcome", "rendered");
	}

	/**
	 * The part rendered for {@code key}, rendered again only if one of {@code tables} changed since it was kept. The
	 * key must hold everything the part depends on besides those tables: its scope, page, year and day, the reader's
	 * language and roles. A part rendered in a transaction that changed one of the tables is not kept; nor is one
	 * during whose rendering a change committed.
	 */
	public String remember(List<Object> key, List<String> tables, Supplier<String> render) {
		Memo.Stamp before = memo.stamps(tables).of(tables);
		if (!before.writtenHere()) {
			synchronized (kept) {
				Rendered found = kept.get(key);
				if (found != null && found.stamp().equals(before)) {
					hits.increment();
					return found.html();
				}
			}
		}
		renders.increment();
		String html = render.get();
		if (!before.writtenHere() && memo.read(tables).of(tables).equals(before)) {
			synchronized (kept) {
				kept.put(key, new Rendered(before, html));
			}
		}
		return html;
	}

	/** How many parts are kept now. */
	int size() {
		synchronized (kept) {
			return kept.size();
		}
	}
}
