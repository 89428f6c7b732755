package org.banzi.platform.db;

import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The pooled DataSource: on the external PostgreSQL when one is configured, else on the embedded one. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DatabaseConfiguration {

	@Bean
	DataSource dataSource(DatabaseProperties properties) {
		HikariDataSource dataSource = pool(properties);
		try {
			Durability.verify(dataSource, properties.allowUnsafe());
		}
		catch (RuntimeException ex) {
			dataSource.close();
			throw ex;
		}
		return dataSource;
	}

	private static HikariDataSource pool(DatabaseProperties properties) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("banzi");
		config.setMaximumPoolSize(properties.poolSize());
		if (properties.external()) {
			config.setJdbcUrl(properties.url());
			config.setUsername(properties.user());
			config.setPassword(properties.password());
		}
		else {
			EmbeddedDatabase embedded = EmbeddedDatabase.obtain(properties.dataDir(), properties.embeddedPort(),
					properties.embeddedFresh());
			config.setJdbcUrl(embedded.jdbcUrl());
			config.setUsername(EmbeddedDatabase.APP_USER);
			config.setPassword(embedded.password());
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
