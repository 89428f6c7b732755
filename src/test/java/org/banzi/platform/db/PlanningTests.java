package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every connection of the pool plans each statement for its own parameters (DatabaseConfiguration.PLANS), so a
 * statement run many times over a scope's units still gets the plan its parameters call for.
 */
@IntegrationTest
class PlanningTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyStatementIsPlannedForItsOwnParameters() {
		// more runs than the pool has connections, so that each connection is asked
		IntStream.range(0, 40).forEach(i -> assertThat(jdbc.sql("SELECT current_setting('plan_cache_mode')").query(String.class)
			.single()).isEqualTo("force_custom_plan"));
	}
}
