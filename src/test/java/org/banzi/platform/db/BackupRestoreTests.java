package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The documented backup and restore scripts, run for real with pg_dump and pg_restore. */
@IntegrationTest
class BackupRestoreTests {

	@Autowired
	DatabaseProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Test
	void aBackupRestoresIntoAnEmptyDatabaseWithEveryRowAndAnIntactTrail() throws Exception {
		String code = Fixtures.unique("BK");
		new Fixtures(mvc).units(code + ",备份镇,TOWNSHIP,\n");
		EmbeddedDatabase embedded = EmbeddedDatabase.obtain(properties.dataDir(), 0, false);
		Path dump = Files.createTempFile("banzi", ".dump");
		run(List.of("scripts/backup.sh", dump.toString()), "banzi");
		assertThat(Files.size(dump)).isGreaterThan(1000);

		try (Connection admin = DriverManager.getConnection(embedded.jdbcUrl(), "postgres", embedded.superuserPassword());
				Statement sql = admin.createStatement()) {
			sql.execute("DROP DATABASE IF EXISTS restore_check");
			sql.execute("CREATE DATABASE restore_check OWNER banzi");
		}
		run(List.of("scripts/restore.sh", dump.toString()), "restore_check");

		String url = embedded.jdbcUrl().replace("/banzi", "/restore_check");
		JdbcClient restored = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(url,
				EmbeddedDatabase.APP_USER, embedded.password()));
		for (String table : List.of("org_unit", "account", "audit_record")) {
			long original = jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
			assertThat(restored.sql("SELECT count(*) FROM " + table).query(Long.class).single()).as(table).isEqualTo(original);
		}
		assertThat(restored.sql("SELECT name FROM org_unit WHERE code = ?").param(code).query(String.class).single())
			.isEqualTo("备份镇");
		assertThat(new org.banzi.audit.AuditVerifierAccess(restored).verify().intact()).isTrue();
	}

	private void run(List<String> command, String database) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("BANZI_DATA_DIR", properties.dataDir().toString());
		builder.environment().put("BANZI_DB_NAME", database);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}
}
