package org.banzi.platform.db;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import org.banzi.ChildBanzi;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

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
		Map<String, String> passwords = Map.of("BANZI_ADMIN_PASSWORD", "Second-Copy-Passphrase-5", "BANZI_SECURITY_ADMIN_PASSWORD",
				"Second-Copy-Guardian-6");

		Process taken = ChildBanzi.start(dataDir.resolve("taken"), ChildBanzi.freePort(), passwords,
				List.of("--banzi.embedded-port=" + databasePort));
		assertThat(taken.waitFor(90, TimeUnit.SECONDS)).as("the second copy stops at once").isTrue();
		String said = Files.readString(ChildBanzi.log(dataDir.resolve("taken")));
		assertThat(taken.exitValue()).isNotZero();
		assertThat(said).contains("port " + databasePort).contains("BANZI_DB_EMBEDDED_PORT");

		int secondPort = ChildBanzi.freePort();
		Process beside = ChildBanzi.start(dataDir.resolve("beside"), secondPort, passwords, List.of("--banzi.embedded-port=0"));
		try {
			ChildBanzi.awaitLogin(secondPort, beside, dataDir.resolve("beside"));
			assertThat(ChildBanzi.status(http, firstPort, "/login")).as("the first copy still serves").isEqualTo(200);
		}
		finally {
			beside.destroy();
			if (!beside.waitFor(30, TimeUnit.SECONDS)) {
				beside.destroyForcibly();
			}
		}
	}
}
