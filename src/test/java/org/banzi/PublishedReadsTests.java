package org.banzi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Units;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A module reads another's tables only through the queries the owner publishes (TableOwnershipTests). That boundary
 * must cost nothing: each published query, used as a subquery, is folded into the plan by PostgreSQL, so a query
 * through it plans exactly as the same query on the table would. A published query that stops the folding (an
 * aggregate, DISTINCT, a LIMIT) fails here.
 */
@IntegrationTest
class PublishedReadsTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aQueryThroughAPublishedReadPlansAsOnTheTable() {
		Map<String, String> published = Map.of("cadre", Cadres.CADRE_NAMES, "post", Cadres.POSTS, "team_membership",
				Cadres.MEMBERSHIPS, "org_unit", Units.UNITS);
		Map<String, String> filters = Map.of("cadre", "id = 42", "post", "cadre_id = 42", "team_membership", "unit_id = 42",
				"org_unit", "id = 42");
		published.forEach((table, query) -> {
			List<String> direct = plan("SELECT 1 FROM " + table + " WHERE " + filters.get(table));
			List<String> through = plan("SELECT 1 FROM (" + query + ") published WHERE " + filters.get(table));
			assertThat(through).as("plan through the published read of " + table).isEqualTo(direct);
		});
		assertThat(plan("SELECT 1 FROM (" + Cadres.CADRES + ") c WHERE id = 42"))
			.isEqualTo(plan("SELECT 1 FROM cadre WHERE id = 42"));
		assertThat(plan("SELECT 1 FROM (SELECT DISTINCT cadre_id FROM team_membership) m WHERE cadre_id = 42"))
			.as("a read that cannot be folded plans differently").isNotEqualTo(plan("SELECT 1 FROM team_membership WHERE cadre_id = 42"));
	}

	private List<String> plan(String sql) {
		return jdbc.sql("EXPLAIN (COSTS OFF) " + sql).query(String.class).list();
	}
}
