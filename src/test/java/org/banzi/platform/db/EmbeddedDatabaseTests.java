package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded server: password required, loopback only, every commit flushed, and nothing committed lost when the JVM
 * is killed; a server that does not flush is refused.
 */
class EmbeddedDatabaseTests {

	@TempDir
	Path dataDir;

	@Test
	void requiresThePasswordGeneratedAtFirstStartAndListensOnLoopbackOnly() throws Exception {
		EmbeddedDatabase database = EmbeddedDatabase.obtain(dataDir, 0, false);
		try {
			Path credentials = dataDir.resolve("db-credentials.properties");
			assertThat(Files.getPosixFilePermissions(credentials))
				.containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
			assertThat(Files.readString(credentials)).contains(database.password());
			assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.APP_USER, "wrong"))
				.hasMessageContaining("password authentication failed");
			assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", ""))
				.isInstanceOf(java.sql.SQLException.class);
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.APP_USER,
					database.password()); Statement sql = connection.createStatement();
					ResultSet listen = sql.executeQuery("SHOW listen_addresses")) {
				listen.next();
				assertThat(listen.getString(1)).isEqualTo("127.0.0.1");
			}
		}
		finally {
			database.close();
		}
	}

	/** A second Banzi beside a first one: its port taken, it says so at once instead of waiting for PostgreSQL. */
	@Test
	void aTakenPortIsNamedWithTheSettingThatMovesIt() throws Exception {
		try (java.net.ServerSocket first = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			int port = first.getLocalPort();
			assertThatThrownBy(() -> EmbeddedDatabase.obtain(dataDir.resolve("second"), port, false))
				.hasMessageContaining("port " + port).hasMessageContaining("BANZI_DB_EMBEDDED_PORT");
			assertThat(dataDir.resolve("second").resolve("pg").resolve("postgresql.conf")).as("nothing set up").doesNotExist();
		}
	}

	@Test
	void runsWithEveryCommitFlushedToDisk() throws Exception {
		EmbeddedDatabase database = EmbeddedDatabase.obtain(dataDir, 0, false);
		try (HikariDataSource pool = pool(database.jdbcUrl(), EmbeddedDatabase.APP_USER, database.password())) {
			assertThat(Durability.settings(pool)).containsExactly(entry("fsync", "on"), entry("full_page_writes", "on"),
					entry("synchronous_commit", "on"));
			assertThat(Durability.verify(pool, false)).isEmpty();
		}
		finally {
			database.close();
		}
	}

	@Test
	void refusesAServerThatDoesNotFlushUnlessToldTheDatabaseIsThrowAway() throws Exception {
		// the library's own defaults: -F (fsync off) and synchronous_commit=off, as a careless external server might run
		try (EmbeddedPostgres unsafe = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("unsafe").toFile())
				.setServerConfig("listen_addresses", "127.0.0.1").start();
				HikariDataSource pool = pool(unsafe.getJdbcUrl("postgres", "postgres"), "postgres", "")) {
			assertThatThrownBy(() -> Durability.verify(pool, false)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("fsync=off")
				.hasMessageContaining("synchronous_commit=off")
				.hasMessageContaining("BANZI_DB_ALLOW_UNSAFE");
			assertThat(Durability.verify(pool, true)).containsExactly("fsync=off", "synchronous_commit=off");
		}
	}

	private static HikariDataSource pool(String url, String user, String password) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(1);
		return new HikariDataSource(config);
	}

	@Test
	void aKilledJvmLosesNothingCommittedAndTheNextStartRecovers() throws Exception {
		String note = "written-before-kill-" + System.nanoTime();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path")));
		String workingDir = System.getProperty("ot.epg.working-dir");
		if (workingDir != null) {
			command.add("-Dot.epg.working-dir=" + workingDir);
		}
		command.addAll(List.of(CrashingChild.class.getName(), dataDir.toString(), note));
		Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
			String line;
			boolean committed = false;
			while ((line = out.readLine()) != null) {
				if (line.contains("COMMITTED")) {
					committed = true;
					break;
				}
			}
			assertThat(committed).as("the child committed its row").isTrue();
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(dataDir.resolve("pg/postmaster.pid")).as("the server outlived the JVM").exists();

		EmbeddedDatabase restarted = EmbeddedDatabase.obtain(dataDir, 0, false);
		try (Connection connection = DriverManager.getConnection(restarted.jdbcUrl(), EmbeddedDatabase.APP_USER,
				restarted.password()); Statement sql = connection.createStatement();
				ResultSet rows = sql.executeQuery("SELECT note FROM survivor")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo(note);
		}
		finally {
			restarted.close();
		}
		assertThat(Set.of(Files.list(dataDir).map(path -> path.getFileName().toString()).toArray()))
			.contains("pg", "db-credentials.properties");
	}
}
