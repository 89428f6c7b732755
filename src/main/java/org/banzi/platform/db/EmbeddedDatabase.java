package org.banzi.platform.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server Banzi runs for itself when no external database is configured.
 * <p>
 * The cluster lives in {@code <dataDir>/pg}; it listens on loopback only and requires the password generated at
 * its first start, kept in {@code <dataDir>/db-credentials.properties} (owner read/write only). A server left
 * running by a JVM that was killed is stopped before the next start, and PostgreSQL's own crash recovery replays
 * what was committed. One server per data directory and JVM: later requests for the same directory share it.
 */
public final class EmbeddedDatabase {

	public static final String DATABASE = "banzi";
	/** The role that owns the database and its tables: migrations, backups and maintenance. */
	public static final String APP_USER = "banzi";
	/**
	 * The role the application runs as: it reads and writes the tables but owns none, so it cannot drop a trigger,
	 * alter a table or rewrite the audit trail (it may only add to it).
	 */
	public static final String RUNTIME_USER = "banzi_app";
	static final String SUPERUSER = "postgres";
	private static final String CREDENTIALS = "db-credentials.properties";
	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
	private static final Map<Path, EmbeddedDatabase> running = new ConcurrentHashMap<>();

	private final EmbeddedPostgres postgres;
	private final String password;
	private final String superuserPassword;
	private final String runtimePassword;
	private final FileLock lock;
	private final AtomicInteger users = new AtomicInteger();
	private final AtomicBoolean closed = new AtomicBoolean();

	/** How long the JVM's shutdown waits for the application to let go of the server before stopping it anyway. */
	private static final Duration LET_GO = Duration.ofSeconds(20);

	private EmbeddedDatabase(EmbeddedPostgres postgres, String password, String superuserPassword, String runtimePassword,
			FileLock lock) {
		this.runtimePassword = runtimePassword;
		this.postgres = postgres;
		this.password = password;
		this.superuserPassword = superuserPassword;
		this.lock = lock;
	}

	/**
	 * The application uses the server until it calls {@link #letGo()}: at the JVM's shutdown the server is stopped
	 * after that, so that the application's own shutdown (which runs at the same time) still reaches its database.
	 */
	public void use() {
		users.incrementAndGet();
	}

	public void letGo() {
		if (users.decrementAndGet() <= 0) {
			synchronized (users) {
				users.notifyAll();
			}
		}
	}

	/** The JVM's shutdown: wait for the users to let go (not longer than {@link #LET_GO}), then stop the server. */
	private void stopAtExit() {
		long deadline = System.nanoTime() + LET_GO.toNanos();
		synchronized (users) {
			while (users.get() > 0 && System.nanoTime() < deadline) {
				try {
					users.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
		}
		close();
	}

	/** Starts the server for this data directory, or returns the one this JVM already runs there. */
	public static EmbeddedDatabase obtain(Path dataDir, int port, boolean fresh) {
		Path key = dataDir.toAbsolutePath().normalize();
		return running.computeIfAbsent(key, dir -> start(dir, port, fresh));
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
	}

	public int port() {
		return postgres.getPort();
	}

	public String password() {
		return password;
	}

	/** The password of {@link #RUNTIME_USER}, the role the application runs as. */
	public String runtimePassword() {
		return runtimePassword;
	}

	/** The superuser's password, for backups and maintenance. */
	public String superuserPassword() {
		return superuserPassword;
	}

	/** Stops the server and releases the data directory (normally left to the JVM's shutdown). */
	public void close() {
		if (!closed.compareAndSet(false, true)) {
			return;
		}
		running.values().remove(this);
		try {
			postgres.close();
			lock.release();
			lock.channel().close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static EmbeddedDatabase start(Path dataDir, int port, boolean fresh) {
		try {
			if (fresh) {
				deleteRecursively(dataDir);
			}
			Files.createDirectories(dataDir);
			FileLock lock = lockDataDirectory(dataDir);
			Path cluster = dataDir.resolve("pg");
			Path credentialsFile = dataDir.resolve(CREDENTIALS);
			boolean firstStart = !Files.exists(cluster.resolve("postgresql.conf"));
			if (firstStart) {
				requireFree(port);
				deleteRecursively(cluster);
				Files.createDirectories(cluster);
				initialise(cluster, credentialsFile);
			}
			else if (!Files.exists(credentialsFile)) {
				throw new IllegalStateException("The database in " + cluster + " has no " + credentialsFile.getFileName()
						+ ": it was not set up completely. Move " + cluster + " aside and start again.");
			}
			stopLeftoverServer(cluster);
			requireFree(port);
			Properties credentials = readCredentials(credentialsFile);
			String superuserPassword = credentials.getProperty("superuser.password");
			EmbeddedPostgres postgres = builder(cluster, port).setConnectConfig("password", superuserPassword).start();
			log.info("Embedded PostgreSQL ready on 127.0.0.1:{}, data in {}", postgres.getPort(), cluster);
			String runtimePassword = runtimeRole(postgres, credentialsFile, credentials);
			EmbeddedDatabase database = new EmbeddedDatabase(postgres, credentials.getProperty("password"), superuserPassword,
					runtimePassword, lock);
			Runtime.getRuntime().addShutdownHook(new Thread(database::stopAtExit, "embedded-postgres-stop"));
			return database;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, ex);
		}
	}

	private static EmbeddedPostgres.Builder builder(Path cluster, int port) {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(cluster.toFile())
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(120))
			// stopped by this class's own hook, after the application has let go of it
			.setRegisterShutdownHook(false)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("password_encryption", "scram-sha-256")
			.setServerConfig("max_connections", "100")
			// The library starts postgres with -F and synchronous_commit=off, defaults for throw-away test databases.
			// A county's records need every commit on disk: these later -c settings override them (Durability checks).
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setLocaleConfig("locale", "C.UTF-8")
			.setLocaleConfig("encoding", "UTF8");
		if (port > 0) {
			builder.setPort(port);
		}
		return builder;
	}

	/** First start: create the cluster under trust, set passwords, then require them from every connection. */
	private static void initialise(Path cluster, Path credentialsFile) throws IOException {
		String password = randomSecret();
		String superuserPassword = randomSecret();
		try (EmbeddedPostgres setup = builder(cluster, 0).start();
				Connection connection = setup.getPostgresDatabase().getConnection();
				Statement sql = connection.createStatement()) {
			sql.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superuserPassword + "'");
			sql.execute("CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + password + "'");
			sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + APP_USER + " ENCODING 'UTF8'");
		}
		catch (SQLException ex) {
			throw new IOException("Could not set up the embedded database", ex);
		}
		Properties credentials = new Properties();
		credentials.setProperty("username", APP_USER);
		credentials.setProperty("password", password);
		credentials.setProperty("superuser", SUPERUSER);
		credentials.setProperty("superuser.password", superuserPassword);
		writeOwnerOnly(credentialsFile, credentials);
		Files.writeString(cluster.resolve("pg_hba.conf"), """
				# Written by Banzi: every connection needs a password; the server listens on loopback only.
				local all all scram-sha-256
				host  all all 127.0.0.1/32 scram-sha-256
				host  all all ::1/128 scram-sha-256
				""");
	}

	/**
	 * The role the application runs as, created (with its password in the credentials file) at the first start of a
	 * version that has it, its password set again at every start so the two stay in step. What it may do on the
	 * tables is granted after each migration (db/migration/afterMigrate.sql).
	 */
	private static String runtimeRole(EmbeddedPostgres postgres, Path credentialsFile, Properties credentials) throws IOException {
		String password = credentials.getProperty("runtime.password");
		if (password == null) {
			password = randomSecret();
			credentials.setProperty("runtime.username", RUNTIME_USER);
			credentials.setProperty("runtime.password", password);
			writeOwnerOnly(credentialsFile, credentials);
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement sql = connection.createStatement()) {
			boolean exists;
			try (var rs = sql.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + RUNTIME_USER + "'")) {
				exists = rs.next();
			}
			sql.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + RUNTIME_USER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '"
					+ password + "'");
			sql.execute("REVOKE CREATE ON DATABASE " + DATABASE + " FROM PUBLIC");
		}
		catch (SQLException ex) {
			throw new IOException("Could not set up the role " + RUNTIME_USER, ex);
		}
		return password;
	}

	/**
	 * Fails at once, naming the port and the setting, when another program (a second Banzi beside this one, another
	 * PostgreSQL) holds the embedded server's port: PostgreSQL would otherwise be waited for until its start times out.
	 */
	static void requireFree(int port) {
		if (port <= 0) {
			return;
		}
		try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
			probe.setReuseAddress(true);
			probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
		}
		catch (IOException taken) {
			throw new IllegalStateException("The embedded PostgreSQL's port " + port + " on 127.0.0.1 is taken (another Banzi, or "
					+ "another PostgreSQL, runs there). Give this Banzi another port with BANZI_DB_EMBEDDED_PORT, or "
					+ "BANZI_DB_EMBEDDED_PORT=0 to take any free one.", taken);
		}
	}

	/** A postmaster still running from a JVM that was killed holds the port and the pid file: stop it. */
	static void stopLeftoverServer(Path cluster) throws IOException {
		Path pidFile = cluster.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
		long pid;
		try {
			pid = Long.parseLong(firstLine);
		}
		catch (NumberFormatException ex) {
			return;
		}
		ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(leftover -> {
			log.warn("Stopping a PostgreSQL server (pid {}) left running by an earlier Banzi", pid);
			leftover.destroy();
			try {
				leftover.onExit().get(60, TimeUnit.SECONDS);
			}
			catch (Exception timedOut) {
				leftover.descendants().forEach(ProcessHandle::destroyForcibly);
				leftover.destroyForcibly();
			}
		});
	}

	private static FileLock lockDataDirectory(Path dataDir) throws IOException {
		FileChannel channel = FileChannel.open(dataDir.resolve("banzi.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock = channel.tryLock();
		if (lock == null) {
			channel.close();
			throw new IllegalStateException("Another Banzi is running with the data directory " + dataDir);
		}
		return lock;
	}

	private static Properties readCredentials(Path file) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		return properties;
	}

	private static void writeOwnerOnly(Path file, Properties properties) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		try (OutputStream out = Files.newOutputStream(temporary)) {
			properties.store(out, "Embedded PostgreSQL credentials, generated at first start. Keep private.");
		}
		Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

	private static String randomSecret() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (var paths = Files.walk(dir)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

	@Override
	public String toString() {
		return "EmbeddedDatabase[" + jdbcUrl() + ", lock=" + lock.isValid() + "]";
	}
}
