package org.banzi.platform.tabular;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** Writes lists as XLSX (streamed: memory stays flat however long the list) or as CSV that Excel opens. */
public final class TabularWriter {

	public enum Format {
		XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), CSV("text/csv;charset=UTF-8");

		private final String contentType;

		Format(String contentType) {
			this.contentType = contentType;
		}

		public String contentType() {
			return contentType;
		}

		public String extension() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Format parse(String text) {
			return "csv".equalsIgnoreCase(text) ? CSV : XLSX;
		}
	}

	private TabularWriter() {
	}

	/** Writes the header, then every row the producer hands over. */
	public static void write(Format format, List<String> header, Consumer<Consumer<List<?>>> producer, OutputStream out) {
		try {
			if (format == Format.CSV) {
				csv(header, producer, out);
			}
			else {
				xlsx(header, producer, out);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void csv(List<String> header, Consumer<Consumer<List<?>>> producer, OutputStream out) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT);
		printer.printRecord(header);
		producer.accept(row -> {
			try {
				printer.printRecord(row.stream().map(TabularWriter::text).toList());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		printer.flush();
	}

	private static void xlsx(List<String> header, Consumer<Consumer<List<?>>> producer, OutputStream out) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			SXSSFSheet sheet = workbook.createSheet();
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle textStyle = workbook.createCellStyle();
			textStyle.setDataFormat(workbook.createDataFormat().getFormat("@"));
			Row first = sheet.createRow(0);
			for (int i = 0; i < header.size(); i++) {
				var cell = first.createCell(i);
				cell.setCellValue(header.get(i));
				cell.setCellStyle(bold);
				sheet.setDefaultColumnStyle(i, textStyle);
				sheet.setColumnWidth(i, 20 * 256);
			}
			int[] next = { 1 };
			producer.accept(values -> {
				Row row = sheet.createRow(next[0]++);
				for (int i = 0; i < values.size(); i++) {
					Object value = values.get(i);
					var cell = row.createCell(i);
					if (value instanceof Number number) {
						cell.setCellValue(number.doubleValue());
					}
					else {
						cell.setCellValue(text(value));
						cell.setCellStyle(textStyle);
					}
				}
			});
			workbook.write(out);
		}
	}

	private static String text(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof LocalDate date) {
			return date.toString();
		}
		if (value instanceof Number number) {
			return number.toString();
		}
		return FormulaGuard.guard(value.toString());
	}
}
