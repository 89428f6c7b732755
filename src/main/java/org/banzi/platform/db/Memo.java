package org.banzi.platform.db;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps a computed result until a change to one of the tables it was computed from commits. Each transaction that
 * writes to a table of the records counts itself in {@code change_stamp} (migrations V8, V9), so the sum of a
 * table's counts moves exactly when a change becomes visible. A result is kept only if the sum was the same before
 * and after computing it: a change committed meanwhile may or may not be in the result, and it is not kept.
 * <p>
 * A change made to the database from outside Banzi, to a table with the trigger, is seen like any other; the
 * triggers are what keep this honest, so every table a kept result reads must have one.
 */
@Component
public class Memo {

	private static final Logger log = LoggerFactory.getLogger(Memo.class);

	/** How many results are kept at most; the least recently used goes first. */
	private static final int CAPACITY = 256;

	private final JdbcClient jdbc;
	private final Map<List<Object>, Kept> kept = new LinkedHashMap<>(64, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<List<Object>, Kept> eldest) {
			return size() > CAPACITY;
		}
	};

	private record Kept(Stamp stamp, Object value) {
	}

	/**
	 * The changes ever committed to some tables, and the identity of the table counting them: a restore of a backup
	 * creates that table anew (and the counts go back), so nothing kept before it can match after it.
	 */
	record Stamp(long counter, long changes) {
	}

	Memo(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The result of {@code compute} for {@code key}, computed again only if one of {@code tables} changed since it
	 * was kept. The key must hold everything the result depends on besides those tables (scope, year, day).
	 */
	@SuppressWarnings("unchecked")
	public <T> T remember(List<Object> key, List<String> tables, Supplier<T> compute) {
		if (writtenHere(tables)) {
			// this transaction changed one of the tables: a change counts once per transaction, so a second change
			// in it would not move the count; what it computes is neither taken from nor kept for others
			return compute.get();
		}
		Stamp before = stamp(tables);
		synchronized (kept) {
			Kept found = kept.get(key);
			if (found != null && found.stamp().equals(before)) {
				return (T) found.value();
			}
		}
		T value = compute.get();
		if (stamp(tables).equals(before)) {
			synchronized (kept) {
				kept.put(key, new Kept(before, value));
			}
		}
		return value;
	}

	/** The number of changes ever committed to the tables. */
	Stamp stamp(List<String> tables) {
		return jdbc.sql("SELECT CAST('change_stamp'::regclass AS oid)::bigint,"
				+ " (SELECT COALESCE(sum(changes), 0) FROM change_stamp WHERE table_name = ANY(?))")
			.param(tables.toArray(String[]::new))
			.query((rs, n) -> new Stamp(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	/** Whether the current transaction has changed one of the tables (the trigger marks it, migration V9). */
	boolean writtenHere(List<String> tables) {
		return jdbc.sql("SELECT COALESCE(bool_or(current_setting('banzi_changed.' || t, true) = '1'), false)"
				+ " FROM unnest(CAST(? AS text[])) AS t")
			.param(tables.toArray(String[]::new))
			.query(Boolean.class)
			.single();
	}

	/** Folds the counts of database sessions that have ended into one row per table: the sums stay the same. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void fold() {
		int folded = jdbc.sql("""
				WITH gone AS (
				    DELETE FROM change_stamp s
				     WHERE backend <> 0 AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = s.backend)
				    RETURNING table_name, changes)
				INSERT INTO change_stamp (table_name, backend, changes)
				SELECT table_name, 0, sum(changes) FROM gone GROUP BY table_name
				ON CONFLICT (table_name, backend) DO UPDATE SET changes = change_stamp.changes + EXCLUDED.changes
				""").update();
		log.debug("change stamps folded for {} tables", folded);
	}
}
