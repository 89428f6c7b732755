package org.banzi.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Gives the planner statistics for tables a bulk write has just filled. Until autovacuum analyzes them (about half a
 * minute later) PostgreSQL plans as if they were empty and picks sequential scans: a cadre's study page took 0.73 s
 * instead of 27 ms right after the demo loaded. Imports of at least {@code banzi.import.analyze-after-rows} rows
 * (default 5,000) analyze the tables they wrote once their transaction commits; a bulk load calls {@link #analyze}.
 */
@Component
public class BulkStatistics {

	private static final Logger log = LoggerFactory.getLogger(BulkStatistics.class);
	private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*");

	private static final ThreadLocal<Boolean> DEFERRED = ThreadLocal.withInitial(() -> false);

	private final DataSource dataSource;
	private final int threshold;

	BulkStatistics(DataSource dataSource, @Value("${banzi.import.analyze-after-rows:5000}") int threshold) {
		this.dataSource = dataSource;
		this.threshold = threshold;
	}

	/**
	 * After a write of {@code rows} rows to {@code tables}: when that reaches the threshold, analyze the tables after
	 * the current transaction commits (at once when there is none; never when it rolls back).
	 */
	public void afterBulkWrite(long rows, String... tables) {
		if (rows < threshold || tables.length == 0 || DEFERRED.get()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			analyze(tables);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED) {
					analyze(tables);
				}
			}
		});
	}

	/**
	 * Runs a bulk load whose caller refreshes the statistics itself, when the tables have grown enough to need it: the
	 * imports within do not analyze the tables they wrote.
	 */
	public void deferring(Runnable load) {
		boolean outer = DEFERRED.get();
		DEFERRED.set(true);
		try {
			load.run();
		}
		finally {
			DEFERRED.set(outer);
		}
	}

	/** Analyzes every table of the database now: after a bulk load that wrote to many. */
	public void analyzeAll() {
		run("SELECT banzi_analyze(NULL)", "the database");
	}

	/**
	 * Analyzes the tables now, on a connection of its own (outside any transaction of the caller, so that the
	 * statistics see committed rows). A failure is logged, not thrown: the rows are written, and autovacuum catches up.
	 */
	public void analyze(String... tables) {
		for (String table : tables) {
			if (!TABLE.matcher(table).matches()) {
				throw new IllegalArgumentException("Not a table name: " + table);
			}
		}
		// the application owns no table: the owner's function analyzes them (V18)
		run("SELECT banzi_analyze(ARRAY['" + String.join("','", tables) + "'])", String.join(", ", tables));
	}

	private void run(String statement, String what) {
		long start = System.nanoTime();
		try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
			connection.setAutoCommit(true);
			sql.execute(statement);
		}
		catch (SQLException ex) {
			log.warn("Could not analyze {} after a bulk write: {}", what, ex.getMessage());
			return;
		}
		log.info("Analyzed {} in {} ms", what, (System.nanoTime() - start) / 1_000_000);
	}
}
