package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.banzi.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the application's role is granted after each migration, with objects of another role in the schema. */
@IntegrationTest
class RuntimeGrantsTests {

	@Autowired
	DatabaseProperties properties;

	@Autowired
	Flyway flyway;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFunctionAndATableOfAnotherRoleInTheSchemaLeaveTheGrantsToRunAndAreNotGranted() throws Exception {
		EmbeddedDatabase embedded = EmbeddedDatabase.obtain(properties.dataDir(), 0, false);
		try (Connection admin = DriverManager.getConnection(embedded.jdbcUrl(), "postgres", embedded.superuserPassword());
				Statement sql = admin.createStatement()) {
			// as an extension a database administrator installs would be: the superuser's, with no right for anyone else
			sql.execute("CREATE FUNCTION public.dba_only_reset() RETURNS int LANGUAGE sql AS 'SELECT 1'");
			sql.execute("REVOKE EXECUTE ON FUNCTION public.dba_only_reset() FROM PUBLIC");
			sql.execute("CREATE TABLE public.dba_only_statistics (n int)");
			try {
				flyway.migrate();

				assertThatThrownBy(() -> jdbc.sql("SELECT public.dba_only_reset()").query(Integer.class).single())
					.rootCause().hasMessageContaining("permission denied");
				assertThatThrownBy(() -> jdbc.sql("SELECT count(*) FROM public.dba_only_statistics").query(Long.class).single())
					.rootCause().hasMessageContaining("permission denied");
				// the application's own objects are granted as before, and the trail stays append-only
				assertThat(jdbc.sql("SELECT count(*) FROM org_unit").query(Long.class).single()).isPositive();
				assertThat(jdbc.sql("SELECT has_function_privilege(current_user, 'note_change()', 'EXECUTE')").query(Boolean.class)
					.single()).isTrue();
				assertThat(jdbc.sql("SELECT has_sequence_privilege(current_user, 'org_unit_id_seq', 'USAGE')").query(Boolean.class)
					.single()).isTrue();
				assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_record WHERE seq = 1").update())
					.rootCause().hasMessageContaining("permission denied");
			}
			finally {
				sql.execute("DROP FUNCTION public.dba_only_reset()");
				sql.execute("DROP TABLE public.dba_only_statistics");
			}
		}
	}
}
