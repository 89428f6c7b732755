package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.banzi.ChildBanzi;

/**
 * Copies of a running PostgreSQL made the way a base backup is (for a restore or a standby), and servers started on
 * them with the embedded library's own binaries.
 */
final class StandbyCopies {

	private StandbyCopies() {
	}

	/**
	 * Takes a base backup of the running server {@code db} whose data directory is {@code from} into {@code to}: the
	 * server marks its start and end, the files are copied in between, and the backup's label is written beside them.
	 * {@code waitForArchive}: the end waits until the WAL the backup needs is archived.
	 */
	static void baseBackup(Connection db, Path from, Path to, boolean waitForArchive) throws Exception {
		try (Statement statement = db.createStatement()) {
			statement.execute("SELECT pg_backup_start('banzi-test', true)");
			copyData(from, to);
			try (ResultSet stop = statement.executeQuery("SELECT labelfile FROM pg_backup_stop(" + waitForArchive + ")")) {
				stop.next();
				Files.writeString(to.resolve("backup_label"), stop.getString(1));
			}
		}
	}

	/** Copies a running server's data directory for a base backup: not its WAL, its lock file or its temporary files. */
	private static void copyData(Path from, Path to) throws IOException {
		Set<String> emptied = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots",
				"pg_subtrans");
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path relative = from.relativize(file);
				Path copy = to.resolve(relative.toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
					continue;
				}
				String top = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
				String name = file.getFileName().toString();
				if ((relative.getNameCount() > 1 && emptied.contains(top)) || name.equals("postmaster.pid") || name.equals("postmaster.opts")) {
					continue;
				}
				try {
					Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
				}
				catch (NoSuchFileException gone) {
					// removed while copied: replaying the WAL from the backup's start brings the copy to a consistent state
				}
			}
		}
		Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
	}

	/**
	 * Starts the server binary on a copy; as root (as CI runs) inside a user namespace, as the embedded library runs
	 * it, since PostgreSQL refuses to run as root.
	 */
	static Process start(Path data, int port, Path log) throws IOException {
		List<String> command = new ArrayList<>(List.of(postgres().toString(), "-D", data.toString(), "-p", String.valueOf(port)));
		if ("root".equals(System.getProperty("user.name"))) {
			command.addAll(0, List.of("unshare", "-U"));
		}
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/** A connection once the server accepts them (it may first replay WAL). */
	static Connection connect(int port, Process server, Path log) throws Exception {
		Instant until = Instant.now().plus(Duration.ofSeconds(120));
		while (true) {
			try {
				return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
			}
			catch (SQLException notYet) {
				assertThat(server.isAlive()).as("the server runs: " + ChildBanzi.tail(log)).isTrue();
				assertThat(Instant.now()).as("the server accepts connections").isBefore(until);
				Thread.sleep(200);
			}
		}
	}

	/** The server binary of the PostgreSQL the embedded server runs, unpacked by the library. */
	private static Path postgres() throws IOException {
		Path working = Path.of(System.getProperty("ot.epg.working-dir", System.getProperty("java.io.tmpdir") + "/embedded-pg"));
		try (Stream<Path> found = Files.find(working, 3, (path, attributes) -> path.endsWith(Path.of("bin", "postgres")))) {
			return found.findFirst().orElseThrow(() -> new IllegalStateException("no postgres under " + working));
		}
	}
}
