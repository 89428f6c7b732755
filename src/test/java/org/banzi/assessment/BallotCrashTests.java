package org.banzi.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.banzi.cadres.CadreMother;
import org.banzi.platform.db.EmbeddedDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jayway.jsonpath.JsonPath;

/**
 * Banzi in a JVM of its own takes ballots from eight voters at once and is killed with SIGKILL partway: after the next
 * start every acknowledged ballot is there, and every used code has exactly one ballot (no half ballot, none twice).
 */
class BallotCrashTests {

	private static final String PASSWORD = "Crash-Test-Passphrase-9";

	@TempDir
	Path dataDir;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	String base;

	@Test
	void aKilledServerKeepsEveryAcknowledgedBallotAndNoHalfBallot() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		base = "http://127.0.0.1:" + port;
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-cp", System.getProperty("java.class.path")));
		String workingDir = System.getProperty("ot.epg.working-dir");
		if (workingDir != null) {
			command.add("-Dot.epg.working-dir=" + workingDir);
		}
		command.addAll(List.of("org.banzi.BanziApplication", "--banzi.data-dir=" + dataDir, "--banzi.embedded-port=0",
				"--server.port=" + port, "--banzi.memo.refresh=false", "--banzi.demo=",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN", "--management.server.port=0"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile());
		// the first passwords as an operator sets them: the security administrator's must not become admin's too
		builder.environment().put("BANZI_ADMIN_PASSWORD", PASSWORD);
		builder.environment().put("BANZI_SECURITY_ADMIN_PASSWORD", PASSWORD + "-guardian");
		Process server = builder.start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (status("GET", "/login", null, null) != 200) {
				assertThat(System.nanoTime()).as("the server starts").isLessThan(deadline);
				Thread.sleep(500);
			}
			String cadre = "KC1";
			importCsv("/api/import/units", "code,name,type,parent_code\nKT,测评镇,TOWNSHIP,\n");
			importCsv("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
					+ CadreMother.cadreRow(cadre, "委员", 'M', LocalDate.of(1970, 1, 1), "副科级", "KT", 1) + "\n");
			importCsv("/api/import/team-members", "cadre_no,unit_code,team_role,start_date\n" + cadre + ",KT,SECRETARY,2020-01-01\n");
			String cycle = send("POST", "/api/assessment/cycles", "application/json", """
					{"year":%d,"unit":"KT","opens":"%s","closes":"%s"}""".formatted(LocalDate.now().getYear() - 1, LocalDate.now().minusDays(1),
					LocalDate.now().plusDays(1)));
			long cycleId = ((Number) JsonPath.read(cycle, "$.id")).longValue();
			List<String> tokens = JsonPath.read(send("POST", "/api/assessment/cycles/" + cycleId + "/appraisals", "application/json",
					"{\"unit\":\"KT\",\"voters\":200}"), "$.tokens");

			ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
			AtomicInteger next = new AtomicInteger();
			ExecutorService voters = Executors.newFixedThreadPool(8);
			for (int v = 0; v < 8; v++) {
				voters.submit(() -> {
					int i;
					while ((i = next.getAndIncrement()) < tokens.size()) {
						String token = tokens.get(i);
						int code = status("POST", "/api/ballots/" + token, "application/json",
								"{\"team\":\"GOOD\",\"members\":{\"" + cadre + "\":\"COMPETENT\"},\"comment\":\"\"}");
						if (code == 201) {
							acknowledged.add(token);
						}
						else if (code < 0) {
							return;
						}
					}
				});
			}
			while (acknowledged.size() < 60) {
				Thread.sleep(5);
			}
			server.destroyForcibly();
			assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
			voters.shutdown();
			assertThat(voters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
			assertThat(acknowledged.size()).as("killed partway").isBetween(60, 199);

			EmbeddedDatabase database = EmbeddedDatabase.obtain(dataDir, 0, false);
			try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.APP_USER, database.password())) {
				long ballots = count(connection, "SELECT count(*) FROM ballot WHERE filled");
				long used = count(connection, "SELECT count(*) FROM ballot_code WHERE used");
				assertThat(ballots).as("one ballot for each used code").isEqualTo(used);
				assertThat(ballots).as("every acknowledged ballot").isGreaterThanOrEqualTo(acknowledged.size());
				assertThat(count(connection, "SELECT count(*) FROM ballot WHERE filled AND (team_grade IS NULL OR member_grades = '')"))
					.as("no half ballot").isZero();
				try (PreparedStatement sql = connection.prepareStatement("SELECT used FROM ballot_code WHERE code_hash = ?")) {
					for (String token : acknowledged) {
						sql.setString(1, BallotBox.hash(token));
						try (ResultSet rows = sql.executeQuery()) {
							assertThat(rows.next() && rows.getBoolean(1)).as(token).isTrue();
						}
					}
				}
			}
			finally {
				database.close();
			}
		}
		finally {
			server.destroyForcibly();
		}
	}

	private static long count(Connection connection, String query) throws Exception {
		try (var sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
	}

	/** The status of a request, or -1 when the server does not answer. */
	int status(String method, String path, String type, String body) {
		try {
			HttpRequest.Builder builder = request(path);
			builder = body == null ? builder.method(method, HttpRequest.BodyPublishers.noBody())
					: builder.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
			return http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	String send(String method, String path, String type, String body) throws Exception {
		HttpResponse<String> response = http.send(request(path).header("Content-Type", type)
			.method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
		return response.body();
	}

	void importCsv(String path, String csv) throws Exception {
		String head = "--CRASH\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\nContent-Type: text/csv\r\n\r\n";
		send("POST", path, "multipart/form-data; boundary=CRASH", head + csv + "\r\n--CRASH--\r\n");
	}
}
