package org.banzi.platform.db;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.banzi.ChildBanzi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Banzi on a primary with a streaming replica ({@code BANZI_DB_REPLICA_URL}): the listed reads go to the replica (a
 * unit recorded while its replay is paused is not in the list yet, though its own page shows it), a browser that has
 * just written reads the primary, a replica that stops or falls too far behind is left for the primary.
 */
class ReplicaRoutingTests {

	static final String PASSWORD = "Replica-Passphrase-4";

	@TempDir
	Path dir;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	int appPort;

	@Test
	void listsReadTheReplicaAWriterReadsThePrimaryAndAReplicaDownOrBehindIsLeft() throws Exception {
		Path primaryData = dir.resolve("primary");
		Path replicaData = dir.resolve("replica");
		int replicaPort = ChildBanzi.freePort();
		Process replica = null;
		Process app = null;
		try (EmbeddedPostgres primary = EmbeddedPostgres.builder().setDataDirectory(primaryData.toFile()).setCleanDataDirectory(true)
			.setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "100").setServerConfig("wal_level", "replica").setServerConfig("max_wal_senders", "4")
			.start(); Connection db = DriverManager.getConnection(primary.getJdbcUrl("postgres", "postgres"), "postgres", "")) {
			execute(db, "CREATE ROLE banzi LOGIN PASSWORD '" + PASSWORD + "'");
			execute(db, "CREATE DATABASE banzi OWNER banzi");

			// the replica: a base backup of the primary that follows it as a standby
			StandbyCopies.baseBackup(db, primaryData, replicaData, false);
			Files.writeString(replicaData.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port=" + primary.getPort()
					+ " user=postgres'\nhot_standby = on\n", java.nio.file.StandardOpenOption.APPEND);
			Files.createFile(replicaData.resolve("standby.signal"));
			replica = StandbyCopies.start(replicaData, replicaPort, dir.resolve("replica.log"));
			try (Connection standby = StandbyCopies.connect(replicaPort, replica, dir.resolve("replica.log"))) {
				assertThat(single(standby, "SELECT pg_is_in_recovery()")).isEqualTo("t");
			}

			appPort = ChildBanzi.freePort();
			app = ChildBanzi.start(dir.resolve("app"), appPort, Map.of("BANZI_DB_URL", "jdbc:postgresql://127.0.0.1:" + primary.getPort()
					+ "/banzi", "BANZI_DB_USER", "banzi", "BANZI_DB_PASSWORD", PASSWORD, "BANZI_DB_REPLICA_URL", "jdbc:postgresql://127.0.0.1:"
					+ replicaPort + "/banzi", "BANZI_DB_REPLICA_MAX_LAG", "1h", "BANZI_ADMIN_PASSWORD", PASSWORD, "BANZI_SECURITY_ADMIN_PASSWORD",
					PASSWORD + "-S"), List.of());
			ChildBanzi.awaitLogin(appPort, app, dir.resolve("app"));

			String first = "RA" + System.nanoTime() % 100000;
			assertThat(importUnit(first, null).statusCode()).isEqualTo(200);
			awaitListed(first);

			// replay paused on the replica: what the primary records now is not on the replica
			try (Connection standby = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres", "postgres", "")) {
				execute(standby, "SELECT pg_wal_replay_pause()");
			}
			String second = "RB" + System.nanoTime() % 100000;
			HttpResponse<String> written = importUnit(second, null);
			assertThat(written.statusCode()).isEqualTo(200);
			assertThat(get("/api/units/" + second, null).statusCode()).as("a unit's own page reads the primary").isEqualTo(200);
			assertThat(get("/api/units?size=500", null).body()).as("the list reads the replica, which has not replayed it").doesNotContain(second);
			String wroteCookie = written.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("banzi-read-primary-until="))
				.map(c -> c.split(";", 2)[0]).findFirst().orElseThrow();
			assertThat(get("/api/units?size=500", wroteCookie).body()).as("the writer reads the primary").contains(second);

			// the replica stopped (a fast shutdown: it does not wait for Banzi's connections to end): the list reads the primary
			new ProcessBuilder("kill", "-INT", String.valueOf(replica.pid())).start().waitFor();
			assertThat(replica.waitFor(60, TimeUnit.SECONDS)).isTrue();
			replica = null;
			awaitListed(second);
		}
		finally {
			if (app != null) {
				app.destroy();
				app.waitFor(30, TimeUnit.SECONDS);
			}
			if (replica != null) {
				replica.destroyForcibly();
			}
		}
	}

	@Test
	void aReplicaTooFarBehindIsLeftUntilItCatchesUp() {
		ReadRouting routing = new ReadRouting(new com.zaxxer.hikari.HikariDataSource(), new com.zaxxer.hikari.HikariDataSource(),
				Duration.ofSeconds(5));
		routing.update(true, 4.9);
		assertThat(routing.usable()).isTrue();
		routing.update(true, 5.1);
		assertThat(routing.usable()).as("behind by more than BANZI_DB_REPLICA_MAX_LAG").isFalse();
		routing.update(true, 0);
		assertThat(routing.usable()).isTrue();
		routing.update(false, 0);
		assertThat(routing.usable()).as("a server that is no longer a standby (promoted) is not read as the replica").isFalse();
	}

	void awaitListed(String code) throws Exception {
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		while (!get("/api/units?size=500", null).body().contains(code)) {
			assertThat(Instant.now()).as(code + " listed").isBefore(until);
			Thread.sleep(250);
		}
	}

	HttpResponse<String> importUnit(String code, String cookie) throws Exception {
		String boundary = "b" + System.nanoTime();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"units.csv\"\r\nContent-Type: text/csv\r\n\r\n"
				+ "code,name,type,parent_code\n" + code + ",副本镇,TOWNSHIP,\n\r\n--" + boundary + "--\r\n";
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/api/import/units"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Authorization", basic())
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path)).header("Authorization", basic());
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	static void execute(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement()) {
			statement.execute(sql);
		}
	}

	static String single(Connection db, String sql) throws Exception {
		try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}
}
