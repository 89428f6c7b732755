package org.banzi.platform.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.banzi.platform.Checked;
import org.banzi.platform.FieldProblem;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

/** An import tracked as a job reports its rows as it reads and checks them; untracked, it reports nothing. */
class ImportProgressTests {

	static final List<Column> COLUMNS = List.of(Column.required("code"), Column.required("hours").number());

	static ParsedSheet read(String csv) {
		StaticMessageSource messages = new StaticMessageSource();
		messages.setUseCodeAsDefaultMessage(true);
		return ParsedSheet.read(new TabularReader(new UploadLimits(null, 0, 0, null, null, 0, 0)), messages, "rows.csv",
				csv.getBytes(StandardCharsets.UTF_8), COLUMNS, Locale.SIMPLIFIED_CHINESE);
	}

	@Test
	void readingAndCheckingAreCountedWhileTheyHappen() {
		ImportProgress progress = new ImportProgress();
		List<String> seen = new ArrayList<>();
		SheetImport.Rows<String> rows = progress.track(() -> {
			ParsedSheet sheet = read("code,hours\nA,1\nB,x\nC,3\n");
			seen.add(progress.phase() + " " + progress.read() + "/" + progress.checked());
			return SheetImport.check(sheet, row -> {
				seen.add(progress.phase() + " " + progress.read() + "/" + progress.checked());
				row.decimal("hours");
				return row.text("code").isEmpty() ? Checked.refused(new FieldProblem("code", "import.error.required"))
						: Checked.of(row.text("code"));
			}, code -> code, "code");
		});
		assertThat(seen).containsExactly("READING 3/0", "READING 3/0", "CHECKING 3/1", "CHECKING 3/2");
		assertThat(progress.read()).isEqualTo(3);
		assertThat(progress.checked()).as("the unreadable row is checked too").isEqualTo(3);
		assertThat(rows.valid()).containsExactly("A", "C");
		assertThat(ImportProgress.current()).as("the thread is no longer tracked").isNull();
	}

	@Test
	void anUntrackedImportReportsToNobody() {
		ImportProgress idle = new ImportProgress();
		read("code,hours\nA,1\n");
		ImportProgress.rowWritten();
		assertThat(idle.read()).isZero();
		assertThat(idle.phase()).isEqualTo(ImportProgress.Phase.QUEUED);
		assertThat(ImportProgress.current()).isNull();
	}
}
