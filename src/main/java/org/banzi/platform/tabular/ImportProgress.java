package org.banzi.platform.tabular;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * How far an import running as a job has come: rows read from the file, rows checked, rows written (inserted or
 * updated, as the import decides them inside its transaction, which commits them all or none). The import's thread
 * reports through the static methods, which do nothing when no job tracks the thread; anyone may read the counts.
 */
public final class ImportProgress {

	/** Where the import is. */
	public enum Phase {
		QUEUED, READING, CHECKING, WRITING
	}

	private static final ThreadLocal<ImportProgress> CURRENT = new ThreadLocal<>();

	private volatile Phase phase = Phase.QUEUED;
	private final AtomicInteger read = new AtomicInteger();
	private final AtomicInteger checked = new AtomicInteger();
	private final AtomicInteger written = new AtomicInteger();

	/** Runs {@code work} on this thread with its progress reported here. */
	public <T> T track(Supplier<T> work) {
		CURRENT.set(this);
		try {
			return work.get();
		}
		finally {
			CURRENT.remove();
		}
	}

	public static void rowRead() {
		ImportProgress progress = CURRENT.get();
		if (progress != null) {
			progress.phase = Phase.READING;
			progress.read.incrementAndGet();
		}
	}

	public static void rowChecked() {
		ImportProgress progress = CURRENT.get();
		if (progress != null) {
			progress.phase = Phase.CHECKING;
			progress.checked.incrementAndGet();
		}
	}

	public static void rowWritten() {
		ImportProgress progress = CURRENT.get();
		if (progress != null) {
			progress.phase = Phase.WRITING;
			progress.written.incrementAndGet();
		}
	}

	/** The progress tracking the calling thread, if a job does. */
	public static @Nullable ImportProgress current() {
		return CURRENT.get();
	}

	public Phase phase() {
		return phase;
	}

	public int read() {
		return read.get();
	}

	public int checked() {
		return checked.get();
	}

	public int written() {
		return written.get();
	}
}
