package org.banzi.platform.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Run in a child JVM: starts the embedded database, commits a row, says so, then waits to be killed. */
public final class CrashingChild {

	public static void main(String[] args) throws Exception {
		EmbeddedDatabase database = EmbeddedDatabase.obtain(Path.of(args[0]), 0, false);
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.APP_USER,
				database.password()); Statement sql = connection.createStatement()) {
			sql.execute("CREATE TABLE IF NOT EXISTS survivor (note TEXT)");
			sql.execute("INSERT INTO survivor VALUES ('" + args[1] + "')");
		}
		System.out.println("COMMITTED");
		System.out.flush();
		Thread.sleep(600_000);
	}
}
