package org.banzi.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps at most a number of entries, the least recently asked for going first (not synchronized). */
public final class LeastRecentlyUsed {

	private LeastRecentlyUsed() {
	}

	public static <K, V> Map<K, V> map(int capacity) {
		return new LinkedHashMap<>(Math.min(capacity, 64), 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
				return size() > capacity;
			}
		};
	}
}
