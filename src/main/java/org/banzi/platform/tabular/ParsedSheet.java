package org.banzi.platform.tabular;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * An uploaded sheet read for an all-or-nothing import: its rows, where each wanted column is, and the errors found
 * so far (a missing column leaves the rows unread).
 */
public record ParsedSheet(List<TabularRow> rows, ColumnLayout layout, ImportErrors errors) {

	public static ParsedSheet read(TabularReader reader, MessageSource messages, String filename, byte[] content,
			List<Column> columns, Locale locale) {
		TabularSheet sheet = reader.open(filename, content);
		ImportErrors errors = new ImportErrors(messages, locale);
		ColumnLayout layout = ColumnLayout.of(sheet.header(), columns, errors);
		List<TabularRow> rows = new ArrayList<>();
		if (errors.isEmpty()) {
			sheet.rows(row -> {
				rows.add(row);
				ImportProgress.rowRead();
			});
		}
		return new ParsedSheet(rows, layout, errors);
	}

	/** The texts of one column in every row, to look the records they name up at once. */
	public List<String> texts(String column) {
		return rows.stream().map(row -> layout.text(row, column)).toList();
	}
}
