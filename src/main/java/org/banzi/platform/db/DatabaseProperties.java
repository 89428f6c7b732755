package org.banzi.platform.db;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Banzi keeps its data. With {@code url} unset, Banzi runs its own PostgreSQL under {@code dataDir};
 * with {@code url} set ({@code BANZI_DB_URL}), it uses that external server instead.
 *
 * @param dataDir the data directory ({@code BANZI_DATA_DIR}), default {@code ./data}
 * @param url JDBC URL of an external PostgreSQL 15+ ({@code BANZI_DB_URL})
 * @param user user of the external database ({@code BANZI_DB_USER})
 * @param password password of the external database ({@code BANZI_DB_PASSWORD})
 * @param migrationUser the external database's owner, which migrations run as ({@code BANZI_DB_MIGRATION_USER});
 *        unset, migrations run as {@code user}, which then owns the tables
 * @param migrationPassword its password ({@code BANZI_DB_MIGRATION_PASSWORD})
 * @param embeddedPort loopback port of the embedded server; 0 picks a free one
 * @param embeddedFresh wipe the embedded data at the first start in this JVM (tests only)
 * @param poolSize connections in the pool
 * @param allowUnsafe start even when the server can lose confirmed commits ({@code BANZI_DB_ALLOW_UNSAFE}; see
 *        {@link Durability}): for throw-away databases only
 */
@ConfigurationProperties("banzi")
public record DatabaseProperties(Path dataDir, @Nullable String url, @Nullable String user,
		@Nullable String password, @Nullable String migrationUser, @Nullable String migrationPassword, int embeddedPort, boolean embeddedFresh, int poolSize,
		boolean allowUnsafe) {

	public DatabaseProperties {
		if (dataDir == null) {
			dataDir = Path.of("data");
		}
		url = blankToNull(url);
		user = blankToNull(user);
		password = blankToNull(password);
		migrationUser = blankToNull(migrationUser);
		migrationPassword = blankToNull(migrationPassword);
		if (poolSize <= 0) {
			poolSize = 10;
		}
	}

	public boolean external() {
		return url != null;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
