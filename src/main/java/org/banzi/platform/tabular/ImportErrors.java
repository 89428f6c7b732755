package org.banzi.platform.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/** Collects every error of an import, each with its row, its column and a reason in the user's language. */
public final class ImportErrors {

	private final MessageSource messages;
	private final Locale locale;
	private final List<ImportReport.RowError> errors = new ArrayList<>();
	private final int listed;
	private int count;

	public ImportErrors(MessageSource messages, Locale locale) {
		this(messages, locale, Integer.MAX_VALUE);
	}

	/** Errors of which only the first {@code listed} are kept with their reasons, the rest counted (a streamed file). */
	public ImportErrors(MessageSource messages, Locale locale, int listed) {
		this.messages = messages;
		this.locale = locale;
		this.listed = listed;
	}

	public void add(int row, String column, String messageKey, Object... arguments) {
		if (++count <= listed) {
			errors.add(new ImportReport.RowError(row, column, messages.getMessage(messageKey, arguments, messageKey, locale)));
		}
	}

	public boolean isEmpty() {
		return count == 0;
	}

	/** How many errors were found, listed or not. */
	public int count() {
		return count;
	}

	/** Counts errors found and not listed: those past the first an SQL check of a staged file read. */
	public void countMore(long unlisted) {
		count += (int) Math.max(0, unlisted);
	}

	/** How many more errors {@link #list} may still take: what an SQL check of a staged file asks for at most. */
	public int room() {
		return Math.max(0, listed - errors.size());
	}

	public List<ImportReport.RowError> list() {
		return List.copyOf(errors);
	}
}
