package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class PoolSettingsTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	/**
	 * Every connection of the pool plans each statement for its own parameters, also a statement the driver has
	 * prepared on the server after running it often.
	 */
	@Test
	void everyPooledConnectionPlansForItsOwnParameters() throws Exception {
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				held.add(dataSource.getConnection());
			}
			for (Connection connection : held) {
				try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting('plan_cache_mode')")) {
					for (int run = 0; run < 7; run++) {
						try (ResultSet rows = statement.executeQuery()) {
							rows.next();
							assertThat(rows.getString(1)).isEqualTo("force_custom_plan");
						}
					}
				}
			}
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
		assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).isEqualTo("force_custom_plan");
	}

	/** A transaction that may write keeps the plans PostgreSQL settles on; a read-only one plans each statement. */
	@Test
	void aTransactionThatMayWriteKeepsTheSettledPlans() {
		TransactionTemplate writing = new TransactionTemplate(transactionManager);
		String whileWriting = writing.execute(status -> jdbc.sql("SHOW plan_cache_mode").query(String.class).single());
		assertThat(whileWriting).isEqualTo("auto");
		TransactionTemplate reading = new TransactionTemplate(transactionManager);
		reading.setReadOnly(true);
		String whileReading = reading.execute(status -> jdbc.sql("SHOW plan_cache_mode").query(String.class).single());
		assertThat(whileReading).isEqualTo("force_custom_plan");
		assertThat(jdbc.sql("SHOW plan_cache_mode").query(String.class).single()).as("after the writing transaction")
			.isEqualTo("force_custom_plan");
	}
}
