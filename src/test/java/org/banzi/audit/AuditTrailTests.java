package org.banzi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.function.Consumer;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.platform.db.DatabaseProperties;
import org.banzi.platform.db.EmbeddedDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class AuditTrailTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditVerifier verifier;

	@Autowired
	DatabaseProperties database;

	@Autowired
	UserDetailsService accounts;

	@BeforeEach
	void someHistory() throws Exception {
		new Fixtures(mvc).units("%1$s,审计镇,TOWNSHIP,\n%1$s-1,审计村,VILLAGE,%1$s\n".formatted(unique("AU")));
	}

	@Test
	void aChangeIsRecordedWithWhoWhatAndBeforeAfter() throws Exception {
		String code = unique("AC");
		new Fixtures(mvc).units("%s,旧名,TOWNSHIP,\n".formatted(code));
		mvc.perform(post("/units/{code}", code).with(user(accounts.loadUserByUsername("admin"))).with(csrf())
			.param("code", code).param("name", "新名").param("type", "TOWNSHIP"));
		var record = jdbc.sql("SELECT * FROM audit_record WHERE action = 'update' AND object_id = ? ORDER BY seq DESC LIMIT 1")
			.param(code)
			.query(AuditTrail::map)
			.single();
		assertThat(record.actor()).isEqualTo("admin");
		assertThat(record.objectType()).isEqualTo("unit");
		assertThat(record.outcome()).isEqualTo("SUCCESS");
		assertThat(record.unitId()).isNotNull();
		assertThat(record.details()).isEqualTo("{\"name\":{\"after\":\"新名\",\"before\":\"旧名\"}}");
		assertThat(record.sourceAddress()).isEqualTo("127.0.0.1");
	}

	@Test
	void theVerifierPassesOnACleanTrail() {
		AuditVerifier.Result result = verifier.verify();
		assertThat(result.intact()).isTrue();
		assertThat(result.checked()).isEqualTo(jdbc.sql("SELECT count(*) FROM audit_record").query(Long.class).single());
	}

	@Test
	void theDatabaseRefusesToChangeOrDeleteARecord() {
		assertThatThrownBy(() -> jdbc.sql("UPDATE audit_record SET actor = 'x' WHERE seq = 1").update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_record WHERE seq = 1").update())
			.hasMessageContaining("append-only");
	}

	@Test
	void findsARecordWhoseContentWasAltered() throws Exception {
		long seq = middle();
		AuditVerifier.Result result = tampered(sql -> execute(sql,
				"UPDATE audit_record SET details = '{\"forged\":true}' WHERE seq = " + seq));
		assertThat(result.intact()).isFalse();
		assertThat(result.brokenAt()).isEqualTo(seq);
		assertThat(result.problem()).isEqualTo(AuditVerifier.Result.Problem.ALTERED);
	}

	@Test
	void findsADeletedRecord() throws Exception {
		long seq = middle();
		AuditVerifier.Result result = tampered(sql -> execute(sql, "DELETE FROM audit_record WHERE seq = " + seq));
		assertThat(result.intact()).isFalse();
		assertThat(result.brokenAt()).isEqualTo(seq);
		assertThat(result.problem()).isEqualTo(AuditVerifier.Result.Problem.MISSING);
	}

	@Test
	void findsADeletedRecordEvenWhenTheSequenceIsRenumbered() throws Exception {
		long seq = middle();
		AuditVerifier.Result result = tampered(sql -> {
			execute(sql, "DELETE FROM audit_record WHERE seq = " + seq);
			execute(sql, "UPDATE audit_record SET seq = seq - 1 WHERE seq > " + seq);
		});
		assertThat(result.intact()).isFalse();
		assertThat(result.brokenAt()).isEqualTo(seq);
	}

	@Test
	void findsTwoSwappedRecords() throws Exception {
		long seq = middle();
		AuditVerifier.Result result = tampered(sql -> {
			execute(sql, "UPDATE audit_record SET seq = -1 WHERE seq = " + seq);
			execute(sql, "UPDATE audit_record SET seq = " + seq + " WHERE seq = " + (seq + 1));
			execute(sql, "UPDATE audit_record SET seq = " + (seq + 1) + " WHERE seq = -1");
		});
		assertThat(result.intact()).isFalse();
		assertThat(result.brokenAt()).isEqualTo(seq);
		assertThat(result.problem()).isEqualTo(AuditVerifier.Result.Problem.CHAIN_BROKEN);
	}

	private long middle() {
		long count = jdbc.sql("SELECT count(*) FROM audit_record").query(Long.class).single();
		assertThat(count).isGreaterThan(3);
		return count / 2;
	}

	/** Tampers as the database superuser with the append-only trigger off, verifies, then rolls everything back. */
	private AuditVerifier.Result tampered(Consumer<Statement> tampering) throws Exception {
		EmbeddedDatabase embedded = EmbeddedDatabase.obtain(database.dataDir(), 0, false);
		try (Connection connection = DriverManager.getConnection(embedded.jdbcUrl(), "postgres",
				embedded.superuserPassword())) {
			connection.setAutoCommit(false);
			try (Statement sql = connection.createStatement()) {
				sql.execute("SET LOCAL session_replication_role = replica");
				tampering.accept(sql);
				return new AuditVerifier(JdbcClient.create(new SingleConnectionDataSource(connection, true))).verify();
			}
			finally {
				connection.rollback();
			}
		}
	}

	private static void execute(Statement sql, String statement) {
		try {
			sql.execute(statement);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
