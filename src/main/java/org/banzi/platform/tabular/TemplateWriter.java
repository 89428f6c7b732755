package org.banzi.platform.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;

/**
 * An import's XLSX template, made to prevent mistakes: the data sheet (first, the one imports read) holds the header
 * alone, its columns formatted for what they hold (codes and ID numbers as text, dates as dates) and a drop-down list
 * of labels on every column that takes one of a set of values; a second sheet explains each column in Chinese and
 * English, with an example of a filled row. The lists the drop-downs offer sit on a hidden third sheet.
 */
public final class TemplateWriter {

	/** The name of the sheet that explains the columns, in both languages whatever the user's. */
	public static final String NOTES_SHEET = "说明 Notes";
	/** The hidden sheet holding the drop-down lists. */
	public static final String LISTS_SHEET = "lists";
	private static final int ERROR_BOX_LISTS_UP_TO = 200;
	private static final String DATE_FORMAT = "yyyy-mm-dd";
	private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
	private static final Locale EN = Locale.ENGLISH;
	private static final Properties EXAMPLES = examples();

	private TemplateWriter() {
	}

	/**
	 * Writes the template of import {@code template} (its kind, such as {@code cadres}), the data sheet's headers in
	 * the user's language.
	 */
	public static void write(String template, List<Column> columns, MessageSource messages, Locale locale, OutputStream out) {
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle text = workbook.createCellStyle();
			text.setDataFormat(workbook.createDataFormat().getFormat("@"));
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.createDataFormat().getFormat(DATE_FORMAT));

			Sheet data = workbook.createSheet(messages.getMessage("template.sheet.data", null, locale));
			Sheet notes = workbook.createSheet(NOTES_SHEET);
			Sheet lists = workbook.createSheet(LISTS_SHEET);
			workbook.setSheetVisibility(workbook.getSheetIndex(lists), SheetVisibility.VERY_HIDDEN);

			Row header = data.createRow(0);
			int lastRow = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
			DataValidationHelper helper = data.getDataValidationHelper();
			int listColumn = 0;
			for (int i = 0; i < columns.size(); i++) {
				Column column = columns.get(i);
				var cell = header.createCell(i);
				cell.setCellValue(column.header(locale));
				cell.setCellStyle(bold);
				data.setColumnWidth(i, 18 * 256);
				switch (column.kind()) {
					case DATE -> data.setDefaultColumnStyle(i, date);
					case TEXT, CHOICE -> data.setDefaultColumnStyle(i, text);
					case NUMBER -> {
					}
				}
				if (column.kind() == Column.Kind.CHOICE) {
					for (int j = 0; j < column.choices().size(); j++) {
						Row row = lists.getRow(j) == null ? lists.createRow(j) : lists.getRow(j);
						row.createCell(listColumn).setCellValue(column.choices().get(j));
					}
					String letter = CellReference.convertNumToColString(listColumn);
					DataValidationConstraint constraint = helper.createFormulaListConstraint(
							"'" + LISTS_SHEET + "'!$" + letter + "$1:$" + letter + "$" + column.choices().size());
					DataValidation validation = helper.createValidation(constraint, new CellRangeAddressList(1, lastRow, i, i));
					validation.setErrorStyle(DataValidation.ErrorStyle.STOP);
					validation.setShowErrorBox(true);
					String listed = String.join("、", column.choices());
					// Excel shows at most 255 characters in the box: a long list is left to the drop-down
					validation.createErrorBox(messages.getMessage("template.choice.title", null, locale),
							listed.length() > ERROR_BOX_LISTS_UP_TO ? messages.getMessage("template.choice.errorLong", null, locale)
									: messages.getMessage("template.choice.error", new Object[] { listed }, locale));
					validation.setSuppressDropDownArrow(true);
					data.addValidationData(validation);
					listColumn++;
				}
			}
			data.createFreezePane(0, 1);
			notes(template, columns, messages, notes, bold);
			workbook.write(out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void notes(String template, List<Column> columns, MessageSource messages, Sheet notes, CellStyle bold) {
		List<String> headings = new ArrayList<>();
		for (String part : List.of("header", "required", "format", "description")) {
			headings.add(messages.getMessage("template.notes." + part, null, ZH));
			headings.add(messages.getMessage("template.notes." + part, null, EN));
		}
		headings.add(messages.getMessage("template.notes.example", null, ZH));
		Row first = notes.createRow(0);
		for (int i = 0; i < headings.size(); i++) {
			var cell = first.createCell(i);
			cell.setCellValue(headings.get(i));
			cell.setCellStyle(bold);
			notes.setColumnWidth(i, (i == 6 || i == 7 ? 40 : 16) * 256);
		}
		int r = 1;
		for (Column column : columns) {
			Row row = notes.createRow(r++);
			String required = column.required() ? "template.required" : "template.optional";
			String format = "template.format." + column.kind();
			Object[] choices = { String.join("、", column.choices()) };
			List<String> cells = List.of(column.chineseHeader(), column.name(), messages.getMessage(required, null, ZH),
					messages.getMessage(required, null, EN), messages.getMessage(format, choices, ZH),
					messages.getMessage(format, choices, EN), hint(template, column, messages, ZH),
					hint(template, column, messages, EN), example(template, column));
			for (int i = 0; i < cells.size(); i++) {
				row.createCell(i).setCellValue(cells.get(i));
			}
		}
		r++;
		Row caption = notes.createRow(r++);
		caption.createCell(0).setCellValue(messages.getMessage("template.notes.exampleRow", null, ZH) + " / "
				+ messages.getMessage("template.notes.exampleRow", null, EN));
		caption.getCell(0).setCellStyle(bold);
		Row names = notes.createRow(r++);
		Row values = notes.createRow(r);
		for (int i = 0; i < columns.size(); i++) {
			names.createCell(i).setCellValue(columns.get(i).chineseHeader());
			values.createCell(i).setCellValue(example(template, columns.get(i)));
		}
	}

	/** What a column means, in {@code locale}: the template's own note on it, or the note shared by its name. */
	public static String hint(String template, Column column, MessageSource messages, Locale locale) {
		String shared = messages.getMessage("template.hint." + column.name(), null, "", locale);
		return messages.getMessage("template.hint." + template + "." + column.name(), null, shared, locale);
	}

	/** A value the column could hold in a filled row: the template's own example, the name's, or the first choice. */
	public static String example(String template, Column column) {
		String own = EXAMPLES.getProperty(template + "." + column.name());
		if (own != null) {
			return own;
		}
		if (!column.choices().isEmpty()) {
			return column.choices().get(0);
		}
		return EXAMPLES.getProperty(column.name(), "");
	}

	private static Properties examples() {
		Properties properties = new Properties();
		try (InputStream in = TemplateWriter.class.getResourceAsStream("/import-examples.properties")) {
			if (in == null) {
				throw new IllegalStateException("import-examples.properties is missing");
			}
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}
}
