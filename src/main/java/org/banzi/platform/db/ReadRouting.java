package org.banzi.platform.db;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The application's DataSource when a replica is configured: a connection comes from the replica while the thread
 * serves a read the replica may answer ({@link ReplicaReads}), outside any read-write transaction, and
 * the replica is up and no more than {@code maxLag} behind; from the primary otherwise, and whenever the replica
 * cannot give one. {@link #check()} measures the replica, every second.
 */
public final class ReadRouting extends AbstractDataSource implements Closeable {

	private static final Logger log = LoggerFactory.getLogger(ReadRouting.class);
	private static final ThreadLocal<Boolean> REPLICA_READ = new ThreadLocal<>();

	private final HikariDataSource primary;
	private final HikariDataSource replica;
	private final Duration maxLag;
	private volatile boolean usable;
	private volatile double lagSeconds = Double.NaN;

	ReadRouting(HikariDataSource primary, HikariDataSource replica, Duration maxLag) {
		this.primary = primary;
		this.replica = replica;
		this.maxLag = maxLag;
	}

	/** Marks the calling thread as serving a read the replica may answer, or no longer ({@link ReplicaReads}). */
	static void markReplicaRead(boolean replicaRead) {
		if (replicaRead) {
			REPLICA_READ.set(Boolean.TRUE);
		}
		else {
			REPLICA_READ.remove();
		}
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (toReplica()) {
			try {
				return replica.getConnection();
			}
			catch (SQLException ex) {
				usable = false;
				log.warn("The replica gave no connection ({}); reading the primary", ex.getMessage());
			}
		}
		return primary.getConnection();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return primary.getConnection(username, password);
	}

	private boolean toReplica() {
		if (!Boolean.TRUE.equals(REPLICA_READ.get()) || !usable) {
			return false;
		}
		// a transaction that writes reads what it wrote: on the primary
		return !TransactionSynchronizationManager.isActualTransactionActive() || TransactionSynchronizationManager.isCurrentTransactionReadOnly();
	}

	/**
	 * Measures the replica: up, in recovery, and behind the primary by the time since the last transaction it replayed
	 * when it has not replayed all the primary has written (a replica that has is not behind at all).
	 */
	void check() {
		try (Connection onPrimary = primary.getConnection(); Connection onReplica = replica.getConnection()) {
			String written = single(onPrimary, "SELECT pg_current_wal_lsn()::text");
			try (Statement statement = onReplica.createStatement(); ResultSet row = statement.executeQuery("""
					SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn),
					       COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0)
					""".replace("?", "'" + written + "'"))) {
				row.next();
				boolean standby = row.getBoolean(1);
				double lag = row.getBoolean(2) ? 0 : row.getDouble(3);
				update(standby, lag);
			}
		}
		catch (SQLException ex) {
			if (usable) {
				log.warn("The replica is not usable ({}); reading the primary", ex.getMessage());
			}
			usable = false;
			lagSeconds = Double.NaN;
		}
	}

	void update(boolean standby, double lag) {
		boolean now = standby && lag <= maxLag.toMillis() / 1000.0;
		if (now != usable) {
			log.info(now ? "Reading the replica again (behind by {} s)" : "The replica is behind by {} s or not a standby: reading the primary",
					String.format("%.1f", lag));
		}
		lagSeconds = lag;
		usable = now;
	}

	public boolean usable() {
		return usable;
	}

	public double lagSeconds() {
		return lagSeconds;
	}

	/** The primary itself: for what must never read or write the replica, such as page sessions. */
	public static DataSource primaryOf(DataSource dataSource) {
		return dataSource instanceof ReadRouting routing ? routing.primary : dataSource;
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
			row.next();
			return row.getString(1);
		}
	}

	@Override
	public void close() {
		replica.close();
		primary.close();
	}
}
