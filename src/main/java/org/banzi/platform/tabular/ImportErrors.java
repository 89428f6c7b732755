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

	public ImportErrors(MessageSource messages, Locale locale) {
		this.messages = messages;
		this.locale = locale;
	}

	public void add(int row, String column, String messageKey, Object... arguments) {
		errors.add(new ImportReport.RowError(row, column, messages.getMessage(messageKey, arguments, messageKey, locale)));
	}

	public boolean isEmpty() {
		return errors.isEmpty();
	}

	public int count() {
		return errors.size();
	}

	public List<ImportReport.RowError> list() {
		return List.copyOf(errors);
	}
}
