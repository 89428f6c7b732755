package org.banzi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.banzi.cadres.CadreMother;
import org.banzi.platform.tabular.TemplateWriter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.mock.web.MockHttpSession;

/**
 * Every import template, opened as Excel would: the data sheet holds the header alone, each column formatted for what
 * it holds and each column with a set of values offering them in a drop-down; the notes sheet explains every column
 * in both languages with an example row. A template filled with the labels it offers imports.
 */
@IntegrationTest
class ImportTemplateTests {

	/** Every template: its path and its kind. */
	static final Map<String, List<String>> TEMPLATES = templates();

	@Autowired
	MockMvc mvc;

	static Map<String, List<String>> templates() {
		Map<String, List<String>> templates = new LinkedHashMap<>();
		templates.put("/units/template", List.of("units"));
		templates.put("/rules/template", List.of("rules"));
		templates.put("/cadres/template", List.of("cadres", "posts", "team-members"));
		templates.put("/study/template", List.of("study-sessions", "self-study", "notes"));
		templates.put("/training/template", List.of("training-classes", "enrolments"));
		templates.put("/orglife/template", List.of("life-meetings", "talks", "rectifications", "decisions", "notification-meetings"));
		templates.put("/assistance/template", List.of("assistance-sites", "households", "pairings", "visits", "assistance-help"));
		templates.put("/integrity/template", List.of("personal-matters-filings", "event-filings", "holidays"));
		templates.put("/responsibility/template", List.of("responsibility-tasks", "analysis-meetings"));
		templates.put("/indicators/template", List.of("indicators"));
		return templates;
	}

	/** Page sessions of a county's administrator and its statistics office, signed in once for the class. */
	static MockHttpSession administrator;
	static MockHttpSession statistics;

	/** Who imports there: the statistics office its indicators, the county's administrator everything else. */
	MockHttpSession importer(String path) throws Exception {
		if (administrator == null) {
			Fixtures fixtures = new Fixtures(mvc);
			String county = Fixtures.unique("TPL");
			fixtures.units(county + ",模板县,COUNTY_COMMITTEE,\n");
			String admin = Fixtures.unique("tpladmin");
			String office = Fixtures.unique("tplstat");
			fixtures.account(admin, county, "COUNTY_ADMIN");
			fixtures.account(office, county, "STATISTICS");
			administrator = fixtures.pageSession(admin, Fixtures.STRONG_PASSWORD);
			statistics = fixtures.pageSession(office, Fixtures.STRONG_PASSWORD);
		}
		return path.startsWith("/indicators") ? statistics : administrator;
	}

	XSSFWorkbook download(String path, String kind, String language) throws Exception {
		var response = mvc.perform(get(path).param("kind", kind).param("lang", language).session(importer(path))).andReturn().getResponse();
		assertThat(response.getStatus()).as(path + " " + kind).isEqualTo(200);
		byte[] body = response.getContentAsByteArray();
		return new XSSFWorkbook(new ByteArrayInputStream(body));
	}

	/** One row of the notes sheet: what the template says of a column. */
	record Note(String chinese, String name, String required, String format, String formatEn, String description,
			String descriptionEn, String example) {
	}

	static List<Note> notes(XSSFWorkbook workbook) {
		Sheet notes = workbook.getSheet(TemplateWriter.NOTES_SHEET);
		assertThat(notes).as("the notes sheet").isNotNull();
		DataFormatter text = new DataFormatter();
		List<Note> list = new ArrayList<>();
		for (int r = 1; notes.getRow(r) != null; r++) {
			Row row = notes.getRow(r);
			list.add(new Note(text.formatCellValue(row.getCell(0)), text.formatCellValue(row.getCell(1)),
					text.formatCellValue(row.getCell(2)), text.formatCellValue(row.getCell(4)), text.formatCellValue(row.getCell(5)),
					text.formatCellValue(row.getCell(6)), text.formatCellValue(row.getCell(7)), text.formatCellValue(row.getCell(8))));
		}
		return list;
	}

	/** The values the drop-down of data column {@code column} offers, empty when it has none. */
	static List<String> dropDown(XSSFWorkbook workbook, int column) {
		Sheet data = workbook.getSheetAt(0);
		DataFormatter text = new DataFormatter();
		for (DataValidation validation : data.getDataValidations()) {
			for (CellRangeAddress range : validation.getRegions().getCellRangeAddresses()) {
				if (range.getFirstColumn() <= column && column <= range.getLastColumn()) {
					assertThat(range.getFirstRow()).as("from the first row under the header").isEqualTo(1);
					assertThat(range.getLastRow()).as("to the sheet's last row").isEqualTo(1_048_575);
					assertThat(validation.getErrorStyle()).isEqualTo(DataValidation.ErrorStyle.STOP);
					assertThat(validation.getShowErrorBox()).isTrue();
					String formula = validation.getValidationConstraint().getFormula1();
					AreaReference area = new AreaReference(formula, workbook.getSpreadsheetVersion());
					Sheet lists = workbook.getSheet(area.getFirstCell().getSheetName());
					List<String> values = new ArrayList<>();
					for (CellReference cell : area.getAllReferencedCells()) {
						values.add(text.formatCellValue(lists.getRow(cell.getRow()).getCell(cell.getCol())));
					}
					return values;
				}
			}
		}
		return List.of();
	}

	@Test
	void everyTemplateExplainsItsColumnsFormatsThemAndOffersTheirChoices() throws Exception {
		int templates = 0;
		int choiceColumns = 0;
		for (var entry : TEMPLATES.entrySet()) {
			for (String kind : entry.getValue()) {
				String what = entry.getKey() + " " + kind;
				try (XSSFWorkbook workbook = download(entry.getKey(), kind, "zh_CN")) {
					templates++;
					Sheet data = workbook.getSheetAt(0);
					assertThat(data.getSheetName()).isEqualTo("数据");
					assertThat(data.getLastRowNum()).as(what + ": the header alone, no example in the data").isZero();
					assertThat(workbook.getSheetVisibility(workbook.getSheetIndex(TemplateWriter.LISTS_SHEET)))
						.isEqualTo(SheetVisibility.VERY_HIDDEN);
					List<Note> notes = notes(workbook);
					Row header = data.getRow(0);
					assertThat(notes).as(what + ": a note per column").hasSize(header.getLastCellNum());
					for (int i = 0; i < notes.size(); i++) {
						Note note = notes.get(i);
						String column = what + " " + note.name();
						assertThat(header.getCell(i).getStringCellValue()).as(column).isEqualTo(note.chinese());
						assertThat(List.of(note.required(), note.format(), note.formatEn(), note.description(), note.descriptionEn()))
							.as(column + ": explained in both languages").allMatch(value -> !value.isBlank());
						assertThat(note.description()).as(column).containsPattern("\\p{IsHan}");
						assertThat(note.descriptionEn()).as(column).containsPattern("[A-Za-z]{3}");
						if ("必填".equals(note.required())) {
							assertThat(note.example()).as(column + ": a required column has an example").isNotBlank();
						}
						CellStyle style = data.getColumnStyle(i);
						List<String> choices = dropDown(workbook, i);
						if (note.format().startsWith("从下拉列表中选择")) {
							choiceColumns++;
							assertThat(choices).as(column + ": the drop-down").isNotEmpty();
							assertThat(note.format()).as(column).endsWith(String.join("、", choices));
							assertThat(choices).as(column + ": the example is one of the choices").contains(note.example());
							assertThat(style.getDataFormatString()).isEqualTo("@");
						}
						else {
							assertThat(choices).as(column + ": no drop-down").isEmpty();
						}
						if (note.format().startsWith("日期")) {
							assertThat(style.getDataFormatString()).as(column + ": a date column").isEqualTo("yyyy-mm-dd");
							if (!note.example().isEmpty()) {
								assertThat(LocalDate.parse(note.example())).as(column).isNotNull();
							}
						}
						if (note.format().startsWith("文本")) {
							assertThat(style.getDataFormatString()).as(column + ": a text column").isEqualTo("@");
						}
					}
					Sheet notesSheet = workbook.getSheet(TemplateWriter.NOTES_SHEET);
					Row exampleHeader = notesSheet.getRow(notes.size() + 3);
					Row example = notesSheet.getRow(notes.size() + 4);
					for (int i = 0; i < notes.size(); i++) {
						assertThat(exampleHeader.getCell(i).getStringCellValue()).isEqualTo(notes.get(i).chinese());
						assertThat(example.getCell(i).getStringCellValue()).isEqualTo(notes.get(i).example());
					}
				}
			}
		}
		assertThat(templates).isEqualTo(26);
		assertThat(choiceColumns).as("columns with a set of values").isGreaterThanOrEqualTo(20);
	}

	@Test
	void theCadreTemplateOffersTheLabelsAndFormatsDatesAndIdNumbers() throws Exception {
		try (XSSFWorkbook workbook = download("/cadres/template", "cadres", "zh_CN")) {
			List<String> names = notes(workbook).stream().map(Note::name).toList();
			assertThat(dropDown(workbook, names.indexOf("gender"))).containsExactly("男", "女");
			assertThat(dropDown(workbook, names.indexOf("rank"))).containsExactly("正县级", "副县级", "正科级", "副科级", "一般干部");
			assertThat(workbook.getSheetAt(0).getColumnStyle(names.indexOf("id_number")).getDataFormatString()).isEqualTo("@");
			assertThat(workbook.getSheetAt(0).getColumnStyle(names.indexOf("birth_date")).getDataFormatString()).isEqualTo("yyyy-mm-dd");
		}
		try (XSSFWorkbook workbook = download("/units/template", "units", "zh_CN")) {
			assertThat(dropDown(workbook, 2)).contains("乡镇", "县直部门", "村");
		}
		try (XSSFWorkbook workbook = download("/rules/template", "rules", "zh_CN")) {
			List<String> names = notes(workbook).stream().map(Note::name).toList();
			assertThat(dropDown(workbook, names.indexOf("rule_key"))).contains("study.group.sessions", "assessment.ballots.min");
			assertThat(dropDown(workbook, names.indexOf("applies_to"))).contains("乡镇", "县处级", "全部");
		}
		try (XSSFWorkbook english = download("/cadres/template", "cadres", "en")) {
			assertThat(english.getSheetAt(0).getSheetName()).isEqualTo("Data");
			assertThat(english.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("cadre_no");
			assertThat(notes(english).get(0).descriptionEn()).isEqualTo("A cadre number already recorded");
		}
	}

	@Test
	void aTemplateFilledWithItsLabelsImports() throws Exception {
		String town = Fixtures.unique("TT");
		try (XSSFWorkbook workbook = download("/units/template", "units", "zh_CN")) {
			fill(workbook, town, "模板镇", "乡镇", "");
			mvc.perform(multipart("/api/import/units").file(xlsx(workbook)).with(Fixtures.admin()))
				.andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(1));
		}
		mvc.perform(get("/api/units/" + town).with(Fixtures.admin())).andExpect(jsonPath("$.type").value("TOWNSHIP"));
		String no = Fixtures.unique("TC");
		LocalDate birth = LocalDate.of(1972, 4, 5);
		try (XSSFWorkbook workbook = download("/cadres/template", "cadres", "zh_CN")) {
			Row row = fill(workbook, no, "模板干部", "女", null, "副科级", town, CadreMother.idNumber(birth, 'F', 7));
			row.createCell(3).setCellValue(birth);
			row.getCell(3).setCellStyle(workbook.getSheetAt(0).getColumnStyle(3));
			mvc.perform(multipart("/api/import/cadres").file(xlsx(workbook)).with(Fixtures.admin()))
				.andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(1));
		}
		mvc.perform(get("/api/cadres").param("q", no).with(Fixtures.admin())).andExpect(jsonPath("$.items[0].rank").value("SECTION_DEPUTY"))
			.andExpect(jsonPath("$.items[0].gender").value("F")).andExpect(jsonPath("$.items[0].birthDate").value(birth.toString()));
	}

	static Row fill(XSSFWorkbook workbook, String... values) {
		Row row = workbook.getSheetAt(0).createRow(1);
		for (int i = 0; i < values.length; i++) {
			if (values[i] != null) {
				row.createCell(i).setCellValue(values[i]);
			}
		}
		return row;
	}

	static MockMultipartFile xlsx(XSSFWorkbook workbook) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		workbook.write(out);
		return new MockMultipartFile("file", "filled.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				out.toByteArray());
	}
}
