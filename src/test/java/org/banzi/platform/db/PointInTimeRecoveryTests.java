package org.banzi.platform.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point-in-time recovery as docs/operations.md sets it up for an external PostgreSQL: WAL archived as each segment
 * fills, a base backup, and a restore of that backup replaying the archive up to a moment between two commits. The
 * restored server has the first and not the second. (The base backup is taken with the server's own backup functions
 * and a file copy, which is what pg_basebackup does over a connection.)
 */
class PointInTimeRecoveryTests {

	@TempDir
	Path dir;

	@Test
	void aBaseBackupAndTheArchivedWalRestoreToAMomentBetweenTwoWrites() throws Exception {
		Path data = dir.resolve("primary");
		Path archive = Files.createDirectories(dir.resolve("archive"));
		Path backup = dir.resolve("restored");
		String target;
		try (EmbeddedPostgres primary = EmbeddedPostgres.builder().setDataDirectory(data.toFile()).setCleanDataDirectory(true)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "100")
			.setServerConfig("wal_level", "replica")
			.setServerConfig("archive_mode", "on")
			.start(); Connection db = DriverManager.getConnection(primary.getJdbcUrl("postgres", "postgres"), "postgres", "")) {
			// as docs/operations.md sets it (a server's command line cannot carry the command's spaces; ALTER SYSTEM can)
			execute(db, "ALTER SYSTEM SET archive_command = 'test ! -f \"" + archive + "/%f\" && cp \"%p\" \"" + archive + "/%f\"'");
			execute(db, "SELECT pg_reload_conf()");
			execute(db, "CREATE TABLE ledger (note text PRIMARY KEY)");
			execute(db, "INSERT INTO ledger VALUES ('before the backup')");

			StandbyCopies.baseBackup(db, data, backup, true);

			execute(db, "INSERT INTO ledger VALUES ('first')");
			Thread.sleep(1100);
			target = single(db, "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'");
			Thread.sleep(1100);
			execute(db, "INSERT INTO ledger VALUES ('second')");
			String segment = single(db, "SELECT pg_walfile_name(pg_current_wal_lsn())");
			execute(db, "SELECT pg_switch_wal()");
			Instant until = Instant.now().plus(Duration.ofSeconds(60));
			while (!Files.exists(archive.resolve(segment))) {
				assertThat(Instant.now()).as("the segment holding both writes is archived").isBefore(until);
				Thread.sleep(200);
			}
		}

		// the restore: the backup's files, told where the archive is and when to stop
		Files.writeString(backup.resolve("postgresql.auto.conf"), String.join("\n",
				"restore_command = 'cp \"" + archive + "/%f\" \"%p\"'",
				"recovery_target_time = '" + target + "'",
				"recovery_target_action = 'promote'",
				"archive_mode = off",
				"listen_addresses = '127.0.0.1'", ""), java.nio.file.StandardOpenOption.APPEND);
		Files.createFile(backup.resolve("recovery.signal"));
		int port = org.banzi.ChildBanzi.freePort();
		Process server = StandbyCopies.start(backup, port, dir.resolve("restore.log"));
		try (Connection restored = StandbyCopies.connect(port, server, dir.resolve("restore.log"))) {
			Instant until = Instant.now().plus(Duration.ofSeconds(60));
			while ("t".equals(single(restored, "SELECT pg_is_in_recovery()"))) {
				assertThat(Instant.now()).as("recovery ends at the target").isBefore(until);
				Thread.sleep(200);
			}
			List<String> notes = new ArrayList<>();
			try (Statement statement = restored.createStatement(); ResultSet rows = statement.executeQuery("SELECT note FROM ledger ORDER BY note")) {
				while (rows.next()) {
					notes.add(rows.getString(1));
				}
			}
			assertThat(notes).as("restored to the moment between the two writes").containsExactlyInAnyOrder("before the backup", "first");
		}
		finally {
			server.destroy();
			assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the restored server stops").isTrue();
		}
	}

	private static void execute(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String single(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}
}
