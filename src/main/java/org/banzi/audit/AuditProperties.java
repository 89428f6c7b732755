package org.banzi.audit;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the audit trail's key and checkpoints are kept, outside the database.
 *
 * @param key the signing key itself, 32 bytes in Base64 ({@code BANZI_AUDIT_KEY}); blank: {@code keyFile}
 * @param keyFile the file holding the key, created at first start (default {@code <data dir>/audit.key})
 * @param checkpointFile the file signed checkpoints are appended to (default {@code <data dir>/audit-checkpoints.log})
 */
@ConfigurationProperties("banzi.audit")
record AuditProperties(@Nullable String key, Path keyFile, Path checkpointFile) {

	AuditProperties {
		if (key == null) {
			key = "";
		}
	}
}
