package org.banzi.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signed checkpoints of the audit trail, written outside the database: the last record's sequence number and hash, the
 * time, and an HMAC of the three with the audit key, appended to a file (flushed to disk) and written to the log, at
 * every start and daily. The verifier holds the trail against them: records cut off the end, or history rewritten
 * before a checkpoint, no longer match what the checkpoint says.
 */
@Component
class AuditCheckpoints {

	private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
	private static final Pattern LINE = Pattern.compile("checkpoint seq=(\\d+) hash=([0-9a-f]{64}) at=(\\S+) mac=([0-9a-f]{64})");

	/** A checkpoint as read back: {@code signed} is false when its signature does not match. */
	record Checkpoint(long seq, String hash, Instant at, boolean signed) {
	}

	private final JdbcClient jdbc;
	private final AuditKey key;
	private final Path file;
	private final Clock clock;

	@Autowired
	AuditCheckpoints(JdbcClient jdbc, AuditKey key, AuditProperties properties, Clock clock) {
		this(jdbc, key, properties.checkpointFile(), clock);
	}

	AuditCheckpoints(JdbcClient jdbc, AuditKey key, Path file, Clock clock) {
		this.jdbc = jdbc;
		this.key = key;
		this.file = file;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		write();
	}

	@Scheduled(cron = "${banzi.audit.checkpoint-cron}")
	@SchedulerLock(name = "audit-checkpoint", lockAtMostFor = "PT30M", lockAtLeastFor = "PT1M")
	void daily() {
		write();
	}

	/** Appends a checkpoint of the trail's head; none while the trail is empty. */
	synchronized Optional<Checkpoint> write() {
		record Head(long seq, String hash) {
		}
		Optional<Head> head = jdbc.sql("SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
			.optional();
		if (head.isEmpty()) {
			return Optional.empty();
		}
		Instant at = clock.instant();
		String line = "checkpoint seq=" + head.get().seq() + " hash=" + head.get().hash() + " at=" + at + " mac="
				+ key.sign(signed(head.get().seq(), head.get().hash(), at));
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.APPEND)) {
				channel.write(StandardCharsets.UTF_8.encode(line + "\n"));
				channel.force(true);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the audit checkpoint to " + file, ex);
		}
		log.info("Audit {}", line);
		return Optional.of(new Checkpoint(head.get().seq(), head.get().hash(), at, true));
	}

	/** Every checkpoint in the file, oldest first; a line that is not a checkpoint counts as one not signed. */
	List<Checkpoint> read() {
		if (!Files.exists(file)) {
			return List.of();
		}
		List<Checkpoint> checkpoints = new ArrayList<>();
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				if (line.isBlank()) {
					continue;
				}
				checkpoints.add(parse(line));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the audit checkpoints in " + file, ex);
		}
		return checkpoints;
	}

	private Checkpoint parse(String line) {
		Matcher matcher = LINE.matcher(line.strip());
		@Nullable Instant at = null;
		if (matcher.matches()) {
			try {
				at = Instant.parse(matcher.group(3));
			}
			catch (java.time.format.DateTimeParseException ex) {
				at = null;
			}
		}
		if (at == null) {
			return new Checkpoint(-1, "", Instant.EPOCH, false);
		}
		long seq = Long.parseLong(matcher.group(1));
		String hash = matcher.group(2);
		return new Checkpoint(seq, hash, at, key.signed(signed(seq, hash, at), matcher.group(4)));
	}

	private static String signed(long seq, String hash, Instant at) {
		return seq + "|" + hash + "|" + at;
	}
}
