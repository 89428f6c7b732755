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
import java.util.HexFormat;
import java.util.Optional;

import org.banzi.platform.CurrentUsers;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends records to the audit trail, in the caller's transaction: a change and its record commit or roll back
 * together. Each record carries the hash of the one before it, so a record altered, removed or moved breaks the
 * chain where it happened.
 */
@Service
public class AuditTrail {

	static final String GENESIS = "0".repeat(64);
	/** Serialises appends so that each record knows its predecessor. */
	private static final long CHAIN_LOCK = 0x62616e7a69L;

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

	private void append(String actor, AuditEntry entry) {
		jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleValue();
		record Last(long seq, String hash) {
		}
		Optional<Last> last = jdbc.sql("SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1")
			.query((rs, n) -> new Last(rs.getLong(1), rs.getString(2)))
			.optional();
		long seq = last.map(Last::seq).orElse(0L) + 1;
		String prevHash = last.map(Last::hash).orElse(GENESIS);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		AuditRecord unsigned = new AuditRecord(seq, now, truncate(actor, 64), entry.action(), entry.objectType(),
				entry.objectId() == null ? null : truncate(entry.objectId(), 200), entry.unitId(), entry.outcome().name(),
				sourceAddress(), Json.write(entry.details()), prevHash, "", null);
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
