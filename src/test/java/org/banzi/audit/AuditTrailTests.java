package org.banzi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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
	AuditKey key;

	@Autowired
	AuditCheckpoints checkpoints;

	@Autowired
	@org.springframework.beans.factory.annotation.Qualifier("migrationDataSource")
	javax.sql.DataSource migrationDataSource;

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

	@Autowired
	AuditTrail trail;

	@Autowired
	org.springframework.transaction.PlatformTransactionManager transactions;

	@Test
	void aLongTransactionsRecordDoesNotHoldUpAnotherTransactionsAndBothAreChainedInTheOrderTheyCommitted() throws Exception {
		String longOne = unique("long");
		String shortOne = unique("short");
		org.springframework.transaction.support.TransactionTemplate template = new org.springframework.transaction.support.TransactionTemplate(
				transactions);
		java.util.concurrent.CountDownLatch recorded = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
		try {
			// an import's transaction: its record made, then more work before it commits
			java.util.concurrent.Future<?> slow = threads.submit(() -> template.executeWithoutResult(status -> {
				trail.recordAs("importer", AuditEntry.success("import", "test", longOne, null, java.util.Map.of()));
				recorded.countDown();
				try {
					finish.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			recorded.await();
			java.util.concurrent.Future<?> quick = threads.submit(() -> template.executeWithoutResult(
					status -> trail.recordAs("clerk", AuditEntry.success("update", "test", shortOne, null, java.util.Map.of()))));
			quick.get(20, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE object_id = ?").param(longOne).query(Long.class).single())
				.as("the long transaction's record is not in until it commits").isZero();
			finish.countDown();
			slow.get(20, java.util.concurrent.TimeUnit.SECONDS);
		}
		finally {
			finish.countDown();
			threads.shutdownNow();
		}
		long shortSeq = jdbc.sql("SELECT seq FROM audit_record WHERE object_id = ?").param(shortOne).query(Long.class).single();
		long longSeq = jdbc.sql("SELECT seq FROM audit_record WHERE object_id = ?").param(longOne).query(Long.class).single();
		assertThat(longSeq).isGreaterThan(shortSeq);
		assertThat(verifier.verify().intact()).isTrue();
	}

	@Test
	void aTransactionThatRollsBackLeavesNoRecordAndOneThatCommitsKeepsItsRecordsInOrder() {
		String gone = unique("gone");
		String kept = unique("kept");
		org.springframework.transaction.support.TransactionTemplate template = new org.springframework.transaction.support.TransactionTemplate(
				transactions);
		assertThatThrownBy(() -> template.executeWithoutResult(status -> {
			trail.recordAs("clerk", AuditEntry.success("update", "test", gone, null, java.util.Map.of()));
			throw new IllegalStateException("refused");
		})).hasMessage("refused");
		template.executeWithoutResult(status -> {
			trail.recordAs("clerk", AuditEntry.success("first", "test", kept, null, java.util.Map.of()));
			trail.recordAs("clerk", AuditEntry.success("second", "test", kept, null, java.util.Map.of()));
		});
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE object_id = ?").param(gone).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT action FROM audit_record WHERE object_id = ? ORDER BY seq").param(kept).query(String.class).list())
			.containsExactly("first", "second");
	}

	@Test
	void theVerifierPassesOnACleanTrail() {
		checkpoints.write();
		AuditVerifier.Result result = verifier.verify();
		assertThat(result.intact()).isTrue();
		assertThat(result.checked()).isEqualTo(jdbc.sql("SELECT count(*) FROM audit_record").query(Long.class).single());
		assertThat(result.unsigned()).as("every record of a new trail is signed").isZero();
		assertThat(result.checkpoints()).isPositive();
		assertThat(checkpoints.read()).allMatch(AuditCheckpoints.Checkpoint::signed);
	}

	@Test
	void theAuditAdministratorVerifiesTheTrailOverTheApiAndNobodyElse() throws Exception {
		String auditor = unique("auditapi");
		new Fixtures(mvc).account(auditor, "COUNTY", "AUDIT_ADMIN");
		AuditVerifier.Result direct = verifier.verify();
		mvc.perform(get("/api/audit/verification").with(httpBasic(auditor, Fixtures.STRONG_PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.intact").value(direct.intact()))
			.andExpect(jsonPath("$.checked").value(org.hamcrest.Matchers.greaterThanOrEqualTo((int) direct.checked())))
			.andExpect(jsonPath("$.checkpoints").value(direct.checkpoints()));
		mvc.perform(get("/api/audit/verification").with(Fixtures.admin())).andExpect(status().isForbidden());
	}

	@Test
	void findsARecordRewrittenWithItsChainRecomputedByItsSignature() throws Exception {
		long seq = middle();
		AuditVerifier.Result result = tampered(sql -> rewrite(sql, seq, null));
		assertThat(result.intact()).isFalse();
		assertThat(result.brokenAt()).isEqualTo(seq);
		assertThat(result.problem()).isEqualTo(AuditVerifier.Result.Problem.FORGED);
	}

	@Test
	void findsHistoryRewrittenEvenWithTheKeyByTheCheckpoint() throws Exception {
		long seq = middle();
		long head = checkpoints.write().orElseThrow().seq();
		AuditVerifier.Result result = tampered(sql -> rewrite(sql, seq, key));
		assertThat(result.intact()).isFalse();
		assertThat(result.problem()).isEqualTo(AuditVerifier.Result.Problem.REWRITTEN);
		assertThat(result.brokenAt()).isBetween(seq, head);
	}

	@Test
	void findsRecordsCutOffTheEndByTheCheckpoint() throws Exception {
		long head = checkpoints.write().orElseThrow().seq();
		AuditVerifier.Result result = tampered(sql -> execute(sql, "DELETE FROM audit_record WHERE seq > " + (head - 2)));
		assertThat(result.intact()).isFalse();
		assertThat(result.problem()).isEqualTo(AuditVerifier.Result.Problem.TRUNCATED);
		assertThat(result.brokenAt()).isEqualTo(head - 1);
		assertThat(result.checked()).isEqualTo(head - 2);
	}

	@Test
	void findsACheckpointNotSignedWithTheKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
		java.nio.file.Path file = folder.resolve("checkpoints.log");
		AuditCheckpoints own = new AuditCheckpoints(jdbc, key, file, java.time.Clock.systemUTC());
		own.write();
		assertThat(new AuditVerifier(jdbc, key, own).verify().intact()).isTrue();
		// a checkpoint moved back, to hide what was cut off after it
		String line = java.nio.file.Files.readString(file);
		java.nio.file.Files.writeString(file, line.replaceFirst("seq=(\\d+)", "seq=1"));
		AuditVerifier.Result result = new AuditVerifier(jdbc, key, own).verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.problem()).isEqualTo(AuditVerifier.Result.Problem.CHECKPOINT_FORGED);
	}

	/**
	 * Rewrites a record's details and every hash from it to the end, as someone who knows the hashing but, without
	 * {@code signingKey}, not the key; with it, the signatures are made again too.
	 */
	private static void rewrite(Statement sql, long seq, @org.jspecify.annotations.Nullable AuditKey signingKey) {
		try {
			java.util.List<AuditRecord> tail = new java.util.ArrayList<>();
			try (var rs = sql.executeQuery("SELECT * FROM audit_record WHERE seq >= " + seq + " ORDER BY seq")) {
				while (rs.next()) {
					tail.add(AuditTrail.map(rs, 0));
				}
			}
			String previous = tail.get(0).prevHash();
			try (var update = sql.getConnection().prepareStatement("UPDATE audit_record SET details = ?, prev_hash = ?, hash = ?, mac = ? WHERE seq = ?")) {
				for (AuditRecord record : tail) {
					AuditRecord changed = new AuditRecord(record.seq(), record.occurredAt(), record.actor(), record.action(),
							record.objectType(), record.objectId(), record.unitId(), record.outcome(), record.sourceAddress(),
							record.seq() == seq ? "{\"forged\":true}" : record.details(), previous, "", null);
					String hash = AuditTrail.hash(changed);
					update.setString(1, changed.details());
					update.setString(2, previous);
					update.setString(3, hash);
					update.setString(4, signingKey != null ? signingKey.sign(hash) : record.mac());
					update.setLong(5, record.seq());
					update.executeUpdate();
					previous = hash;
				}
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theDatabaseRefusesToChangeOrDeleteARecord() {
		// the application's role may only add to the trail and read it
		assertThatThrownBy(() -> jdbc.sql("UPDATE audit_record SET actor = 'x' WHERE seq = 1").update())
			.rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_record WHERE seq = 1").update())
			.rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_record").update()).rootCause().hasMessageContaining("permission denied");
		assertThatThrownBy(() -> jdbc.sql("ALTER TABLE audit_record DISABLE TRIGGER USER").update()).rootCause().hasMessageContaining("owner");
		assertThatThrownBy(() -> jdbc.sql("DROP TABLE audit_record").update()).rootCause().hasMessageContaining("owner");
		// the owner, too, meets the append-only trigger
		JdbcClient owner = JdbcClient.create(migrationDataSource);
		assertThatThrownBy(() -> owner.sql("UPDATE audit_record SET actor = 'x' WHERE seq = 1").update())
			.rootCause().hasMessageContaining("append-only");
		assertThatThrownBy(() -> owner.sql("DELETE FROM audit_record WHERE seq = 1").update())
			.rootCause().hasMessageContaining("append-only");
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
			// renumbered in two steps, so no row meets another's number whatever order the rows are updated in
			execute(sql, "UPDATE audit_record SET seq = -seq WHERE seq > " + seq);
			execute(sql, "UPDATE audit_record SET seq = -seq - 1 WHERE seq < 0");
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
				return new AuditVerifier(JdbcClient.create(new SingleConnectionDataSource(connection, true)), key, checkpoints).verify();
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
