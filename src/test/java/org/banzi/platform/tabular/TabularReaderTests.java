package org.banzi.platform.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** A file kept on disk is streamed within the streamed limits, which are not those of a file read whole. */
class TabularReaderTests {

	final TabularReader reader = new TabularReader(new UploadLimits(DataSize.ofBytes(100), 0, 0, null, DataSize.ofKilobytes(64), 150, 0));

	static byte[] rows(int count) {
		StringBuilder csv = new StringBuilder("\uFEFFcadre_no,material\n");
		for (int i = 1; i <= count; i++) {
			csv.append("C").append(i).append(",\"读本, 第").append(i).append("章\"\n");
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void aCsvFileTooLargeToBeReadWholeIsStreamedRowByRowWithoutItsByteOrderMark() {
		byte[] content = rows(120);
		assertThat(content.length).isGreaterThan(100);
		assertThatThrownBy(() -> reader.open("rows.csv", content)).isInstanceOfSatisfying(UploadRefusedException.class,
				refused -> assertThat(refused.messageKey()).isEqualTo("upload.tooLarge"));
		try (Upload upload = Upload.of("rows.csv", content)) {
			TabularSheet sheet = reader.open(upload);
			assertThat(sheet.header()).containsExactly("cadre_no", "material");
			List<TabularRow> rows = new ArrayList<>();
			sheet.rows(rows::add);
			assertThat(rows).hasSize(120);
			assertThat(rows.get(119).cell(1).text()).isEqualTo("读本, 第120章");
			// a second reading reads the same rows: the file stays until the upload is closed
			List<TabularRow> again = new ArrayList<>();
			sheet.rows(again::add);
			assertThat(again).hasSize(120);
		}
	}

	@Test
	void theStreamedLimitsOnSizeAndRowsStillHoldAndAnXlsxFileIsReadWholeWithinItsOwn() {
		try (Upload upload = Upload.of("rows.csv", rows(151))) {
			assertThatThrownBy(() -> reader.open(upload).rows(row -> { })).isInstanceOfSatisfying(UploadRefusedException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("upload.tooManyRows"));
		}
		try (Upload upload = Upload.of("huge.csv", new byte[70 * 1024])) {
			assertThatThrownBy(() -> reader.open(upload)).isInstanceOfSatisfying(UploadRefusedException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("upload.tooLarge"));
		}
		try (Upload upload = Upload.of("rows.xlsx", rows(10))) {
			assertThatThrownBy(() -> reader.open(upload)).isInstanceOfSatisfying(UploadRefusedException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("upload.tooLarge"));
		}
	}

	@Test
	void closingAnUploadDeletesItsFile() throws Exception {
		Upload upload = Upload.of("rows.csv", rows(1));
		try (var in = upload.open()) {
			assertThat(in.readAllBytes()).isEqualTo(rows(1));
		}
		upload.close();
		assertThatThrownBy(upload::open).isInstanceOf(java.nio.file.NoSuchFileException.class);
	}
}
