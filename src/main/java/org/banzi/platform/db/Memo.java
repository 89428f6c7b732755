package org.banzi.platform.db;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.banzi.platform.LeastRecentlyUsed;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps a computed result until a change to one of the tables it was computed from commits. Each transaction that
 * writes to a table of the records counts itself in {@code change_stamp} (migrations V8, V9), so the sum of a
 * table's counts moves exactly when a change becomes visible. A result is kept only if the sum was the same before
 * and after computing it: a change committed meanwhile may or may not be in the result, and it is not kept.
 * <p>
 * A change made to the database from outside Banzi, to a table with the trigger, is seen like any other; the
 * triggers are what keep this honest, so every table a kept result reads must have one.
 * <p>
 * Every few seconds the results asked for lately whose tables changed are computed again in the background (each at
 * most once a minute), so that the first ask after a change seldom waits for a province's worth of records; set
 * {@code banzi.memo.refresh=false} to compute only when asked.
 */
@Component
public class Memo implements TransactionExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(Memo.class);

	private final JdbcClient jdbc;

	/**
	 * The kept results, at most {@code banzi.memo.capacity}; the least recently used goes first. A county's summary
	 * alone keeps about thirty (each part's figures for two years, its problems, what it carries over), so a province
	 * of a hundred counties needs thousands.
	 */
	private final Map<List<Object>, Kept> kept;

	/**
	 * A kept result, with how to compute it again, when it was last asked for and when it was last computed again in
	 * the background (nanoTime; {@link #NEVER} if it was not).
	 */
	/** The results being computed now, by key (guarded by {@link #kept}). */
	private final Map<List<Object>, InFlight> computing = new HashMap<>();

	private record Kept(Stamp stamp, Object value, List<String> tables, Supplier<?> compute, long askedAt, long refreshedAt) {

		Kept asked(long now) {
			return new Kept(stamp, value, tables, compute, now, refreshedAt);
		}
	}

	private static final long NEVER = 0L;

	/** Results asked for within this time are computed again in the background when their tables change. */
	private static final Duration RECENT = Duration.ofMinutes(10);

	/** A result is computed again in the background at most this often, however often its tables change. */
	private static final Duration SPACING = Duration.ofMinutes(1);

	/**
	 * The changes ever committed to some tables, and the identity of the table counting them: a restore of a backup
	 * creates that table anew (and the counts go back), so nothing kept before it can match after it. And whether
	 * the current transaction has changed one of the tables itself (the trigger marks it, migration V9).
	 */
	record Stamp(long counter, long changes, boolean writtenHere) {
	}

	private final boolean refreshing;

	/**
	 * The change counts read so far on this thread while a {@link #readOnce} is open (the counting table's identity
	 * under {@link #COUNTER}); empty while none is.
	 */
	private static final ThreadLocal<Map<String, Long>> READ_ONCE = new ThreadLocal<>();

	private static final String COUNTER = "";

	/** Kept results taken as they were, computed (first or after a change), and waited for while computed. */
	private final Counter hits;
	private final Counter computations;
	private final Counter waits;

	Memo(JdbcClient jdbc, @Value("${banzi.memo.refresh:true}") boolean refreshing,
			@Value("${banzi.memo.capacity:4096}") int capacity, MeterRegistry meters) {
		this.kept = LeastRecentlyUsed.map(capacity);
		this.jdbc = jdbc;
		this.refreshing = refreshing;
		this.hits = meters.counter("banzi.kept.results", "outcome", "hit");
		this.computations = meters.counter("banzi.kept.results", "outcome", "computed");
		this.waits = meters.counter("banzi.kept.results", "outcome", "waited");
	}

	/**
	 * The result of {@code compute} for {@code key}, computed again only if one of {@code tables} changed since it
	 * was kept. The key must hold everything the result depends on besides those tables (scope, year, day).
	 */
	@SuppressWarnings("unchecked")
	public <T> T remember(List<Object> key, List<String> tables, Supplier<T> compute) {
		Stamp before = stamp(tables);
		if (before.writtenHere()) {
			// this transaction changed one of the tables: a change counts once per transaction, so a second change
			// in it would not move the count; what it computes is neither taken from nor kept for others
			return compute.get();
		}
		InFlight mine = new InFlight(before, new CompletableFuture<>());
		InFlight theirs;
		synchronized (kept) {
			Optional<Object> found = hit(key, before);
			if (found.isPresent()) {
				return (T) found.get();
			}
			theirs = computing.get(key);
			if (theirs == null || !theirs.stamp().equals(before)) {
				computing.put(key, mine);
			}
		}
		if (theirs != null && theirs.stamp().equals(before)) {
			// the same result from the same records is being computed (by a request or the background): wait for it
			waits.increment();
			return (T) theirs.await();
		}
		computations.increment();
		long now = System.nanoTime();
		return (T) run(key, mine, compute, value -> keep(key, before, new Kept(before, value, tables, compute, now, NEVER)));
	}

	/**
	 * The change counts of many tables read in one query, to check many kept results at once ({@link #kept}): a page
	 * made of many kept parts asks the database once instead of once a part.
	 */
	public static final class Stamps {

		private final long counter;
		private final Map<String, Long> changes;
		private final Set<String> writtenHere;

		private Stamps(long counter, Map<String, Long> changes, Set<String> writtenHere) {
			this.counter = counter;
			this.changes = changes;
			this.writtenHere = writtenHere;
		}

		/** The stamp {@link #stamp} would read for these tables, all of them among those read. */
		Stamp of(List<String> tables) {
			long sum = 0;
			boolean written = false;
			for (String table : new LinkedHashSet<>(tables)) {
				Long count = changes.get(table);
				if (count == null) {
					throw new IllegalArgumentException("the stamps were not read for table " + table);
				}
				sum += count;
				written |= writtenHere.contains(table);
			}
			return new Stamp(counter, sum, written);
		}
	}

	/**
	 * Until the returned reading is closed, each table's change count is read once on this thread and taken as read
	 * after that, as if all were read when first asked: a page made of many kept results (each part of a summary,
	 * the unit look-up of the menu and of the lists) asks the database once for each table instead of once for each
	 * result. A transaction that writes reads the counts anew (it must see its own changes), and once a transaction
	 * that may have written commits on this thread, the counts are read anew. For requests that only read.
	 */
	public Reading readOnce() {
		READ_ONCE.set(new HashMap<>());
		return READ_ONCE::remove;
	}

	/** An open {@link #readOnce}. */
	public interface Reading extends AutoCloseable {

		@Override
		void close();
	}

	/** A transaction that may have written has committed: what was read before it may no longer be current. */
	@Override
	public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
		Map<String, Long> once = READ_ONCE.get();
		if (once != null && !transaction.isReadOnly()) {
			once.clear();
		}
	}

	/** The counts read once on this thread, unless none are or the current transaction may write. */
	private static @Nullable Map<String, Long> readOnceHere() {
		Map<String, Long> once = READ_ONCE.get();
		if (once == null || TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			return null;
		}
		return once;
	}

	/** The change counts of these tables now, for {@link #kept} (and {@link #stamp}). */
	public Stamps stamps(Collection<String> tables) {
		Map<String, Long> once = readOnceHere();
		if (once != null && once.containsKey(COUNTER) && once.keySet().containsAll(tables)) {
			return new Stamps(once.get(COUNTER), new HashMap<>(once), Set.of());
		}
		Stamps read = read(tables);
		if (once != null) {
			once.putAll(read.changes);
			once.put(COUNTER, read.counter);
		}
		return read;
	}

	/**
	 * The names under which {@link #kept} and {@link #remember} count only the changes to {@code tables} that fell in
	 * some counties (migration V27, ADR 0013): {@code table@county,county...}. County 0 is always among them: it
	 * counts the changes that fell everywhere or nowhere known (a default rule, a truncation).
	 */
	public static List<String> inCounties(List<String> tables, Collection<Long> counties) {
		Set<Long> all = new java.util.TreeSet<>(counties);
		all.add(0L);
		String suffix = "@" + all.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
		// a year's changes are not counted by county: the county's count of every year stands for them
		return tables.stream().map(table -> withoutYear(table) + suffix).distinct().toList();
	}

	/** Between a table's name and a year in the names of {@link #inYear}. */
	private static final String YEAR = "$";

	/**
	 * The name under which {@link #kept} and {@link #remember} count only the changes to {@code table} that fell in
	 * {@code year}, by the dates its rows had or have (migration V29, for {@code self_study} and {@code study_note}):
	 * for a result that reads only that year's rows of the table, which the entries of another year then leave kept.
	 */
	public static String inYear(String table, int year) {
		return table + YEAR + year;
	}

	private static String withoutYear(String table) {
		int at = table.indexOf(YEAR);
		return at < 0 ? table : table.substring(0, at);
	}

	/**
	 * The counties whose records some person ties to another county's (a cadre with posts in two; migration V27): the
	 * figures of several counties add up to their province's there only while nothing changes in them.
	 */
	public List<Long> entangledCounties() {
		return jdbc.sql("SELECT county_id FROM county_entangled ORDER BY county_id").query(Long.class).list();
	}

	/** The change counts of these tables as the database has them now. */
	Stamps read(Collection<String> tables) {
		Map<String, Long> changes = new HashMap<>();
		Set<String> written = new HashSet<>();
		long[] counter = { 0 };
		Set<String> plain = new LinkedHashSet<>();
		Map<String, Map<Long, Long>> byCounty = new HashMap<>();
		for (String name : tables) {
			int at = name.indexOf('@');
			plain.add(at < 0 ? name : name.substring(0, at));
			if (at >= 0) {
				byCounty.put(name.substring(0, at), new HashMap<>());
			}
		}
		jdbc.sql("""
				SELECT CAST('change_stamp'::regclass AS oid)::bigint, t,
				       (SELECT COALESCE(sum(changes), 0) FROM change_stamp WHERE table_name = t),
				       COALESCE(current_setting('banzi_changed.' || t, true) = '1', false)
				  FROM unnest(CAST(:tables AS text[])) AS t
				""")
			.param("tables", plain.toArray(String[]::new))
			.query(rs -> {
				counter[0] = rs.getLong(1);
				changes.put(rs.getString(2), rs.getLong(3));
				if (rs.getBoolean(4)) {
					written.add(rs.getString(2));
				}
			});
		if (!byCounty.isEmpty()) {
			jdbc.sql("""
					SELECT table_name, county_id, sum(changes) FROM change_stamp_county
					 WHERE table_name = ANY (CAST(:tables AS text[])) GROUP BY table_name, county_id
					""")
				.param("tables", byCounty.keySet().toArray(String[]::new))
				.query(rs -> {
					byCounty.get(rs.getString(1)).put(rs.getLong(2), rs.getLong(3));
				});
			for (String name : tables) {
				int at = name.indexOf('@');
				if (at >= 0) {
					String table = name.substring(0, at);
					Map<Long, Long> counts = byCounty.get(table);
					long sum = 0;
					for (String county : name.substring(at + 1).split(",")) {
						sum += counts.getOrDefault(Long.parseLong(county), 0L);
					}
					changes.put(name, sum);
					if (written.contains(table)) {
						written.add(name);
					}
				}
			}
		}
		return new Stamps(counter[0], changes, written);
	}

	/**
	 * The result kept for {@code key} if none of {@code tables} has changed since, as {@code stamps} read them; empty
	 * if there is none (then {@link #remember} computes it).
	 */
	@SuppressWarnings("unchecked")
	public <T> Optional<T> kept(List<Object> key, List<String> tables, Stamps stamps) {
		Stamp now = stamps.of(tables);
		if (now.writtenHere()) {
			return Optional.empty();
		}
		synchronized (kept) {
			return (Optional<T>) hit(key, now);
		}
	}

	/** The value kept for the key if it was computed from the records of this stamp, counted as a hit (holding kept). */
	private Optional<Object> hit(List<Object> key, Stamp now) {
		Kept found = kept.get(key);
		if (found == null || !found.stamp().equals(now)) {
			return Optional.empty();
		}
		kept.put(key, found.asked(System.nanoTime()));
		hits.increment();
		return Optional.of(found.value());
	}

	/** A result being computed from the records of one stamp; whoever else asks for it meanwhile waits for it. */
	private record InFlight(Stamp stamp, CompletableFuture<Object> result) {

		Object await() {
			try {
				return result.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for a result being computed", ex);
			}
			catch (ExecutionException ex) {
				throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex.getCause());
			}
		}
	}

	/** Computes {@code flight}'s result, keeps it through {@code keep}, and lets whoever waits for it have it. */
	private Object run(List<Object> key, InFlight flight, Supplier<?> compute, Consumer<Object> keep) {
		try {
			Object value = compute.get();
			keep.accept(value);
			flight.result().complete(value);
			return value;
		}
		catch (RuntimeException ex) {
			flight.result().completeExceptionally(ex);
			throw ex;
		}
		finally {
			synchronized (kept) {
				computing.remove(key, flight);
			}
		}
	}

	/** Keeps a result if no change to its tables committed while it was computed (as the database has them now). */
	private void keep(List<Object> key, Stamp before, Kept result) {
		if (read(result.tables()).of(result.tables()).equals(before)) {
			synchronized (kept) {
				kept.put(key, result);
			}
		}
	}

	/**
	 * Every few seconds, the kept results whose tables changed are computed again, by one instance at a time: with
	 * several instances on one database, two never recompute side by side (each keeps its own results, and refreshes
	 * them when its turn comes; a result asked for before is computed on the spot).
	 */
	@Scheduled(fixedDelayString = "PT5S", initialDelayString = "PT30S")
	@SchedulerLock(name = "kept-results-refresh", lockAtMostFor = "PT5M")
	void refreshInTheBackground() {
		if (refreshing) {
			refresh(SPACING, RECENT);
		}
	}

	/**
	 * Computes again, one after another, the results asked for within {@code recent} whose tables changed and that
	 * this did not compute again within {@code spacing}: the next ask is likely to find them fresh. Returns how many.
	 */
	int refresh(Duration spacing, Duration recent) {
		long now = System.nanoTime();
		List<Map.Entry<List<Object>, Kept>> due;
		synchronized (kept) {
			due = kept.entrySet().stream()
				.filter(entry -> now - entry.getValue().askedAt() < recent.toNanos()
						&& (entry.getValue().refreshedAt() == NEVER || now - entry.getValue().refreshedAt() >= spacing.toNanos()))
				.map(entry -> Map.entry(entry.getKey(), entry.getValue()))
				.toList();
		}
		int refreshed = 0;
		for (Map.Entry<List<Object>, Kept> entry : due) {
			List<Object> key = entry.getKey();
			Kept old = entry.getValue();
			Stamp current = stamp(old.tables());
			if (current.equals(old.stamp())) {
				continue;
			}
			InFlight mine = new InFlight(current, new CompletableFuture<>());
			synchronized (kept) {
				if (computing.putIfAbsent(key, mine) != null) {
					continue; // a request is computing it already
				}
			}
			try {
				run(key, mine, old.compute(),
						value -> keep(key, current, new Kept(current, value, old.tables(), old.compute(), old.askedAt(), System.nanoTime())));
				refreshed++;
				log.debug("kept result {} computed again", key);
			}
			catch (RuntimeException ex) {
				log.warn("kept result {} not computed again: {}", key, ex.toString());
			}
		}
		return refreshed;
	}

	/** The stamp of the tables, read in one query. */
	Stamp stamp(List<String> tables) {
		return stamps(tables).of(tables);
	}

	/** Folds the counts of database sessions that have ended into one row per table (and county): the sums stay the same. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@SchedulerLock(name = "change-stamps-fold", lockAtMostFor = "PT30M")
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
		int countiesFolded = jdbc.sql("""
				WITH gone AS (
				    DELETE FROM change_stamp_county s
				     WHERE backend <> 0 AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = s.backend)
				    RETURNING table_name, county_id, changes)
				INSERT INTO change_stamp_county (table_name, county_id, backend, changes)
				SELECT table_name, county_id, 0, sum(changes) FROM gone GROUP BY table_name, county_id
				ON CONFLICT (table_name, county_id, backend) DO UPDATE SET changes = change_stamp_county.changes + EXCLUDED.changes
				""").update();
		log.debug("change stamps folded for {} tables and {} tables by county", folded, countiesFolded);
	}
}
