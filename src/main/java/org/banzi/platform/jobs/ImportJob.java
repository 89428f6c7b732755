package org.banzi.platform.jobs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.banzi.platform.tabular.ImportProgress;
import org.jspecify.annotations.Nullable;

/**
 * An import run as a job: whose, of what file, where it stands (rows read, checked and written so far) and, once it
 * has ended, its report as JSON ({@code report}) or why it wrote nothing without one ({@code failure}).
 */
public record ImportJob(long id, String username, String kind, String page, String filename, long sizeBytes, State state,
		ImportProgress.@Nullable Phase phase, int rowsRead, int rowsChecked, int rowsWritten, @Nullable String report,
		@Nullable String failure, Instant createdAt, @Nullable Instant finishedAt) {

	/** Running, or how it ended: its rows written, its file refused with every error, or failed (nothing written). */
	public enum State {
		RUNNING, SUCCEEDED, REFUSED, FAILED;

		public boolean ended() {
			return this != RUNNING;
		}
	}

	/** A message, by its key and arguments, for a job that wrote nothing and has no report. */
	public record Refusal(String messageKey, List<Object> arguments) {

		public Object[] args() {
			return arguments.toArray();
		}
	}

	ImportJob withProgress(ImportProgress progress) {
		return new ImportJob(id, username, kind, page, filename, sizeBytes, state, progress.phase(), progress.read(),
				progress.checked(), progress.written(), report, failure, createdAt, finishedAt);
	}

	/** When it was submitted, on the server's clock. */
	public LocalDateTime localCreatedAt() {
		return LocalDateTime.ofInstant(createdAt, ZoneId.systemDefault());
	}

	/** Rows checked as a share of rows read, in whole percent, while the file is checked. */
	public int checkedPercent() {
		return rowsRead == 0 ? 0 : (int) (100L * rowsChecked / rowsRead);
	}
}
