package org.banzi.platform.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/** The first sheet of an XLSX workbook, read with POI's streaming (SAX) API. */
final class XlsxSheet implements TabularSheet {

	/** Marks cells the workbook stored as numbers or dates, so the importer can tell them from text. */
	private static final char NUMBER = '\u0001';
	private static final char DATE = '\u0002';

	private final byte[] content;
	private final UploadLimits limits;
	private final List<String> header;

	XlsxSheet(byte[] content, UploadLimits limits) {
		this.content = content;
		this.limits = limits;
		checkExpanded(content, limits);
		List<String> first = new ArrayList<>();
		try {
			read(row -> {
				row.cells().forEach(cell -> first.add(cell.trimmed()));
				throw new StopReading();
			}, true);
		}
		catch (StopReading done) {
			// header read
		}
		this.header = List.copyOf(first);
	}

	@Override
	public List<String> header() {
		return header;
	}

	@Override
	public void rows(Consumer<TabularRow> consumer) {
		int[] count = { 0 };
		read(row -> {
			if (row.number() == 1 || row.isBlank()) {
				return;
			}
			if (++count[0] > limits.maxRows()) {
				throw new UploadRefusedException("upload.tooManyRows", limits.maxRows());
			}
			consumer.accept(row);
		}, false);
	}

	/**
	 * Unpacks every part once, counting the bytes as they come (not trusting the sizes the archive claims), and refuses
	 * the file when they pass the limit: before POI reads the shared strings whole, and with no setting of its own
	 * that would hold for every upload in the JVM at once.
	 */
	static void checkExpanded(byte[] content, UploadLimits limits) {
		long limit = limits.maxExpanded().toBytes();
		long total = 0;
		byte[] buffer = new byte[64 * 1024];
		// as POI reads packages: stored entries may carry a data descriptor (spreadsheets written as a stream do)
		try (org.apache.commons.compress.archivers.zip.ZipArchiveInputStream zip = new org.apache.commons.compress.archivers.zip.ZipArchiveInputStream(
				TabularReader.stream(content), "UTF-8", true, true)) {
			org.apache.commons.compress.archivers.zip.ZipArchiveEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				long part = 0;
				int read;
				while ((read = zip.read(buffer)) > 0) {
					total += read;
					part += read;
					if (total > limit) {
						throw new UploadRefusedException("upload.archiveBomb");
					}
				}
				long compressed = zip.getCompressedCount();
				if (compressed > 0 && part / compressed > limits.maxExpansionRatio() && part > (1L << 20)) {
					throw new UploadRefusedException("upload.archiveBomb");
				}
			}
		}
		catch (IOException ex) {
			throw new UploadRefusedException("upload.unreadable", "XLSX");
		}
	}

	private void read(Consumer<TabularRow> consumer, boolean headerOnly) {
		try (InputStream in = TabularReader.stream(content); OPCPackage pkg = OPCPackage.open(in)) {
			XSSFReader reader = new XSSFReader(pkg);
			ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
			StylesTable styles = reader.getStylesTable();
			XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
			if (!sheets.hasNext()) {
				return;
			}
			try (InputStream sheet = sheets.next()) {
				XMLReader parser = XMLHelper.newXMLReader();
				parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new RowCollector(consumer),
						new MarkingFormatter(), false));
				parser.parse(new InputSource(sheet));
			}
		}
		catch (StopReading | UploadRefusedException ex) {
			throw ex;
		}
		catch (IOException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("Zip bomb") || message.contains("zip bomb") || message.contains("MAX_ENTRY_SIZE")) {
				throw new UploadRefusedException("upload.archiveBomb");
			}
			throw new UploadRefusedException("upload.unreadable", "XLSX");
		}
		catch (OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException ex) {
			if (ex.getCause() instanceof IOException io && String.valueOf(io.getMessage()).toLowerCase().contains("zip bomb")) {
				throw new UploadRefusedException("upload.archiveBomb");
			}
			throw new UploadRefusedException("upload.unreadable", "XLSX");
		}
	}

	private static final class StopReading extends RuntimeException {
		StopReading() {
			super(null, null, false, false);
		}
	}

	/** Formats dates as ISO and numbers plainly, each with a marker saying what the workbook stored. */
	private static final class MarkingFormatter extends DataFormatter {

		@Override
		public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
			if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
				return DATE + DateUtil.getLocalDateTime(value, use1904).toLocalDate().toString();
			}
			java.math.BigDecimal exact = java.math.BigDecimal.valueOf(value).stripTrailingZeros();
			return NUMBER + exact.toPlainString();
		}
	}

	private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

		private final Consumer<TabularRow> consumer;
		private List<Cell> cells = new ArrayList<>();

		RowCollector(Consumer<TabularRow> consumer) {
			this.consumer = consumer;
		}

		@Override
		public void startRow(int rowNum) {
			cells = new ArrayList<>();
		}

		@Override
		public void endRow(int rowNum) {
			consumer.accept(new TabularRow(rowNum + 1, cells));
		}

		@Override
		public void cell(String reference, String value, XSSFComment comment) {
			int column = reference == null ? cells.size() : new CellReference(reference).getCol();
			while (cells.size() < column) {
				cells.add(Cell.EMPTY);
			}
			cells.add(toCell(value));
		}

		private static Cell toCell(String value) {
			if (value == null || value.isEmpty()) {
				return Cell.EMPTY;
			}
			if (value.charAt(0) == NUMBER) {
				return new Cell(value.substring(1), Cell.Kind.NUMBER);
			}
			if (value.charAt(0) == DATE) {
				return new Cell(value.substring(1), Cell.Kind.DATE);
			}
			return new Cell(FormulaGuard.unguard(value), Cell.Kind.TEXT);
		}
	}
}
