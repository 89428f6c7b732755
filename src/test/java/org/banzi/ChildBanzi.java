package org.banzi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Banzi started in a JVM of its own, as an operator starts it: for tests of several instances, ports and restarts. */
public final class ChildBanzi {

	private ChildBanzi() {
	}

	/**
	 * Starts Banzi on {@code dataDir} and {@code serverPort} with the given environment and further arguments; its
	 * output goes to {@code server.log} in the data directory.
	 */
	public static Process start(Path dataDir, int serverPort, Map<String, String> environment, List<String> arguments) throws Exception {
		Files.createDirectories(dataDir);
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-cp",
				System.getProperty("java.class.path")));
		String workingDir = System.getProperty("ot.epg.working-dir");
		if (workingDir != null) {
			command.add("-Dot.epg.working-dir=" + workingDir);
		}
		command.addAll(List.of("org.banzi.BanziApplication", "--banzi.data-dir=" + dataDir, "--server.port=" + serverPort,
				"--banzi.memo.refresh=false", "--banzi.demo=", "--spring.main.banner-mode=off", "--management.server.port=0"));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(dataDir).toFile());
		builder.environment().putAll(environment);
		return builder.start();
	}

	public static Path log(Path dataDir) {
		return dataDir.resolve("server.log");
	}

	/** Waits until the instance serves its login page; fails, with the end of its log, if it stops or takes too long. */
	public static void awaitLogin(int port, Process server, Path dataDir) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
		while (status(http, port, "/login") != 200) {
			assertThat(server.isAlive()).as("the instance runs: " + tail(log(dataDir))).isTrue();
			assertThat(System.nanoTime()).as("the instance serves its login page").isLessThan(deadline);
			Thread.sleep(500);
		}
	}

	/** The status of a GET, or -1 when nothing answers. */
	public static int status(HttpClient http, int port, String path) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/** The last few thousand characters of a file, for a failure's message. */
	public static String tail(Path file) {
		try {
			String text = Files.readString(file);
			return text.substring(Math.max(0, text.length() - 3000));
		}
		catch (Exception ex) {
			return "";
		}
	}

	public static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
