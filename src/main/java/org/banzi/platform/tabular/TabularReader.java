package org.banzi.platform.tabular;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;

/**
 * Opens an uploaded XLSX or CSV file as a {@link TabularSheet}, after checking its size and that its content is the
 * format its name declares. XLSX is read as a stream (constant memory whatever the row count); CSV may be UTF-8
 * (with or without BOM) or GB18030, as Excel saves it on a Chinese Windows.
 */
@Component
public class TabularReader {

	private static final byte[] ZIP_MAGIC = { 'P', 'K', 3, 4 };
	private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
	private final UploadLimits limits;

	public TabularReader(UploadLimits limits) {
		this.limits = limits;
	}

	public TabularSheet open(String filename, byte[] content) {
		if (content.length == 0) {
			throw new UploadRefusedException("upload.empty");
		}
		if (content.length > limits.maxSize().toBytes()) {
			throw new UploadRefusedException("upload.tooLarge", limits.maxSize().toMegabytes());
		}
		String name = filename.toLowerCase(Locale.ROOT);
		if (name.endsWith(".xlsx")) {
			if (!startsWith(content, ZIP_MAGIC)) {
				throw new UploadRefusedException("upload.notFormat", "XLSX");
			}
			return new XlsxSheet(content, limits);
		}
		if (name.endsWith(".csv") || name.endsWith(".txt")) {
			if (startsWith(content, ZIP_MAGIC) || containsNul(content)) {
				throw new UploadRefusedException("upload.notFormat", "CSV");
			}
			String text = decode(content);
			return csv(() -> new StringReader(text), limits.maxRows());
		}
		throw new UploadRefusedException("upload.unsupportedType");
	}

	/**
	 * Opens a file kept on disk for an import that streams it: a CSV file up to the streamed limits is read as it is
	 * parsed, never whole (its encoding found by a first pass that keeps nothing); an XLSX file is read as
	 * {@link #open(String, byte[])} reads it, within the limit of a file read whole.
	 */
	public TabularSheet open(Upload upload) {
		if (upload.size() == 0) {
			throw new UploadRefusedException("upload.empty");
		}
		String name = upload.filename().toLowerCase(Locale.ROOT);
		if (!name.endsWith(".csv") && !name.endsWith(".txt")) {
			return open(upload.filename(), upload.bytes(limits));
		}
		if (upload.size() > limits.maxStreamedSize().toBytes()) {
			throw new UploadRefusedException("upload.tooLarge", limits.maxStreamedSize().toMegabytes());
		}
		byte[] start = new byte[64 * 1024];
		int length;
		try (InputStream in = upload.open()) {
			length = in.readNBytes(start, 0, start.length);
		}
		catch (IOException ex) {
			throw new UploadRefusedException("upload.unreadable", "CSV");
		}
		byte[] head = java.util.Arrays.copyOf(start, length);
		if (startsWith(head, ZIP_MAGIC) || containsNul(head)) {
			throw new UploadRefusedException("upload.notFormat", "CSV");
		}
		Charset charset = readsAs(upload, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8
				: readsAs(upload, Charset.forName("GB18030")) ? Charset.forName("GB18030") : null;
		if (charset == null) {
			throw new UploadRefusedException("upload.notFormat", "CSV");
		}
		int bom = charset.equals(StandardCharsets.UTF_8) && startsWith(head, UTF8_BOM) ? UTF8_BOM.length : 0;
		return csv(() -> {
			try {
				InputStream in = upload.open();
				in.skipNBytes(bom);
				return new InputStreamReader(new java.io.BufferedInputStream(in, 64 * 1024), charset);
			}
			catch (IOException ex) {
				throw new UploadRefusedException("upload.unreadable", "CSV");
			}
		}, limits.maxStreamedRows());
	}

	/** Whether the whole file decodes in the charset without a malformed or unmappable byte (nothing is kept). */
	private static boolean readsAs(Upload upload, Charset charset) {
		try (Reader reader = new InputStreamReader(upload.open(), strict(charset))) {
			char[] buffer = new char[64 * 1024];
			while (reader.read(buffer) >= 0) {
				// decoding is the check
			}
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new UploadRefusedException("upload.unreadable", "CSV");
		}
	}

	private TabularSheet csv(Supplier<Reader> text, int maxRows) {
		CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(false).get();
		List<String> header;
		try (CSVParser parser = CSVParser.parse(text.get(), format)) {
			var iterator = parser.iterator();
			header = iterator.hasNext() ? cellsOf(iterator.next()).stream().map(Cell::trimmed).toList() : List.of();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			throw new UploadRefusedException("upload.unreadable", "CSV");
		}
		return new TabularSheet() {
			@Override
			public List<String> header() {
				return header;
			}

			@Override
			public void rows(Consumer<TabularRow> consumer) {
				try (CSVParser parser = CSVParser.parse(text.get(), format)) {
					int count = 0;
					for (CSVRecord record : parser) {
						if (record.getRecordNumber() == 1) {
							continue;
						}
						TabularRow row = new TabularRow((int) record.getRecordNumber(), cellsOf(record));
						if (row.isBlank()) {
							continue;
						}
						if (++count > maxRows) {
							throw new UploadRefusedException("upload.tooManyRows", maxRows);
						}
						consumer.accept(row);
					}
				}
				catch (IOException | java.io.UncheckedIOException ex) {
					throw new UploadRefusedException("upload.unreadable", "CSV");
				}
			}
		};
	}

	private static List<Cell> cellsOf(CSVRecord record) {
		List<Cell> cells = new ArrayList<>(record.size());
		for (String value : record) {
			cells.add(new Cell(FormulaGuard.unguard(value), Cell.Kind.TEXT));
		}
		return cells;
	}

	static String decode(byte[] content) {
		int offset = startsWith(content, UTF8_BOM) ? UTF8_BOM.length : 0;
		ByteBuffer bytes = ByteBuffer.wrap(content, offset, content.length - offset);
		try {
			return strict(StandardCharsets.UTF_8).decode(bytes).toString();
		}
		catch (CharacterCodingException notUtf8) {
			try {
				return strict(Charset.forName("GB18030")).decode(ByteBuffer.wrap(content)).toString();
			}
			catch (CharacterCodingException notGb) {
				throw new UploadRefusedException("upload.notFormat", "CSV");
			}
		}
	}

	private static java.nio.charset.CharsetDecoder strict(Charset charset) {
		return charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	private static boolean startsWith(byte[] content, byte[] prefix) {
		if (content.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (content[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static boolean containsNul(byte[] content) {
		int limit = Math.min(content.length, 64 * 1024);
		for (int i = 0; i < limit; i++) {
			if (content[i] == 0) {
				return true;
			}
		}
		return false;
	}

	static InputStream stream(byte[] content) {
		return new ByteArrayInputStream(content);
	}
}
