package org.banzi.reporting;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A stored version of a summary: a draft (narrative only) or a signed one (with its frozen content and hash). */
record SummaryVersion(long id, long unitId, int year, int version, String status, Map<String, String> narrative,
		@Nullable String frozen, @Nullable String hash, String createdBy, Instant createdAt, @Nullable String signedBy,
		@Nullable Instant signedAt) {

	public boolean signed() {
		return "SIGNED".equals(status);
	}
}
