package org.banzi.platform.tabular;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.banzi.platform.Checked;
import org.jspecify.annotations.Nullable;

/**
 * The shape of an all-or-nothing import, between reading the sheet and writing: each row checked (cells that are not
 * dates or numbers, then the record's own checks, the same the forms use), a row whose natural key an earlier row of
 * the file has refused, every problem reported with its row and column. The caller writes the rows only when
 * {@link Rows#refused()} is false, in one transaction.
 */
public final class SheetImport {

	private SheetImport() {
	}

	/** The checked rows of a sheet, and the errors of the sheet and its rows. */
	public record Rows<T>(List<T> valid, ImportErrors errors) {

		public boolean refused() {
			return !errors.isEmpty();
		}
	}

	/**
	 * Checks every row of a sheet read with {@link ParsedSheet#read}.
	 *
	 * @param key the row's natural key: two rows of one file with the same key are an error on the second
	 * @param keyColumn the column the duplicate is reported on
	 */
	public static <T> Rows<T> check(ParsedSheet sheet, Function<Row, Checked<T>> check, Function<T, String> key, String keyColumn) {
		return check(sheet, check, key, keyColumn, "import.error.duplicate", key::apply);
	}

	/**
	 * As {@link #check(ParsedSheet, Function, Function, String)}, with a row whose key an earlier row has reported by
	 * {@code duplicateMessage}, its only argument the earlier row's number.
	 */
	public static <T> Rows<T> check(ParsedSheet sheet, Function<Row, Checked<T>> check, Function<T, String> key, String keyColumn,
			String duplicateMessage) {
		return check(sheet, check, key, keyColumn, duplicateMessage, null);
	}

	/**
	 * As {@link #check(ParsedSheet, Function, Function, String)}, with a row whose key an earlier row has reported by
	 * {@code duplicateMessage}, its arguments what {@code shown} gives of the row (when given) and the earlier row's
	 * number.
	 */
	public static <T> Rows<T> check(ParsedSheet sheet, Function<Row, Checked<T>> check, Function<T, String> key, String keyColumn,
			String duplicateMessage, @Nullable Function<T, Object> shown) {
		ImportErrors errors = sheet.errors();
		List<T> valid = new ArrayList<>();
		if (!errors.isEmpty()) {
			return new Rows<>(valid, errors);
		}
		Map<String, Integer> seen = new HashMap<>();
		for (TabularRow tabular : sheet.rows()) {
			Row row = new Row(sheet.layout(), tabular, errors);
			Checked<T> checked = check.apply(row);
			ImportProgress.rowChecked();
			// a cell already reported as unreadable is not reported again as missing
			checked.problems().stream().filter(p -> !row.reported.contains(p.field()))
				.forEach(p -> errors.add(tabular.number(), p.field(), p.messageKey(), p.arguments()));
			if (!checked.ok() || !row.reported.isEmpty()) {
				continue;
			}
			Integer earlier = seen.putIfAbsent(key.apply(checked.value()), tabular.number());
			if (earlier != null) {
				if (shown == null) {
					errors.add(tabular.number(), keyColumn, duplicateMessage, earlier);
				}
				else {
					errors.add(tabular.number(), keyColumn, duplicateMessage, shown.apply(checked.value()), earlier);
				}
				continue;
			}
			valid.add(checked.value());
		}
		return new Rows<>(valid, errors);
	}

	/**
	 * Checks every row of a sheet as it is read and hands each valid one to {@code sink}, keeping none: for an import
	 * too large to hold, whose rows go to a staging table. Which rows repeat another's key is then for the caller to
	 * find (in SQL). Returns the errors of the sheet (a missing column leaves the rows unread) and of its rows.
	 */
	public static <T> ImportErrors stream(TabularSheet sheet, List<Column> columns, ImportErrors errors, Function<Row, Checked<T>> check,
			java.util.function.Consumer<T> sink) {
		ColumnLayout layout = ColumnLayout.of(sheet.header(), columns, errors);
		if (!errors.isEmpty()) {
			return errors;
		}
		sheet.rows(tabular -> {
			ImportProgress.rowRead();
			Row row = new Row(layout, tabular, errors);
			Checked<T> checked = check.apply(row);
			ImportProgress.rowChecked();
			checked.problems().stream().filter(p -> !row.reported.contains(p.field()))
				.forEach(p -> errors.add(tabular.number(), p.field(), p.messageKey(), p.arguments()));
			if (checked.ok() && row.reported.isEmpty()) {
				sink.accept(checked.value());
			}
		});
		return errors;
	}

	/** One row's cells as checks want them; a cell that is not what its column needs is reported once. */
	public static final class Row {

		private final ColumnLayout layout;
		private final TabularRow row;
		private final ImportErrors errors;
		private final Set<String> reported = new HashSet<>();

		Row(ColumnLayout layout, TabularRow row, ImportErrors errors) {
			this.layout = layout;
			this.row = row;
			this.errors = errors;
		}

		/** The row's number in the sheet, as errors name it. */
		public int number() {
			return row.number();
		}

		public Cell cell(String column) {
			return layout.cell(row, column);
		}

		public String text(String column) {
			return layout.text(row, column);
		}

		/** A cell holding several values separated by {@code ;} (or Chinese and Latin commas and semicolons). */
		public List<String> list(String column) {
			return Arrays.stream(text(column).split("[;；,，、]")).map(String::strip).filter(part -> !part.isEmpty()).toList();
		}

		public @Nullable LocalDate date(String column) {
			Cell cell = cell(column);
			if (cell.isBlank()) {
				return null;
			}
			LocalDate date = CellValues.date(cell).orElse(null);
			if (date == null) {
				unreadable(column, "import.error.date", cell.trimmed());
			}
			return date;
		}

		public @Nullable BigDecimal decimal(String column) {
			Cell cell = cell(column);
			if (cell.isBlank()) {
				return null;
			}
			BigDecimal value = CellValues.decimal(cell).orElse(null);
			if (value == null) {
				unreadable(column, "import.error.number", cell.trimmed());
			}
			return value;
		}

		public @Nullable Integer integer(String column) {
			BigDecimal value = decimal(column);
			if (value == null) {
				return null;
			}
			try {
				return value.intValueExact();
			}
			catch (ArithmeticException ex) {
				unreadable(column, "import.error.number", value.toPlainString());
				return null;
			}
		}

		/** Reports a cell its column cannot read; the row is then not written, and its other checks still run. */
		public void unreadable(String column, String messageKey, Object... arguments) {
			errors.add(row.number(), column, messageKey, arguments);
			reported.add(column);
		}
	}
}
