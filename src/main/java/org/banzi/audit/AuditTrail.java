package org.banzi.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.banzi.platform.CurrentUsers;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends records to the audit trail, in the caller's transaction: a change and its record commit or roll back
 * together. The records are written just before the commit, in the order they were made. Each record carries the
 * hash of the one before it, so a record altered, removed or moved breaks the chain where it happened.
 */
@Service
public class AuditTrail {

	static final String GENESIS = "0".repeat(64);
	/** Serialises appends so that each record knows its predecessor. */
	private static final long CHAIN_LOCK = 0x62616e7a69L;
	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditTrail.class);

	private final JdbcClient jdbc;
	private final Clock clock;
	private final AuditKey key;

	AuditTrail(JdbcClient jdbc, Clock clock, AuditKey key) {
		this.key = key;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records what the signed-in user did. */
	@Transactional
	public void record(AuditEntry entry) {
		append(CurrentUsers.actorName(), entry);
	}

	/** Records an event whose actor is not (or not yet) signed in, such as a failed login. */
	@Transactional
	public void recordAs(String actor, AuditEntry entry) {
		append(actor, entry);
	}

	/**
	 * Queues the record to be appended just before the transaction commits: the chain's lock is then held from the
	 * append to the commit, not through the rest of a long transaction (an import's writes after its record), so that
	 * other transactions' records wait only for that. Outside a transaction the record is appended at once.
	 */
	private void append(String actor, AuditEntry entry) {
		Pending record = new Pending(actor, entry, sourceAddress());
		if (!TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			appendNow(List.of(record));
			return;
		}
		// the queue is found among this transaction's synchronizations, which a transaction of its own within it does not see
		BeforeCommit queue = TransactionSynchronizationManager.getSynchronizations().stream()
			.filter(BeforeCommit.class::isInstance)
			.map(BeforeCommit.class::cast)
			.filter(candidate -> candidate.trail == this)
			.findFirst()
			.orElseGet(() -> {
				BeforeCommit created = new BeforeCommit(this);
				TransactionSynchronizationManager.registerSynchronization(created);
				return created;
			});
		if (queue.appended) {
			// made by other work before the commit, after the queue was written: its turn has come already
			appendNow(List.of(record));
		}
		else {
			queue.records.add(record);
		}
	}

	/** A record waiting for its transaction's commit, with who and where it came from when it was made. */
	private record Pending(String actor, AuditEntry entry, @Nullable String sourceAddress, String details) {

		Pending(String actor, AuditEntry entry, @Nullable String sourceAddress) {
			// the details as they are now: a map changed later in the transaction is not what was recorded
			this(actor, entry, sourceAddress, Json.write(entry.details()));
		}
	}

	/** The records a transaction made, appended in their order just before it commits. */
	private static final class BeforeCommit implements TransactionSynchronization {

		private final AuditTrail trail;
		private final List<Pending> records = new ArrayList<>();

		BeforeCommit(AuditTrail trail) {
			this.trail = trail;
		}

		private boolean appended;

		@Override
		public void beforeCommit(boolean readOnly) {
			trail.appendNow(records);
			appended = true;
		}

		@Override
		public void afterCompletion(int status) {
			if (status == STATUS_COMMITTED && !appended) {
				// only if a record were made by work before the commit that ran after this queue's turn: none does
				log.error("A transaction committed without its {} audit records: {}", records.size(),
						records.stream().map(pending -> pending.entry().action()).toList());
			}
		}

		@Override
		public int getOrder() {
			// after the other work done before a commit (events' publications, say), so that its writes are in
			return Ordered.LOWEST_PRECEDENCE;
		}
	}

	private void appendNow(List<Pending> records) {
		if (records.isEmpty()) {
			return;
		}
		jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleValue();
		record Last(long seq, String hash) {
		}
		Optional<Last> last = jdbc.sql("SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1")
			.query((rs, n) -> new Last(rs.getLong(1), rs.getString(2)))
			.optional();
		long seq = last.map(Last::seq).orElse(0L);
		String prevHash = last.map(Last::hash).orElse(GENESIS);
		for (Pending pending : records) {
			seq++;
			AuditEntry entry = pending.entry();
			Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
			AuditRecord unsigned = new AuditRecord(seq, now, truncate(pending.actor(), 64), entry.action(), entry.objectType(),
					entry.objectId() == null ? null : truncate(entry.objectId(), 200), entry.unitId(), entry.outcome().name(),
					pending.sourceAddress(), pending.details(), prevHash, "", null);
			String hash = hash(unsigned);
			jdbc.sql("""
					INSERT INTO audit_record (seq, occurred_at, actor, action, object_type, object_id, unit_id, outcome,
					                          source_address, details, prev_hash, hash, mac)
					VALUES (:seq, :at, :actor, :action, :type, :objectId, :unitId, :outcome, :source, :details, :prev, :hash, :mac)
					""")
				.param("seq", seq)
				.param("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
				.param("actor", unsigned.actor())
				.param("action", unsigned.action())
				.param("type", unsigned.objectType())
				.param("objectId", unsigned.objectId())
				.param("unitId", unsigned.unitId())
				.param("outcome", unsigned.outcome())
				.param("source", unsigned.sourceAddress())
				.param("details", unsigned.details())
				.param("prev", prevHash)
				.param("hash", hash)
				.param("mac", key.sign(hash))
				.update();
			prevHash = hash;
		}
	}

	static String hash(AuditRecord record) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(record.canonical().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static AuditRecord map(ResultSet rs, int row) throws SQLException {
		Timestamp at = rs.getTimestamp("occurred_at");
		Long unit = rs.getObject("unit_id", Long.class);
		return new AuditRecord(rs.getLong("seq"), at.toInstant(), rs.getString("actor"), rs.getString("action"),
				rs.getString("object_type"), rs.getString("object_id"), unit, rs.getString("outcome"),
				rs.getString("source_address"), rs.getString("details"), rs.getString("prev_hash"), rs.getString("hash"),
				rs.getString("mac"));
	}

	private static @Nullable String sourceAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		return null;
	}

	private static String truncate(String text, int length) {
		return text.length() <= length ? text : text.substring(0, length);
	}
}
