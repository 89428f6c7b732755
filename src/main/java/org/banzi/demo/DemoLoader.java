package org.banzi.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.Role;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code banzi.demo=seed-county} ({@code BANZI_DEMO}), loads at start-up a county shaped like the seed's
 * under the root, for last year; with {@code province}, {@code banzi.demo-counties} such counties (default 100)
 * beneath the root, {@code banzi.demo-load-threads} (default 2) at a time. Each county is loaded once: a restart finds
 * it and skips it.
 */
@Component
@Order(100)
class DemoLoader implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

	private final CountyLoader loader;
	private final Units units;
	private final String dataset;
	private final long seed;
	private final int counties;
	private final int provinceSelfStudy;
	private final int threads;

	private final Clock clock;
	private final LockProvider locks;

	DemoLoader(CountyLoader loader, Units units, @Value("${banzi.demo:}") String dataset,
			@Value("${banzi.demo-seed:20261126}") long seed, @Value("${banzi.demo-counties:100}") int counties,
			@Value("${banzi.demo-province-self-study:8}") int provinceSelfStudy, @Value("${banzi.demo-load-threads:2}") int threads,
			Clock clock, LockProvider locks) {
		this.threads = Math.max(1, threads);
		this.clock = clock;
		this.locks = locks;
		this.loader = loader;
		this.units = units;
		this.dataset = dataset;
		this.seed = seed;
		this.counties = counties;
		this.provinceSelfStudy = provinceSelfStudy;
	}

	/** Loads the demo on one instance: another starting meanwhile leaves it to the first, which may resume a stopped load. */
	@Override
	public void run(ApplicationArguments args) {
		if (dataset.isBlank()) {
			return;
		}
		LockingTaskExecutor.TaskResult<Boolean> result;
		try {
			result = new DefaultLockingTaskExecutor(locks).executeWithLock(() -> {
				load();
				return true;
			}, new LockConfiguration(Instant.now(), "demo-load", Duration.ofHours(2), Duration.ZERO));
		}
		catch (Throwable ex) {
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex);
		}
		if (!result.wasExecuted()) {
			log.info("Another instance is loading the demo data set {}; this one leaves it to that one", dataset);
		}
	}

	private void load() {
		Unit root = units.root();
		CurrentUser demo = new CurrentUser(0, "demo", "Demo data", Set.of(Role.COUNTY_ADMIN, Role.TRAINING_ADMIN), root.id());
		int year = LocalDate.now(clock).getYear() - 1;
		switch (dataset) {
			case "seed-county" -> {
				if (loadCounty(new CountyGenerator("SC", year, seed), root.code(), null, demo)) {
					loader.analyze();
				}
			}
			case "province" -> loadProvince(root, demo, year);
			default -> throw new IllegalArgumentException("Unknown demo data set '" + dataset + "': use seed-county or province");
		}
	}

	/**
	 * The counties of a province, the first alone (the tables start empty) and the others side by side. The planner's
	 * statistics are refreshed as the tables double (after 1, 2, 4, 8 ... counties) and at the end, not after each.
	 */
	private void loadProvince(Unit root, CurrentUser demo, int year) {
		Instant start = Instant.now();
		loadCounty(new CountyGenerator("P001", year, seed + 1, provinceSelfStudy), "P001CC", root.code(), demo);
		loader.analyze();
		java.util.concurrent.atomic.AtomicInteger loaded = new java.util.concurrent.atomic.AtomicInteger(1);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
		try {
			List<java.util.concurrent.Future<?>> loads = new java.util.ArrayList<>();
			for (int c = 2; c <= counties; c++) {
				String prefix = String.format("P%03d", c);
				long countySeed = seed + c;
				loads.add(pool.submit(() -> {
					// the statistics are refreshed here as the tables double, not after each import of each county
					boolean[] fresh = new boolean[1];
					loader.withoutStatistics(() -> fresh[0] = loadCounty(new CountyGenerator(prefix, year, countySeed, provinceSelfStudy),
							prefix + "CC", root.code(), demo));
					// counted when loaded now: a county loaded before a restart changed no table
					if (fresh[0] && Integer.bitCount(loaded.incrementAndGet()) == 1) {
						loader.analyze();
					}
				}));
			}
			for (java.util.concurrent.Future<?> load : loads) {
				load.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("The demo province's load was interrupted", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		loader.analyze();
		log.info("Demo province of {} counties loaded in {} s ({} at a time)", counties, Duration.between(start, Instant.now()).toSeconds(),
				threads);
	}

	/** Loads one county; {@code parent} set: the county committee is a new unit under it, else the root is the county. */
	private boolean loadCounty(CountyGenerator county, String countyCode, @org.jspecify.annotations.Nullable String parent,
			CurrentUser demo) {
		String prefix = county.prefix;
		if (loader.loaded(prefix)) {
			log.info("Demo county {} is loaded already", prefix);
			return false;
		}
		Instant start = Instant.now();
		log.info("Loading demo county {} for {}", prefix, county.year);
		loader.load(county, countyCode, parent, demo,
				step -> log.info("Demo county {}: {} loaded after {} s", prefix, step, Duration.between(start, Instant.now()).toSeconds()));
		log.info("Demo county {} loaded in {} s", prefix, Duration.between(start, Instant.now()).toSeconds());
		return true;
	}
}
