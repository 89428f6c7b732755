package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A second Banzi started on the same machine as a running one (this test's own): given the first one's embedded
 * database port, it stops at once and names the setting that moves it; given another port, it runs beside the first,
 * both serving their login pages.
 */
@IntegrationTest
class TwoCopiesTests {

	@Autowired
	DataSource dataSource;

	@LocalServerPort
	int firstPort;

	@TempDir
	Path dataDir;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aSecondCopyOnATakenPortSaysSoAndOnAnotherPortRunsBeside() throws Exception {
		int databasePort;
		try (Connection connection = dataSource.getConnection()) {
			Matcher url = Pattern.compile(":(\\d+)/").matcher(connection.getMetaData().getURL());
			assertThat(url.find()).isTrue();
			databasePort = Integer.parseInt(url.group(1));
		}

		Process taken = start(dataDir.resolve("taken"), databasePort, freePort());
		assertThat(taken.waitFor(90, TimeUnit.SECONDS)).as("the second copy stops at once").isTrue();
		String said = Files.readString(dataDir.resolve("taken").resolve("server.log"));
		assertThat(taken.exitValue()).isNotZero();
		assertThat(said).contains("port " + databasePort).contains("BANZI_DB_EMBEDDED_PORT");

		int secondPort = freePort();
		Process beside = start(dataDir.resolve("beside"), 0, secondPort);
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (status(secondPort) != 200) {
				assertThat(beside.isAlive()).as("the second copy runs: " + log(dataDir.resolve("beside"))).isTrue();
				assertThat(System.nanoTime()).as("the second copy serves its login page").isLessThan(deadline);
				Thread.sleep(500);
			}
			assertThat(status(firstPort)).as("the first copy still serves").isEqualTo(200);
		}
		finally {
			beside.destroy();
			if (!beside.waitFor(30, TimeUnit.SECONDS)) {
				beside.destroyForcibly();
			}
		}
	}

	Process start(Path dir, int databasePort, int serverPort) throws Exception {
		Files.createDirectories(dir);
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
				"-cp", System.getProperty("java.class.path")));
		String workingDir = System.getProperty("ot.epg.working-dir");
		if (workingDir != null) {
			command.add("-Dot.epg.working-dir=" + workingDir);
		}
		command.addAll(List.of("org.banzi.BanziApplication", "--banzi.data-dir=" + dir, "--banzi.embedded-port=" + databasePort,
				"--server.port=" + serverPort, "--banzi.memo.refresh=false", "--banzi.demo=", "--spring.main.banner-mode=off",
				"--management.server.port=0"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
		builder.environment().put("BANZI_ADMIN_PASSWORD", "Second-Copy-Passphrase-5");
		builder.environment().put("BANZI_SECURITY_ADMIN_PASSWORD", "Second-Copy-Guardian-6");
		return builder.start();
	}

	int status(int port) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	static String log(Path dir) {
		try {
			String text = Files.readString(dir.resolve("server.log"));
			return text.substring(Math.max(0, text.length() - 2000));
		}
		catch (Exception ex) {
			return "";
		}
	}

	static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
