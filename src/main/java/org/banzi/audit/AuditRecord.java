package org.banzi.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One stored record of the trail, as the audit administrator reads it. */
public record AuditRecord(long seq, Instant occurredAt, String actor, String action, String objectType,
		@Nullable String objectId, @Nullable Long unitId, String outcome, @Nullable String sourceAddress, String details,
		String prevHash, String hash, @Nullable String mac) {

	/** When it happened, on the server's clock. */
	public java.time.LocalDateTime localTime() {
		return java.time.LocalDateTime.ofInstant(occurredAt, java.time.ZoneId.systemDefault());
	}

	/** The text the hash covers: every field, in a fixed order, with the previous record's hash. */
	String canonical() {
		return String.join("\u001f", Long.toString(seq), Long.toString(occurredAt.getEpochSecond()),
				Integer.toString(occurredAt.getNano()), actor, action, objectType, String.valueOf(objectId),
				String.valueOf(unitId), outcome, String.valueOf(sourceAddress), details, prevHash);
	}
}
