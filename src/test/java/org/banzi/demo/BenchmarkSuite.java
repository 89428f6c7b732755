package org.banzi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark suite: {@code ./mvnw -Pbenchmark test -Dbenchmark.dataset=seed-county}. Loads the data set once
 * (kept under target/bench-data-*), then measures each scenario over HTTP on loopback and writes
 * target/benchmarks/&lt;dataset&gt;.json and a Markdown table to append to docs/benchmarks.md. Not part of the test run.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BenchmarkSuite {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	final String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + IntegrationTest.ADMIN_PASSWORD).getBytes());
	final int year = LocalDate.now().getYear() - 1;
	final Map<String, Map<String, Object>> results = new LinkedHashMap<>();
	String session;

	record Stats(double median, double p95, double p99, double throughput, int count) {
	}

	static Stats stats(List<Double> millis, double seconds) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return new Stats(percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted.size() / seconds, sorted.size());
	}

	static double percentile(List<Double> sorted, double p) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	HttpResponse<byte[]> get(String path, boolean api) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
		if (api) {
			request.header("Authorization", basic);
		}
		else if (session != null) {
			request.header("Cookie", session);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	Stats measure(String name, int runs, Supplier<Integer> call) {
		return measure(name, runs, () -> {
		}, call);
	}

	/** As {@link #measure(String, int, Supplier)}, running {@code before} (not timed) ahead of every call. */
	Stats measure(String name, int runs, Runnable before, Supplier<Integer> call) {
		before.run();
		call.get();
		List<Double> times = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < runs; i++) {
			before.run();
			long t = System.nanoTime();
			int status = call.get();
			times.add((System.nanoTime() - t) / 1e6);
			assertThat(status).as(name).isEqualTo(200);
		}
		Stats stats = stats(times, (System.nanoTime() - start) / 1e9);
		record(name, stats, Map.of());
		return stats;
	}

	void record(String name, Stats stats, Map<String, Object> extra) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("median_ms", round(stats.median()));
		row.put("p95_ms", round(stats.p95()));
		row.put("p99_ms", round(stats.p99()));
		row.put("throughput_per_s", round(stats.throughput()));
		row.put("runs", stats.count());
		row.putAll(extra);
		results.put(name, row);
		System.out.printf(Locale.ROOT, "BENCHMARK %-40s median %8.1f ms  p95 %8.1f  p99 %8.1f  %7.1f/s %s%n", name, stats.median(),
				stats.p95(), stats.p99(), stats.throughput(), extra);
	}

	static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	Supplier<Integer> page(String path) {
		return () -> call(() -> get(path, false).statusCode());
	}

	Supplier<Integer> api(String path) {
		return () -> call(() -> get(path, true).statusCode());
	}

	static int call(java.util.concurrent.Callable<Integer> callable) {
		try {
			return callable.call();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/** A page session of an account that gives no one-time code: its cookie. */
	String formSession(String username, String password) throws Exception {
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		String csrf = login.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> signed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password + "&_csrf=" + csrf))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signed.headers().firstValue("Location").orElse("")).as("signed in").doesNotContain("error");
		return signed.headers().firstValue("Set-Cookie").map(value -> value.split(";")[0]).orElse(cookie);
	}

	/**
	 * A cadre of the county committee's team (the widest subtree a cadre's own page used to measure), with an account
	 * of their own: the page session of that account.
	 */
	String countyCommitteeMember() throws Exception {
		String number = jdbc.sql("""
				SELECT c.cadre_no FROM team_membership m JOIN cadre c ON c.id = m.cadre_id JOIN org_unit u ON u.id = m.unit_id
				 WHERE m.end_date IS NULL ORDER BY u.depth, c.cadre_no LIMIT 1
				""").query(String.class).single();
		String home = jdbc.sql("SELECT u.code FROM cadre c JOIN org_unit u ON u.id = c.home_unit_id WHERE c.cadre_no = ?").param(number)
			.query(String.class).single();
		String password = "Bench-Cadre-Passphrase-5";
		http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/accounts"))
			.header("Authorization", basic).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"%s\",\"displayName\":\"%s\",\"roles\":[\"CADRE\"],\"homeUnit\":\"%s\",\"password\":\"%s\"}"
				.formatted(number, number, home, password)))
			.build(), HttpResponse.BodyHandlers.ofString());
		return formSession(number, password);
	}

	Supplier<Integer> pageAs(String cookie, String path) {
		return () -> call(() -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Cookie", cookie)
			.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode());
	}

	void signIn() throws Exception {
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		String csrf = login.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> signed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookie)
			.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + IntegrationTest.ADMIN_PASSWORD + "&_csrf=" + csrf))
			.build(), HttpResponse.BodyHandlers.ofString());
		session = signed.headers().firstValue("Set-Cookie").map(value -> value.split(";")[0]).orElse(cookie);
		// the administrator's one-time code, from the key the bootstrap accounts are enrolled with
		HttpResponse<String> ask = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login/two-factor"))
			.header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
		String codeCsrf = ask.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> verified = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login/two-factor"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", session)
			.POST(HttpRequest.BodyPublishers.ofString("code=" + org.banzi.OneTimeCodes.next(org.banzi.OneTimeCodes.BOOTSTRAP_SECRET)
					+ "&_csrf=" + codeCsrf))
			.build(), HttpResponse.BodyHandlers.ofString());
		session = verified.headers().firstValue("Set-Cookie").map(value -> value.split(";")[0]).orElse(session);
	}

	@Test
	void run() throws Exception {
		String dataset = System.getProperty("benchmark.dataset", "seed-county");
		long cadres = jdbc.sql("SELECT count(*) FROM cadre").query(Long.class).single();
		long selfStudy = jdbc.sql("SELECT count(*) FROM self_study").query(Long.class).single();
		System.out.printf("BENCHMARK data set %s: %d cadres, %d self-study entries%n", dataset, cadres, selfStudy);
		signIn();
		measure("login page", 200, page("/login"));
		measure("dashboard", 20, page("/dashboard?year=" + year));
		measure("study compliance page", 20, page("/study?behindOnly=false&year=" + year));
		measure("study compliance API", 20, api("/api/study/compliance?year=" + year));
		measure("a county committee member's own study page", 50, pageAs(countyCommitteeMember(), "/my/study?year=" + year));
		measure("registry list (search by name)", 100, api("/api/cadres?q=%E7%8E%8B&size=50"));
		measure("registry list (filter by rank)", 100, api("/api/cadres?rank=SECTION_DEPUTY&size=50"));
		measure("training statistics API", 50, api("/api/training/statistics?from=" + year + "-01-01&to=" + year + "-12-31"));
		measure("training hours page", 10, page("/training/cadres?year=" + year));
		measure("tenure flags API", 10, api("/api/tenure-flags"));
		// kept results are computed again after a change to their tables: measured with no change, after a change to
		// the study records (what cadres log every day) and after a change to the units (everything computed again)
		measure("annual summary JSON (figures and problems), records unchanged", 30, api("/api/summary?year=" + year));
		measure("annual summary JSON (figures and problems), after a study change", 20, () -> touch("self_study"),
				api("/api/summary?year=" + year));
		measure("annual summary JSON (figures and problems), after a unit change", 20, () -> touch("org_unit"),
				api("/api/summary?year=" + year));
		Stats summary = measure("annual summary JSON (figures), after a unit change", 30, () -> touch("org_unit"),
				api("/api/summary?problems=false&year=" + year));
		measure("annual summary DOCX", 10, api("/api/summary.docx?year=" + year));
		measure("annual summary PDF", 10, api("/api/summary.pdf?year=" + year));
		Stats sql = measure("summary figures, one hand-written SQL", 30, () -> {
			jdbc.sql(HAND_WRITTEN).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
				.param("day", LocalDate.of(year, 12, 31)).query().listOfRows();
			return 200;
		});
		// the summary's figures are of the year and of the year before (shown beside each figure): the same records
		// are the hand-written SQL run for both years
		Stats both = measure("summary figures, the hand-written SQL for the year and the year before", 30, () -> {
			for (int shown : List.of(year, year - 1)) {
				jdbc.sql(HAND_WRITTEN).param("from", LocalDate.of(shown, 1, 1)).param("to", LocalDate.of(shown + 1, 1, 1))
					.param("day", LocalDate.of(shown, 12, 31)).query().listOfRows();
			}
			return 200;
		});
		results.get("annual summary JSON (figures), after a unit change").put("ratio_to_hand_written_sql", round(summary.median() / sql.median()));
		results.get("annual summary JSON (figures), after a unit change").put("ratio_to_hand_written_sql_both_years",
				round(summary.median() / both.median()));
		importSelfStudy(100_000);
		importSelfStudy(1_000_000);
		smallCommits();
		ballots();
		mixedLoad();
		Runtime runtime = Runtime.getRuntime();
		Map<String, Object> resources = new LinkedHashMap<>();
		resources.put("rss_mb_after_warm_up", rssMegabytes());
		resources.put("heap_used_mb", (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
		resources.put("jvm_uptime_s", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
		results.put("resources", resources);
		write(dataset, cadres, selfStudy);
	}

	/** A statement that changes no row still counts as a change to the table: kept results from it are stale. */
	void touch(String table) {
		jdbc.sql("UPDATE " + table + " SET created_at = created_at WHERE false").update();
	}

	/**
	 * Self-study rows through the import API, the request sent from a file on disk (not the suite's heap): time, the
	 * peak heap, and the most heap left after a collection during the import, against the heap before it.
	 */
	void importSelfStudy(int count) throws Exception {
		List<String> numbers = jdbc.sql("SELECT cadre_no FROM cadre c WHERE NOT EXISTS (SELECT 1 FROM team_membership t WHERE t.cadre_id = c.id)"
				+ " ORDER BY cadre_no LIMIT 1000").query(String.class).list();
		String run = Long.toString(System.currentTimeMillis(), 36);
		java.nio.file.Path request = java.nio.file.Files.createTempFile("bench-self-study-", ".multipart");
		try (var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(java.nio.file.Files.newOutputStream(request),
				StandardCharsets.UTF_8))) {
			out.write("--BENCH\r\nContent-Disposition: form-data; name=\"file\"; filename=\"self-study.csv\"\r\n"
					+ "Content-Type: text/csv\r\n\r\ncadre_no,date,hours,material\n");
			for (int i = 0; i < count; i++) {
				out.write(numbers.get(i % numbers.size()) + "," + LocalDate.of(year, 1, 1).plusDays(i / numbers.size() * 3 % 360)
						+ ",0.5,bench-" + run + "-" + i + "\n");
			}
			out.write("\r\n--BENCH--\r\n");
		}
		long fileBytes = java.nio.file.Files.size(request);
		List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
		System.gc();
		heap.forEach(MemoryPoolMXBean::resetPeakUsage);
		long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
		// the peak counts garbage not yet collected too (with a large heap, most of it): what the import holds is
		// better seen in the heap left after each collection during it
		java.util.Set<String> heapPools = heap.stream().map(MemoryPoolMXBean::getName).collect(java.util.stream.Collectors.toSet());
		java.util.concurrent.atomic.AtomicLong liveAfterGc = new java.util.concurrent.atomic.AtomicLong();
		java.util.concurrent.atomic.AtomicInteger collections = new java.util.concurrent.atomic.AtomicInteger();
		javax.management.NotificationListener onGc = (notification, handback) -> {
			if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
				var info = com.sun.management.GarbageCollectionNotificationInfo
					.from((javax.management.openmbean.CompositeData) notification.getUserData());
				long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
					.filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
				liveAfterGc.accumulateAndGet(used, Math::max);
				collections.incrementAndGet();
			}
		};
		List<javax.management.NotificationEmitter> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
			.map(javax.management.NotificationEmitter.class::cast).toList();
		collectors.forEach(collector -> collector.addNotificationListener(onGc, null, null));
		long start = System.nanoTime();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/import/self-study"))
			.header("Authorization", basic)
			.header("Content-Type", "multipart/form-data; boundary=BENCH")
			.timeout(Duration.ofMinutes(30))
			.POST(HttpRequest.BodyPublishers.ofFile(request))
			.build(), HttpResponse.BodyHandlers.ofString());
		java.nio.file.Files.delete(request);
		double seconds = (System.nanoTime() - start) / 1e9;
		long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
		Thread.sleep(500); // notifications arrive a little after their collection
		for (javax.management.NotificationEmitter collector : collectors) {
			collector.removeNotificationListener(onGc);
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("rows", count);
		row.put("seconds", round(seconds));
		row.put("rows_per_s", Math.round(count / seconds));
		row.put("peak_heap_mb", peak / (1024 * 1024));
		row.put("heap_before_mb", before / (1024 * 1024));
		row.put("most_heap_after_a_collection_mb", liveAfterGc.get() / (1024 * 1024));
		row.put("most_heap_held_beyond_before_mb", Math.max(0, liveAfterGc.get() - before) / (1024 * 1024));
		row.put("collections", collections.get());
		row.put("file_kb", fileBytes / 1024);
		results.put("import " + String.format(java.util.Locale.ROOT, "%,d", count) + " self-study rows", row);
		System.out.println("BENCHMARK import " + row);
		jdbc.sql("DELETE FROM self_study WHERE material LIKE ?").param("bench-" + run + "-%").update();
	}

	/** One-row note imports one after another: each its own transaction, so each waits for its commit to reach disk. */
	void smallCommits() {
		String cadre = jdbc.sql("SELECT cadre_no FROM cadre ORDER BY id LIMIT 1").query(String.class).single();
		AtomicInteger n = new AtomicInteger();
		measure("one-row note import (one commit each)", 100, () -> call(() -> {
			String note = "cadre_no,date,title,content\n" + cadre + "," + LocalDate.of(year, 12, 2) + ",commit-" + n.incrementAndGet()
					+ ",一次提交一行\n";
			return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/import/notes"))
				.header("Authorization", basic).header("Content-Type", "multipart/form-data; boundary=BENCH")
				.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(note.getBytes(StandardCharsets.UTF_8)))).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode();
		}));
		jdbc.sql("DELETE FROM study_note WHERE title LIKE 'commit-%'").update();
	}

	/**
	 * 1,000 voters of one team cast their ballots within a minute (about 170 a second), from a JVM of their own: how many
	 * were acknowledged, lost (acknowledged but not stored) or duplicated (more ballots than codes used), and the
	 * latencies.
	 */
	void ballots() throws Exception {
		// a township team with no cycle of this year yet, so that the suite can run again on the same data
		String team = jdbc.sql("SELECT u.code FROM org_unit u WHERE u.type = 'TOWNSHIP' AND EXISTS (SELECT 1 FROM team_membership t"
				+ " WHERE t.unit_id = u.id AND t.end_date IS NULL) AND NOT EXISTS (SELECT 1 FROM assessment_cycle c WHERE c.unit_id = u.id"
				+ " AND c.year = ?) ORDER BY u.code LIMIT 1").param(LocalDate.now().getYear()).query(String.class).single();
		String member = jdbc.sql("SELECT c.cadre_no FROM cadre c JOIN team_membership t ON t.cadre_id = c.id JOIN org_unit u ON u.id = t.unit_id"
				+ " WHERE u.code = ? AND t.end_date IS NULL ORDER BY c.cadre_no LIMIT 1").param(team).query(String.class).single();
		int thisYear = LocalDate.now().getYear();
		String cycle = post("/api/assessment/cycles", "{\"year\":%d,\"unit\":\"%s\",\"opens\":\"%s\",\"closes\":\"%s\"}"
			.formatted(thisYear, team, LocalDate.now().minusDays(1), LocalDate.now().plusDays(1)));
		long cycleId = Long.parseLong(cycle.replaceAll("\\D+", ""));
		String issued = post("/api/assessment/cycles/" + cycleId + "/appraisals", "{\"unit\":\"" + team + "\",\"voters\":1050}");
		long appraisal = Long.parseLong(issued.replaceAll("(?s).*\"appraisal\":(\\d+).*", "$1"));
		List<String> codes = new ArrayList<>();
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"([A-Z2-9]{20})\"").matcher(issued);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		Path file = Files.createTempFile("codes", ".txt");
		Files.write(file, codes);
		Process load = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), BallotLoad.class.getName(), "http://127.0.0.1:" + port, file.toString(), member, "170", "50")
			.redirectErrorStream(true).start();
		String line = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
			.filter(l -> l.startsWith("ballots ")).findFirst().orElseThrow();
		load.waitFor();
		long stored = jdbc.sql("SELECT count(*) FROM ballot WHERE appraisal_id = ? AND filled").param(appraisal).query(Long.class).single();
		long used = jdbc.sql("SELECT count(*) FROM ballot_code WHERE appraisal_id = ? AND used").param(appraisal).query(Long.class).single();
		Map<String, Object> row = new LinkedHashMap<>();
		for (String pair : line.substring("ballots ".length()).split(" ")) {
			String[] kv = pair.split("=");
			row.put(kv[0], kv[1]);
		}
		long created = Long.parseLong((String) row.get("created"));
		row.put("stored", stored);
		// 50 spare codes warmed the generator and the server up first: cast, stored, not measured
		row.put("lost", Math.max(0, created + 50 - stored));
		row.put("duplicated", Math.max(0, stored - used));
		results.put("1,000 ballots in a minute", row);
		System.out.println("BENCHMARK ballots " + row);
	}

	String post(String path, String json) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", basic).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return response.body();
	}

	static byte[] multipart(byte[] file) {
		String head = "--BENCH\r\nContent-Disposition: form-data; name=\"file\"; filename=\"self-study.csv\"\r\nContent-Type: text/csv\r\n\r\n";
		byte[] tail = "\r\n--BENCH--\r\n".getBytes(StandardCharsets.UTF_8);
		byte[] out = new byte[head.length() + file.length + tail.length];
		System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, out, 0, head.length());
		System.arraycopy(file, 0, out, head.length(), file.length);
		System.arraycopy(tail, 0, out, head.length() + file.length, tail.length);
		return out;
	}

	/** An open-model load: requests start at a fixed rate whatever the answers; 70% pages, 25% lists, 5% writes. */
	void mixedLoad() throws Exception {
		List<String> cadreNumbers = jdbc.sql("SELECT cadre_no FROM cadre ORDER BY id LIMIT 500").query(String.class).list();
		int best = 0;
		List<Map<String, Object>> steps = new ArrayList<>();
		for (int rate : new int[] { 10, 20, 40, 80, 160 }) {
			ConcurrentLinkedQueue<Double> times = new ConcurrentLinkedQueue<>();
			AtomicInteger errors = new AtomicInteger();
			ExecutorService pool = Executors.newFixedThreadPool(64);
			Random random = new Random(rate);
			int seconds = 10;
			long start = System.nanoTime();
			for (int i = 0; i < rate * seconds; i++) {
				long due = start + (long) (i * 1e9 / rate);
				while (System.nanoTime() < due) {
					Thread.onSpinWait();
				}
				int pick = random.nextInt(100);
				int n = i;
				pool.submit(() -> {
					long t = System.nanoTime();
					int status;
					if (pick < 70) {
						status = call(() -> get(pick % 2 == 0 ? "/" : "/units/COUNTY", false).statusCode());
					}
					else if (pick < 95) {
						status = call(() -> get("/api/cadres?page=" + (n % 20) + "&size=20", true).statusCode());
					}
					else {
						String note = "cadre_no,date,title,content\n" + cadreNumbers.get(n % cadreNumbers.size()) + "," + LocalDate.of(year, 12, 1)
								+ ",load-" + rate + "-" + n + ",负载测试笔记内容\n";
						status = call(() -> http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/import/notes"))
							.header("Authorization", basic).header("Content-Type", "multipart/form-data; boundary=BENCH")
							.POST(HttpRequest.BodyPublishers.ofByteArray(multipart(note.getBytes(StandardCharsets.UTF_8)))).build(),
								HttpResponse.BodyHandlers.discarding()).statusCode());
					}
					times.add((System.nanoTime() - t) / 1e6);
					if (status != 200) {
						errors.incrementAndGet();
					}
				});
			}
			pool.shutdown();
			pool.awaitTermination(2, TimeUnit.MINUTES);
			Stats stats = stats(new ArrayList<>(times), seconds);
			Map<String, Object> step = new LinkedHashMap<>();
			step.put("rate_per_s", rate);
			step.put("median_ms", round(stats.median()));
			step.put("p99_ms", round(stats.p99()));
			step.put("errors", errors.get());
			steps.add(step);
			System.out.println("BENCHMARK mixed load " + step);
			if (stats.p99() < 200 && errors.get() == 0) {
				best = rate;
			}
			else {
				break;
			}
		}
		jdbc.sql("DELETE FROM study_note WHERE title LIKE 'load-%'").update();
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("highest_rate_held_per_s", best);
		row.put("steps", steps);
		results.put("mixed constant-rate load", row);
	}

	static long rssMegabytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
				}
			}
		}
		catch (Exception ex) {
			return -1;
		}
		return -1;
	}

	void write(String dataset, long cadres, long selfStudy) throws Exception {
		Path dir = Path.of("target", "benchmarks");
		Files.createDirectories(dir);
		StringBuilder json = new StringBuilder("{\"dataset\":\"" + dataset + "\",\"date\":\"" + LocalDate.now() + "\",\"cadres\":" + cadres
				+ ",\"selfStudyEntries\":" + selfStudy + ",\"machine\":\"" + machine() + "\",\"results\":{");
		StringBuilder table = new StringBuilder("| scenario | median ms | p95 ms | p99 ms | per s | notes |\n|---|---|---|---|---|---|\n");
		boolean first = true;
		for (var entry : results.entrySet()) {
			json.append(first ? "" : ",").append('"').append(entry.getKey()).append("\":").append(toJson(entry.getValue()));
			first = false;
			Map<String, Object> row = entry.getValue();
			table.append("| ").append(entry.getKey()).append(" | ").append(row.getOrDefault("median_ms", "")).append(" | ")
				.append(row.getOrDefault("p95_ms", "")).append(" | ").append(row.getOrDefault("p99_ms", "")).append(" | ")
				.append(row.getOrDefault("throughput_per_s", "")).append(" | ");
			row.forEach((key, value) -> {
				if (!List.of("median_ms", "p95_ms", "p99_ms", "throughput_per_s", "runs").contains(key)) {
					table.append(key).append(' ').append(value).append("; ");
				}
			});
			table.append("|\n");
		}
		json.append("}}");
		Files.writeString(dir.resolve(dataset + ".json"), json);
		Files.writeString(dir.resolve(dataset + ".md"), table);
		System.out.println(table);
	}

	static String toJson(Object value) {
		if (value instanceof Map<?, ?> map) {
			StringBuilder out = new StringBuilder("{");
			boolean first = true;
			for (var entry : map.entrySet()) {
				out.append(first ? "" : ",").append('"').append(entry.getKey()).append("\":").append(toJson(entry.getValue()));
				first = false;
			}
			return out.append('}').toString();
		}
		if (value instanceof List<?> list) {
			StringBuilder out = new StringBuilder("[");
			for (int i = 0; i < list.size(); i++) {
				out.append(i == 0 ? "" : ",").append(toJson(list.get(i)));
			}
			return out.append(']').toString();
		}
		return value instanceof Number ? value.toString() : "\"" + value + "\"";
	}

	static String machine() {
		return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors()
				+ " cores, Java " + System.getProperty("java.version");
	}

	/** The summary's figures for the whole tree in one query, written by hand, as the yardstick of the summary's SQL. */
	static final String HAND_WRITTEN = """
			WITH cc AS (SELECT id FROM org_unit WHERE type = 'COUNTY_COMMITTEE' AND retired_on IS NULL),
			     tw AS (SELECT id FROM org_unit WHERE type = 'TOWNSHIP' AND retired_on IS NULL),
			     ccm AS (SELECT DISTINCT cadre_id FROM team_membership WHERE unit_id IN (SELECT id FROM cc)
			              AND start_date <= :day AND (end_date IS NULL OR end_date >= :day)),
			     twm AS (SELECT DISTINCT cadre_id FROM team_membership WHERE unit_id IN (SELECT id FROM tw)
			              AND start_date <= :day AND (end_date IS NULL OR end_date >= :day)),
			     done AS (SELECT e.cadre_id, c.rank FROM enrolment e JOIN training_class k ON k.id = e.class_id JOIN cadre c ON c.id = e.cadre_id
			               WHERE k.start_date >= :from AND k.start_date < :to AND e.absent_hours * 7 <= k.class_hours)
			SELECT (SELECT count(*) FROM group_session WHERE unit_id IN (SELECT id FROM cc) AND session_date >= :from AND session_date < :to),
			       (SELECT sum(hours) FROM group_session WHERE unit_id IN (SELECT id FROM cc) AND session_date >= :from AND session_date < :to),
			       (SELECT sum(hours) FROM self_study WHERE cadre_id IN (SELECT cadre_id FROM ccm) AND study_date >= :from AND study_date < :to)
			         / NULLIF((SELECT count(*) FROM ccm), 0),
			       (SELECT sum(characters) FROM study_note WHERE cadre_id IN (SELECT cadre_id FROM ccm) AND note_date >= :from AND note_date < :to)
			         / NULLIF((SELECT count(*) FROM ccm), 0),
			       (SELECT count(*) FROM group_session WHERE unit_id IN (SELECT id FROM tw) AND session_date >= :from AND session_date < :to)
			         / NULLIF((SELECT count(*) FROM tw), 0),
			       (SELECT count(*) FROM self_study WHERE cadre_id IN (SELECT cadre_id FROM twm) AND study_date >= :from AND study_date < :to)
			         / NULLIF((SELECT count(*) FROM twm), 0),
			       (SELECT sum(hours) FROM self_study WHERE cadre_id IN (SELECT cadre_id FROM twm) AND study_date >= :from AND study_date < :to)
			         / NULLIF((SELECT count(*) FROM twm), 0),
			       (SELECT sum(characters) FROM study_note WHERE cadre_id IN (SELECT cadre_id FROM twm) AND note_date >= :from AND note_date < :to)
			         / NULLIF((SELECT count(*) FROM twm), 0),
			       (SELECT count(*) FROM training_class WHERE start_date >= :from AND start_date < :to),
			       (SELECT count(*) FROM done), (SELECT count(DISTINCT cadre_id) FROM done),
			       (SELECT count(*) FROM done WHERE rank <> 'STAFF'),
			       (SELECT count(DISTINCT a.unit_id) FROM team_adjustment a JOIN org_unit u ON u.id = a.unit_id
			         WHERE u.type = 'TOWNSHIP' AND a.adjusted_on >= :from AND a.adjusted_on < :to),
			       (SELECT count(DISTINCT a.unit_id) FROM team_adjustment a JOIN org_unit u ON u.id = a.unit_id
			         WHERE u.type = 'DEPARTMENT' AND a.adjusted_on >= :from AND a.adjusted_on < :to),
			       (SELECT count(DISTINCT cadre_id) FROM post WHERE reason = 'EXCHANGE' AND start_date >= :from AND start_date < :to)
			""";
}
