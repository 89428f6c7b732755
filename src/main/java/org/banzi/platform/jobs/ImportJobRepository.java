package org.banzi.platform.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.banzi.platform.tabular.ImportProgress;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The import jobs' table: each write its own short transaction, outside the import's. */
@Repository
class ImportJobRepository {

	private static final String COLUMNS = "id, username, kind, page, filename, size_bytes, state, rows_read, rows_checked, rows_written, "
			+ "report::text AS report, failure::text AS failure, created_at, finished_at";

	private final JdbcClient jdbc;

	ImportJobRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long start(String username, String kind, String page, String filename, long size) {
		return jdbc.sql("INSERT INTO import_job (username, kind, page, filename, size_bytes, state) VALUES (?, ?, ?, ?, ?, 'RUNNING') RETURNING id")
			.params(username, kind, page, filename, size)
			.query(Long.class)
			.single();
	}

	void finish(long id, ImportJob.State state, ImportProgress progress, @Nullable String report, @Nullable String failure) {
		jdbc.sql("""
				UPDATE import_job SET state = ?, rows_read = ?, rows_checked = ?, rows_written = ?, report = ?::jsonb,
				  failure = ?::jsonb, finished_at = now()
				WHERE id = ?""")
			.params(state.name(), progress.read(), progress.checked(), progress.written(), report, failure, id)
			.update();
	}

	/** Notes that this instance still runs the job, and how far it has come. */
	void beat(long id, ImportProgress progress) {
		jdbc.sql("UPDATE import_job SET heartbeat_at = now(), rows_read = ?, rows_checked = ?, rows_written = ? WHERE id = ? AND state = 'RUNNING'")
			.params(progress.read(), progress.checked(), progress.written(), id)
			.update();
	}

	/** Ends the running jobs no instance has spoken for within {@code silence}; returns how many. */
	int failSilent(java.time.Duration silence, String failure) {
		return jdbc.sql("""
				UPDATE import_job SET state = 'FAILED', failure = ?::jsonb, finished_at = now()
				WHERE state = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?)""")
			.params(failure, (double) silence.toSeconds())
			.update();
	}

	Optional<ImportJob> find(long id, String username) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM import_job WHERE id = ? AND username = ?")
			.params(id, username)
			.query(ImportJobRepository::job)
			.optional();
	}

	Page<ImportJob> list(String username, int page, int size) {
		long total = jdbc.sql("SELECT count(*) FROM import_job WHERE username = ?").param(username).query(Long.class).single();
		List<ImportJob> items = jdbc.sql("SELECT " + COLUMNS + " FROM import_job WHERE username = ? ORDER BY id DESC LIMIT ? OFFSET ?")
			.params(username, size, (long) page * size)
			.query(ImportJobRepository::job)
			.list();
		return new Page<>(items, page, size, total);
	}

	private static ImportJob job(ResultSet rs, int row) throws SQLException {
		Timestamp finished = rs.getTimestamp("finished_at");
		return new ImportJob(rs.getLong("id"), rs.getString("username"), rs.getString("kind"), rs.getString("page"),
				rs.getString("filename"), rs.getLong("size_bytes"), ImportJob.State.valueOf(rs.getString("state")), null,
				rs.getInt("rows_read"), rs.getInt("rows_checked"), rs.getInt("rows_written"), rs.getString("report"),
				rs.getString("failure"), rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant());
	}
}
