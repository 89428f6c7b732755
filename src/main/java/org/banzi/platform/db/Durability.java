package org.banzi.platform.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server Banzi writes to must do so that a confirmed commit survives an operating-system crash or a power
 * cut: flush its write-ahead log ({@code fsync}), wait for that flush before confirming a commit
 * ({@code synchronous_commit}), and write whole pages after a checkpoint ({@code full_page_writes}). Checked at every
 * start, embedded or external; a server without them is refused unless {@code BANZI_DB_ALLOW_UNSAFE=true}.
 */
public final class Durability {

	private static final Logger log = LoggerFactory.getLogger(Durability.class);

	/** The settings checked, and the values that are unsafe for each. */
	private static final Map<String, List<String>> UNSAFE = Map.of(
			"fsync", List.of("off"),
			"synchronous_commit", List.of("off"),
			"full_page_writes", List.of("off"));

	private Durability() {
	}

	/** The server's value of each checked setting, in a stable order. */
	public static Map<String, String> settings(DataSource dataSource) {
		Map<String, String> values = new LinkedHashMap<>();
		try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement();
				ResultSet rows = sql.executeQuery("""
						SELECT name, setting FROM pg_settings
						 WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes') ORDER BY name""")) {
			while (rows.next()) {
				values.put(rows.getString(1), rows.getString(2));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the database server's settings: " + ex.getMessage(), ex);
		}
		return values;
	}

	/**
	 * Refuses a server that can lose or corrupt confirmed commits; with {@code allowUnsafe} it only warns.
	 *
	 * @return the unsafe settings found, as {@code name=value} (empty when the server is safe)
	 */
	public static List<String> verify(DataSource dataSource, boolean allowUnsafe) {
		List<String> unsafe = new ArrayList<>();
		settings(dataSource).forEach((name, value) -> {
			if (UNSAFE.getOrDefault(name, List.of()).contains(value)) {
				unsafe.add(name + "=" + value);
			}
		});
		if (unsafe.isEmpty()) {
			return unsafe;
		}
		String problem = "The database server runs with " + String.join(", ", unsafe)
				+ ": an operating-system crash or a power cut can lose commits Banzi has confirmed, or corrupt the database.";
		if (!allowUnsafe) {
			throw new IllegalStateException(problem + " Set fsync=on, synchronous_commit=on and full_page_writes=on on the server"
					+ " (postgresql.conf), or set BANZI_DB_ALLOW_UNSAFE=true for a throw-away database.");
		}
		log.warn("{} Started anyway because BANZI_DB_ALLOW_UNSAFE=true: never do this with real records.", problem);
		return unsafe;
	}
}
