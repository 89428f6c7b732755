package org.banzi.platform.db;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A PostgreSQL streaming replica that takes the heavy reads ({@code BANZI_DB_REPLICA_URL}); unset, everything reads
 * the primary.
 *
 * @param url JDBC URL of the replica
 * @param user its user, by default the primary's
 * @param password its password, by default the primary's
 * @param maxLag how far behind the primary the replica may be and still be read ({@code BANZI_DB_REPLICA_MAX_LAG})
 * @param readPaths the pages and API reads sent to the replica: the dashboard, the summary, statistics and lists
 */
@ConfigurationProperties("banzi.replica")
public record ReplicaProperties(@Nullable String url, @Nullable String user, @Nullable String password, Duration maxLag,
		List<String> readPaths) {

	public ReplicaProperties {
		url = url == null || url.isBlank() ? null : url;
		user = user == null || user.isBlank() ? null : user;
		password = password == null || password.isBlank() ? null : password;
		if (maxLag == null) {
			maxLag = Duration.ofSeconds(5);
		}
		readPaths = readPaths == null ? List.of() : List.copyOf(readPaths);
	}
}
