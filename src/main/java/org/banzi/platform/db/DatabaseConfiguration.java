package org.banzi.platform.db;

import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The pooled DataSource: on the external PostgreSQL when one is configured, else on the embedded one. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DatabaseConfiguration {

	@Bean
	@Primary
	DataSource dataSource(DatabaseProperties properties, ReplicaProperties replica) {
		HikariDataSource dataSource = pool(properties);
		try {
			Durability.verify(dataSource, properties.allowUnsafe());
		}
		catch (RuntimeException ex) {
			dataSource.close();
			throw ex;
		}
		if (replica.url() == null) {
			return dataSource;
		}
		HikariConfig config = new HikariConfig();
		config.setPoolName("banzi-replica");
		config.setConnectionInitSql(OWN_PLANS);
		config.setMaximumPoolSize(properties.poolSize());
		config.setJdbcUrl(replica.url());
		config.setUsername(replica.user() != null ? replica.user() : dataSource.getUsername());
		config.setPassword(replica.password() != null ? replica.password() : dataSource.getPassword());
		config.setReadOnly(true);
		// a replica that is down costs a read a second at most before it goes to the primary
		config.setConnectionTimeout(1000);
		config.setInitializationFailTimeout(-1);
		ReadRouting routing = new ReadRouting(dataSource, new HikariDataSource(config), replica.maxLag());
		routing.check();
		return routing;
	}

	/** Measures the replica every second, when there is one. */
	@Bean
	ReplicaWatch replicaWatch(DataSource dataSource) {
		return new ReplicaWatch(dataSource instanceof ReadRouting routing ? routing : null);
	}

	/**
	 * Migrations run as the owner of the tables, on connections of their own: the embedded server's owner role, or
	 * the external database's {@code BANZI_DB_MIGRATION_USER} when given. The application itself runs as a role that
	 * owns nothing (db/migration/afterMigrate.sql grants what it may do).
	 */
	@Bean
	@FlywayDataSource
	DataSource migrationDataSource(DatabaseProperties properties) {
		if (properties.external()) {
			return new SimpleDriverDataSource(new org.postgresql.Driver(), properties.url(),
					properties.migrationUser() != null ? properties.migrationUser() : properties.user(),
					properties.migrationUser() != null ? properties.migrationPassword() : properties.password());
		}
		EmbeddedDatabase embedded = EmbeddedDatabase.obtain(properties.dataDir(), properties.embeddedPort(), properties.embeddedFresh());
		return new SimpleDriverDataSource(new org.postgresql.Driver(), embedded.jdbcUrl(), EmbeddedDatabase.APP_USER, embedded.password());
	}

	/** The role the application runs as, for the grants made after each migration. */
	@Bean
	FlywayConfigurationCustomizer runtimeRole(DatabaseProperties properties) {
		String role = properties.external() ? java.util.Objects.requireNonNullElse(properties.user(), "") : EmbeddedDatabase.RUNTIME_USER;
		return configuration -> configuration.placeholders(java.util.Map.of("runtime_role", role));
	}

	/**
	 * Every read is planned for its own parameters. After five runs of a prepared statement PostgreSQL may settle
	 * on one plan for any parameters. For a scope's units ({@code path >= :scopeLow AND path < :scopeHigh}) that plan
	 * expects one unit where a county has hundreds, and for a name's prefix ({@code LIKE :prefix}) it cannot use the
	 * name index: the unit page's counts took 2.6 ms instead of 0.65, the county's self-study list 567 ms instead of
	 * 0.2. Planning each run costs less than that for reads (docs/benchmarks.md); a transaction that may write goes
	 * back to PostgreSQL's default ({@link WritePlans}).
	 */
	static final String OWN_PLANS = "SET plan_cache_mode = force_custom_plan";

	private static HikariDataSource pool(DatabaseProperties properties) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("banzi");
		config.setConnectionInitSql(OWN_PLANS);
		config.setMaximumPoolSize(properties.poolSize());
		// a batch of inserts goes as statements of many rows each, not one statement a row: each statement runs the
		// tables' statement triggers once (the change stamps, migration V27), and sends fewer messages
		config.addDataSourceProperty("reWriteBatchedInserts", "true");
		if (properties.external()) {
			config.setJdbcUrl(properties.url());
			config.setUsername(properties.user());
			config.setPassword(properties.password());
		}
		else {
			EmbeddedDatabase embedded = EmbeddedDatabase.obtain(properties.dataDir(), properties.embeddedPort(),
					properties.embeddedFresh());
			config.setJdbcUrl(embedded.jdbcUrl());
			config.setUsername(EmbeddedDatabase.RUNTIME_USER);
			config.setPassword(embedded.runtimePassword());
			embedded.use();
			// the pool is closed last in the application's shutdown: then the embedded server may stop
			return new HikariDataSource(config) {
				private final AtomicBoolean closed = new AtomicBoolean();

				@Override
				public void close() {
					super.close();
					if (closed.compareAndSet(false, true)) {
						embedded.letGo();
					}
				}
			};
		}
		return new HikariDataSource(config);
	}
}
