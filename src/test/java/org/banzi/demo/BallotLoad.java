package org.banzi.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a JVM of its own, outside the server's: casts one ballot per code read from a file, at a constant rate (an
 * open model: each cast starts on time whatever the answers), and prints one line:
 * {@code ballots sent=N created=C conflicts=D errors=E p50=.. p99=.. seconds=..}.
 */
public final class BallotLoad {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		List<String> codes = new ArrayList<>(Files.readAllLines(Path.of(args[1])));
		String member = args[2];
		double rate = Double.parseDouble(args[3]);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		ExecutorService pool = Executors.newFixedThreadPool(64);
		// the generator's own warm-up, not measured: its JIT and its connections (the first codes of the file are spare)
		int spare = Integer.parseInt(args[4]);
		List<java.util.concurrent.Future<?>> warm = new ArrayList<>();
		for (String code : codes.subList(0, spare)) {
			warm.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/api/ballots/" + code))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"team\":\"GOOD\",\"members\":{\"" + member + "\":\"COMPETENT\"}}")).build(),
					HttpResponse.BodyHandlers.discarding())));
		}
		for (var future : warm) {
			future.get();
		}
		codes = codes.subList(spare, codes.size());
		ConcurrentLinkedQueue<Double> times = new ConcurrentLinkedQueue<>();
		AtomicInteger created = new AtomicInteger();
		AtomicInteger conflicts = new AtomicInteger();
		AtomicInteger errors = new AtomicInteger();
		long start = System.nanoTime();
		for (int i = 0; i < codes.size(); i++) {
			long due = start + (long) (i * 1e9 / rate);
			while (System.nanoTime() < due) {
				Thread.sleep(0, 200_000);
			}
			String code = codes.get(i);
			pool.submit(() -> {
				long t = System.nanoTime();
				try {
					int status = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ballots/" + code)).timeout(Duration.ofSeconds(30))
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{\"team\":\"GOOD\",\"members\":{\"" + member + "\":\"COMPETENT\"}}")).build(),
							HttpResponse.BodyHandlers.discarding()).statusCode();
					(status == 201 ? created : status == 409 ? conflicts : errors).incrementAndGet();
				}
				catch (Exception ex) {
					errors.incrementAndGet();
				}
				times.add((System.nanoTime() - t) / 1e6);
			});
		}
		pool.shutdown();
		pool.awaitTermination(5, TimeUnit.MINUTES);
		double seconds = (System.nanoTime() - start) / 1e9;
		List<Double> sorted = new ArrayList<>(times);
		Collections.sort(sorted);
		System.out.printf(java.util.Locale.ROOT, "ballots sent=%d created=%d conflicts=%d errors=%d p50=%.1f p99=%.1f seconds=%.1f%n",
				codes.size(), created.get(), conflicts.get(), errors.get(), BenchmarkSuite.percentile(sorted, 50),
				BenchmarkSuite.percentile(sorted, 99), seconds);
	}
}
