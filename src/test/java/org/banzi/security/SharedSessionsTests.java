package org.banzi.security;

import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.banzi.ChildBanzi;
import org.banzi.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database with {@code BANZI_SESSIONS=database}: a user signed in on the first is signed in on
 * the second, and stays signed in when the first is killed.
 */
class SharedSessionsTests {

	static final String ADMIN_PASSWORD = "Shared-Sessions-Passphrase-3";

	@TempDir
	Path dir;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void aSessionSignedInOnOneInstanceHoldsOnTheOtherAndOutlivesTheFirst() throws Exception {
		int databasePort = ChildBanzi.freePort();
		int firstPort = ChildBanzi.freePort();
		int secondPort = ChildBanzi.freePort();
		Map<String, String> shared = new HashMap<>(Map.of("BANZI_SESSIONS", "database", "BANZI_ADMIN_PASSWORD", ADMIN_PASSWORD,
				"BANZI_SECURITY_ADMIN_PASSWORD", ADMIN_PASSWORD + "-guardian", "BANZI_SECRET_KEY", randomKey(), "BANZI_AUDIT_KEY", randomKey()));
		Path firstData = dir.resolve("first");
		Process first = ChildBanzi.start(firstData, firstPort, shared, List.of("--banzi.embedded-port=" + databasePort));
		Process second = null;
		try {
			ChildBanzi.awaitLogin(firstPort, first, firstData);
			// the second instance on the first one's database, as an external PostgreSQL
			Properties credentials = new Properties();
			try (Reader reader = Files.newBufferedReader(firstData.resolve("db-credentials.properties"))) {
				credentials.load(reader);
			}
			Map<String, String> external = new HashMap<>(shared);
			external.putAll(Map.of("BANZI_DB_URL", "jdbc:postgresql://127.0.0.1:" + databasePort + "/banzi",
					"BANZI_DB_USER", credentials.getProperty("runtime.username"), "BANZI_DB_PASSWORD", credentials.getProperty("runtime.password"),
					"BANZI_DB_MIGRATION_USER", credentials.getProperty("username"), "BANZI_DB_MIGRATION_PASSWORD", credentials.getProperty("password")));
			Path secondData = dir.resolve("second");
			second = ChildBanzi.start(secondData, secondPort, external, List.of());
			ChildBanzi.awaitLogin(secondPort, second, secondData);

			String clerk = "shared" + System.nanoTime() % 100000;
			int created = send(firstPort, "POST", "/api/accounts", null, "application/json", """
					{"username":"%s","displayName":"共享","roles":["UNIT_ADMIN"],"homeUnit":"COUNTY","password":"%s"}
					""".formatted(clerk, Fixtures.STRONG_PASSWORD), true).statusCode();
			assertThat(created).isEqualTo(201);

			String cookie = signIn(firstPort, clerk);
			// the session's first pages, at once on both instances: each may add the same attribute
			java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
			List<java.util.concurrent.Future<Integer>> pages = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				int port = i % 2 == 0 ? firstPort : secondPort;
				pages.add(pool.submit(() -> page(port, "/units", cookie)));
			}
			for (var answer : pages) {
				assertThat(answer.get()).as("a page of a session used on two instances at once").isEqualTo(200);
			}
			pool.shutdown();
			assertThat(page(firstPort, "/units", cookie)).as("signed in on the first").isEqualTo(200);
			assertThat(page(secondPort, "/units", cookie)).as("the same session on the second").isEqualTo(200);

			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(page(secondPort, "/units", cookie)).as("still signed in once the first instance is gone").isEqualTo(200);

		}
		finally {
			first.destroyForcibly();
			if (second != null) {
				second.destroy();
				second.waitFor(30, TimeUnit.SECONDS);
			}
			// the first instance's PostgreSQL outlives its JVM: stop it
			org.banzi.platform.db.EmbeddedDatabase.obtain(firstData, databasePort, false).close();
		}
	}

	/** Signs in through the login form; returns the session cookie. */
	String signIn(int port, String username) throws Exception {
		HttpResponse<String> login = send(port, "GET", "/login", null, null, null, false);
		String cookie = cookie(login, null);
		Matcher token = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(login.body());
		if (!token.find()) {
			token = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(login.body());
			assertThat(token.find()).as("the login form's CSRF token").isTrue();
		}
		String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(Fixtures.STRONG_PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = send(port, "POST", "/login", cookie, "application/x-www-form-urlencoded", form, false);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return cookie(signedIn, cookie);
	}

	int page(int port, String path, String cookie) throws Exception {
		return send(port, "GET", path, cookie, null, null, false).statusCode();
	}

	HttpResponse<String> send(int port, String method, String path, String cookie, String type, String body, boolean asAdmin)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		if (type != null) {
			request.header("Content-Type", type);
		}
		if (asAdmin) {
			request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The session cookie the answer sets, or the one sent before. */
	static String cookie(HttpResponse<?> response, String before) {
		return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).map(c -> c.split(";", 2)[0])
			.findFirst().orElse(before);
	}

	static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}
}
