package org.banzi.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.csv;
import static org.banzi.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@IntegrationTest
class UnitImportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	long units() {
		return jdbc.sql("SELECT count(*) FROM org_unit").query(Long.class).single();
	}

	@Test
	void importsATreeAndReimportingTheSameFileChangesNothing() throws Exception {
		String t = unique("T");
		String file = """
				code,name,type,parent_code
				%1$s-V1,村一,VILLAGE,%1$s
				%1$s,乡镇甲,TOWNSHIP,
				%1$s-V2,村二,村,%1$s
				""".formatted(t);
		mvc.perform(multipart("/api/import/units").file(csv(file)).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(3))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.errors", hasSize(0)));
		long after = units();
		mvc.perform(multipart("/api/import/units").file(csv(file)).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.unchanged").value(3));
		assertThat(units()).isEqualTo(after);
		String villagePath = jdbc.sql("SELECT path FROM org_unit WHERE code = ?").param(t + "-V2").query(String.class).single();
		String townPath = jdbc.sql("SELECT path FROM org_unit WHERE code = ?").param(t).query(String.class).single();
		assertThat(villagePath).startsWith(townPath);
	}

	@Test
	void aBadFileWritesNothingAndListsEveryBadRow() throws Exception {
		String t = unique("B");
		long before = units();
		String file = """
				code,name,type,parent_code
				%1$s-OK,好单位,DEPARTMENT,
				,没有编码,DEPARTMENT,
				%1$s-2,,DEPARTMENT,
				%1$s-3,坏类型,PLANET,
				%1$s-4,无上级,VILLAGE,NOWHERE-%1$s
				%1$s-OK,重复,DEPARTMENT,
				""".formatted(t);
		mvc.perform(multipart("/api/import/units").file(csv(file)).with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.errors", hasSize(5)))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("code"))
			.andExpect(jsonPath("$.errors[1].row").value(4))
			.andExpect(jsonPath("$.errors[1].column").value("name"))
			.andExpect(jsonPath("$.errors[2].row").value(5))
			.andExpect(jsonPath("$.errors[2].column").value("type"))
			.andExpect(jsonPath("$.errors[3].row").value(6))
			.andExpect(jsonPath("$.errors[3].column").value("parent_code"))
			.andExpect(jsonPath("$.errors[4].row").value(7));
		assertThat(units()).isEqualTo(before);
	}

	@Test
	void errorsComeInTheCallersLanguage() throws Exception {
		String file = "code,name,type\n" + unique("L") + ",名称,PLANET\n";
		mvc.perform(multipart("/api/import/units").file(csv(file)).with(admin()).header("Accept-Language", "en")
			.param("lang", "en"))
			.andExpect(jsonPath("$.errors[0].message", containsString("is not valid")));
		mvc.perform(multipart("/api/import/units").file(csv(file)).with(admin()).param("lang", "zh_CN"))
			.andExpect(jsonPath("$.errors[0].message", containsString("无效")));
	}

	@Test
	void aMoveThatWouldMakeACycleIsRefused() throws Exception {
		String t = unique("C");
		mvc.perform(multipart("/api/import/units")
			.file(csv("code,name,type,parent_code\n%1$s,上,TOWNSHIP,\n%1$s-D,下,VILLAGE,%1$s\n".formatted(t)))
			.with(admin())).andExpect(status().isOk());
		mvc.perform(multipart("/api/import/units")
			.file(csv("code,name,type,parent_code\n%1$s,上,TOWNSHIP,%1$s-D\n".formatted(t)))
			.with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].column").value("parent_code"));
		String parent = jdbc.sql("SELECT p.code FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE u.code = ?")
			.param(t)
			.query(String.class)
			.single();
		assertThat(parent).isEqualTo("COUNTY");
	}

	@Test
	void acceptsChineseHeadersAndAGbkCsvAsExcelSavesIt() throws Exception {
		String t = unique("G");
		String file = "编码,名称,类型,上级编码\r\n" + t + ",城关镇,乡镇,\r\n";
		MockMultipartFile gbk = new MockMultipartFile("file", "单位.csv", "text/csv", file.getBytes(Charset.forName("GBK")));
		mvc.perform(multipart("/api/import/units").file(gbk).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(1));
		assertThat(jdbc.sql("SELECT name FROM org_unit WHERE code = ?").param(t).query(String.class).single())
			.isEqualTo("城关镇");
	}

	@Test
	void importsXlsx() throws Exception {
		String t = unique("X");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			var sheet = workbook.createSheet();
			String[][] rows = { { "code", "name", "type", "parent_code" }, { t, "财政局", "DEPARTMENT", "" },
					{ t + "-1", "财政所", "OTHER", t } };
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			workbook.write(out);
		}
		mvc.perform(multipart("/api/import/units")
			.file(new MockMultipartFile("file", "units.xlsx", "application/octet-stream", out.toByteArray()))
			.with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(2));
	}

	@Test
	void refusesAFileThatIsNotItsDeclaredFormat() throws Exception {
		long before = units();
		mvc.perform(multipart("/api/import/units")
			.file(new MockMultipartFile("file", "units.xlsx", "application/octet-stream",
					"code,name,type\nA,B,OTHER\n".getBytes(StandardCharsets.UTF_8)))
			.with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("upload.notFormat"));
		mvc.perform(multipart("/api/import/units")
			.file(new MockMultipartFile("file", "units.exe", "application/octet-stream", new byte[] { 1, 2, 3 }))
			.with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("upload.unsupportedType"));
		assertThat(units()).isEqualTo(before);
	}

	@Test
	void refusesAnArchiveBomb() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			byte[] zeros = new byte[1024 * 1024];
			for (int i = 0; i < 200; i++) {
				zip.write(zeros);
			}
			zip.closeEntry();
		}
		assertThat(out.size()).isLessThan(1024 * 1024);
		mvc.perform(multipart("/api/import/units")
			.file(new MockMultipartFile("file", "bomb.xlsx", "application/octet-stream", out.toByteArray()))
			.with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("upload.archiveBomb"));
	}

	/**
	 * A workbook within the upload size and the expansion ratio whose shared strings would unpack to more than the
	 * limit: refused before they are read, and the server answers the next request.
	 */
	@Test
	void refusesAWorkbookWhoseSharedStringsUnpackBeyondTheLimit() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
			zip.write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">".getBytes(StandardCharsets.UTF_8));
			StringBuilder chunk = new StringBuilder();
			for (int i = 0; i < 3_600_000; i++) {
				chunk.append("<si><t>").append(Integer.toString(i % 50_000 * 7919, 36)).append("</t></si>");
				if (chunk.length() > 1 << 20) {
					zip.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
					chunk.setLength(0);
				}
			}
			zip.write(chunk.append("</sst>").toString().getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		assertThat(out.size()).as("within the upload limit").isLessThan(20 * 1024 * 1024);
		mvc.perform(multipart("/api/import/units")
			.file(new MockMultipartFile("file", "strings.xlsx", "application/octet-stream", out.toByteArray()))
			.with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("upload.archiveBomb"));
		mvc.perform(get("/api/units").with(admin())).andExpect(status().isOk());
	}

	@Test
	void refusesAFileOverTheSizeLimit() throws Exception {
		byte[] big = new byte[21 * 1024 * 1024];
		java.util.Arrays.fill(big, (byte) 'a');
		mvc.perform(multipart("/api/import/units")
			.file(new MockMultipartFile("file", "big.csv", "text/csv", big))
			.with(admin()))
			.andExpect(status().isPayloadTooLarge());
	}

	@Test
	void anExportImportsAgainWithoutAnyChange() throws Exception {
		String t = unique("E");
		mvc.perform(multipart("/api/import/units")
			.file(csv("code,name,type,parent_code\n%1$s,出口镇,TOWNSHIP,\n%1$s-1,出口村,VILLAGE,%1$s\n".formatted(t)))
			.with(admin())).andExpect(status().isOk());
		for (String format : new String[] { "csv", "xlsx" }) {
			byte[] exported = mvc.perform(get("/units/export").param("format", format).with(page("admin")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsByteArray();
			mvc.perform(multipart("/api/import/units")
				.file(new MockMultipartFile("file", "export." + format, "application/octet-stream", exported))
				.with(admin()))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.inserted").value(0))
				.andExpect(jsonPath("$.updated").value(0))
				.andExpect(jsonPath("$.unchanged").value((int) jdbc
					.sql("SELECT count(*) FROM org_unit WHERE retired_on IS NULL").query(Long.class).single().longValue()));
		}
	}

	/** A name that a spreadsheet would run as a formula is exported as text, and imports back as it was. */
	@Test
	void anExportedCellThatLooksLikeAFormulaStaysText() throws Exception {
		String t = unique("F");
		String name = "=HYPERLINK(\"http://x.example\",\"点我\")";
		mvc.perform(multipart("/api/import/units")
			.file(csv("code,name,type,parent_code\n%s,\"%s\",TOWNSHIP,\n".formatted(t, name.replace("\"", "\"\""))))
			.with(admin())).andExpect(status().isOk());
		String exported = mvc.perform(get("/units/export").param("format", "csv").with(page("admin"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(exported).contains("\"'=HYPERLINK(").doesNotContain(",\"=HYPERLINK(");
		byte[] xlsx = mvc.perform(get("/units/export").param("format", "xlsx").with(page("admin"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
			var sheet = workbook.getSheetAt(0);
			boolean found = false;
			for (var row : sheet) {
				if (t.equals(row.getCell(0).getStringCellValue())) {
					assertThat(row.getCell(1).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
					assertThat(row.getCell(1).getStringCellValue()).isEqualTo("'" + name);
					found = true;
				}
			}
			assertThat(found).isTrue();
		}
		mvc.perform(multipart("/api/import/units").file(new MockMultipartFile("file", "export.xlsx", "application/octet-stream", xlsx))
			.with(admin())).andExpect(status().isOk()).andExpect(jsonPath("$.updated").value(0));
		assertThat(jdbc.sql("SELECT name FROM org_unit WHERE code = ?").param(t).query(String.class).single()).isEqualTo(name);
	}

	@Autowired
	UserDetailsService accounts;

	RequestPostProcessor page(String username) {
		return user(accounts.loadUserByUsername(username));
	}
}
