package org.banzi.cadres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.as;
import static org.banzi.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

@IntegrationTest
class CadreImportTests {

	static final String HEADER = "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	String town;
	String other;

	@BeforeEach
	void units() throws Exception {
		town = unique("CT");
		other = unique("CO");
		new Fixtures(mvc).units("%s,干部镇,TOWNSHIP,\n%s,他镇,TOWNSHIP,\n".formatted(town, other));
	}

	static MockMultipartFile csv(String name, String content) {
		return new MockMultipartFile("file", name, "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	/** What an import inserts or changes is in the audit trail row by row: a home unit or ID number changed by import is traceable. */
	@Test
	void anImportRecordsEachRowsValuesBeforeAndAfter() throws Exception {
		String no = unique("R");
		String row = CadreMother.cadreRow(no, "调动人", 'M', LocalDate.of(1972, 5, 1), "正科级", town, 21);
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER + row + "\n")).with(admin())).andExpect(status().isOk());
		String moved = CadreMother.cadreRow(no, "调动人", 'M', LocalDate.of(1972, 5, 1), "正科级", other, 22);
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER + moved + "\n")).with(admin()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.updated").value(1));
		List<String> records = jdbc.sql("SELECT details FROM audit_record WHERE action = 'import-rows' AND object_type = 'cadres'"
				+ " AND details LIKE ? ORDER BY seq").param("%" + no + "%").query(String.class).list();
		assertThat(records).hasSize(2);
		var inserted = JsonPath.parse(records.get(0));
		assertThat(inserted.read("$.rows[0].key", String.class)).isEqualTo(no);
		assertThat(inserted.read("$.rows[0].after.homeUnit", String.class)).isEqualTo(town);
		var changed = JsonPath.parse(records.get(1));
		assertThat(changed.read("$.rows[0].before.homeUnit", String.class)).isEqualTo(town);
		assertThat(changed.read("$.rows[0].after.homeUnit", String.class)).isEqualTo(other);
		assertThat(changed.read("$.rows[0].after.idNumberHash", String.class)).isNotEqualTo(changed.read("$.rows[0].before.idNumberHash", String.class));
		// the ID number itself is not written to the trail
		String id = row.substring(row.lastIndexOf(',') + 1);
		assertThat(records).noneMatch(r -> r.contains(id));
	}

	/** An ID number held by a cadre outside the caller's scope is refused without naming that cadre. */
	@Test
	void anIdNumberTakenOutsideTheScopeIsRefusedWithoutNamingItsHolder() throws Exception {
		String holder = unique("H");
		String row = CadreMother.cadreRow(holder, "外镇人", 'M', LocalDate.of(1971, 4, 1), "正科级", other, 7);
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER + row + "\n")).with(admin())).andExpect(status().isOk());
		String townAdmin = unique("tadm");
		new Fixtures(mvc).account(townAdmin, town, "UNIT_ADMIN");
		String copy = row.replace(holder, unique("N")).replace("," + other + ",", "," + town + ",");
		String refused = mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER + copy + "\n")).with(Fixtures.as(townAdmin)))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].column").value("id_number"))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(refused).doesNotContain(holder).contains("另一名干部");
		// the county administrator sees the holder, and is told who it is
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER + copy + "\n")).with(admin()))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].message").value(containsString(holder)));
	}

	@Test
	void importsCadresAcceptingChineseValuesAndAReimportChangesNothing() throws Exception {
		String a = unique("A");
		String b = unique("B");
		String rowA = CadreMother.cadreRow(a, "张三", 'M', LocalDate.of(1975, 3, 1), "正科级", town, 1);
		String idA = rowA.substring(rowA.lastIndexOf(',') + 1);
		String file = HEADER + rowA + "\n"
				+ CadreMother.cadreRow(b, "李四", 'F', LocalDate.of(1980, 12, 31), "SECTION_DEPUTY", town, 2).replace("1980-12-31", "1980/12/31") + "\n";
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", file)).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(2));
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", file)).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.unchanged").value(2));
		String stored = jdbc.sql("SELECT id_number_cipher || id_number_masked FROM cadre WHERE cadre_no = ?").param(a)
			.query(String.class).single();
		assertThat(stored).doesNotContain(idA).contains(IdNumbers.mask(idA));
		assertThat(jdbc.sql("SELECT rank FROM cadre WHERE cadre_no = ?").param(a).query(String.class).single())
			.isEqualTo("SECTION_PRINCIPAL");
	}

	@Test
	void aBadFileWritesNothingAndNamesEveryProblem() throws Exception {
		long before = count("cadre");
		LocalDate birth = LocalDate.of(1970, 5, 20);
		String good = CadreMother.idNumber(birth, 'M', 3);
		String badCheck = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
		String file = HEADER
				+ String.join(",", unique("G"), "好人", "男", birth.toString(), "正科级", town, good) + "\n"
				+ String.join(",", unique("X"), "校验", "男", birth.toString(), "正科级", town, badCheck) + "\n"
				+ String.join(",", unique("Y"), "生日", "男", "1970-05-21", "正科级", town, CadreMother.idNumber(birth, 'M', 4)) + "\n"
				+ String.join(",", unique("Z"), "性别", "女", birth.toString(), "正科级", town, CadreMother.idNumber(birth, 'M', 5)) + "\n"
				+ String.join(",", unique("W"), "单位", "男", birth.toString(), "处长", "NO-UNIT", CadreMother.idNumber(birth, 'M', 6)) + "\n";
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", file)).with(admin()).param("lang", "en"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(5))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("id_number"))
			.andExpect(jsonPath("$.errors[1].row").value(4))
			.andExpect(jsonPath("$.errors[1].message", containsString("date of birth")))
			.andExpect(jsonPath("$.errors[2].row").value(5))
			.andExpect(jsonPath("$.errors[2].message", containsString("gender")))
			.andExpect(jsonPath("$.errors[3].column").value("rank"))
			.andExpect(jsonPath("$.errors[4].column").value("unit_code"));
		assertThat(count("cadre")).isEqualTo(before);
	}

	@Test
	void anIdNumberStoredAsANumberIsRefusedWithAdvice() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (XSSFWorkbook workbook = new XSSFWorkbook()) {
			var sheet = workbook.createSheet();
			var header = sheet.createRow(0);
			String[] names = { "干部编号", "姓名", "性别", "出生日期", "职级", "单位编码", "身份证号" };
			for (int i = 0; i < names.length; i++) {
				header.createCell(i).setCellValue(names[i]);
			}
			var row = sheet.createRow(1);
			row.createCell(0).setCellValue(unique("N"));
			row.createCell(1).setCellValue("数字");
			row.createCell(2).setCellValue("男");
			var date = row.createCell(3);
			date.setCellValue(LocalDate.of(1970, 5, 20));
			var style = workbook.createCellStyle();
			style.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
			date.setCellStyle(style);
			row.createCell(4).setCellValue("副科级");
			row.createCell(5).setCellValue(town);
			row.createCell(6).setCellValue(510722197005200031d);
			workbook.write(out);
		}
		mvc.perform(multipart("/api/import/cadres")
			.file(new MockMultipartFile("file", "c.xlsx", "application/octet-stream", out.toByteArray()))
			.with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].column").value("id_number"))
			.andExpect(jsonPath("$.errors[0].message", containsString("文本")));
	}

	@Test
	void theIdNumberNeverAppearsUnmaskedInListsExportsOrPages() throws Exception {
		String no = unique("M");
		LocalDate birth = LocalDate.of(1968, 8, 8);
		String id = CadreMother.idNumber(birth, 'F', 7);
		mvc.perform(multipart("/api/import/cadres")
			.file(csv("c.csv", HEADER + String.join(",", no, "王五", "女", birth.toString(), "正县级", town, id) + "\n"))
			.with(admin())).andExpect(status().isOk());
		String api = mvc.perform(get("/api/cadres").param("unit", town).with(admin())).andReturn().getResponse().getContentAsString();
		var page = user(accounts.loadUserByUsername("admin"));
		String html = mvc.perform(get("/cadres/{no}", no).with(page)).andReturn().getResponse().getContentAsString();
		String list = mvc.perform(get("/cadres").param("unit", town).with(page)).andReturn().getResponse().getContentAsString();
		String export = new String(mvc.perform(get("/cadres/export").param("format", "csv").param("unit", town).with(page))
			.andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		String masked = IdNumbers.mask(id);
		for (String output : new String[] { api, html, list, export }) {
			assertThat(output).contains(masked).doesNotContain(id);
		}
		String revealed = mvc.perform(post("/cadres/{no}/reveal-id", no).with(page).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(revealed).contains(id);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'reveal-id-number' AND object_id = ?")
			.param(no).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT string_agg(details, '') FROM audit_record").query(String.class).single()).doesNotContain(id);
	}

	/** The count of a whole scope is kept between lists, and a change to the cadres counts it again. */
	@Test
	void theKeptCountOfAScopeFollowsEveryChange() throws Exception {
		LocalDate birth = LocalDate.of(1984, 3, 4);
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER
				+ CadreMother.cadreRow(unique("KC"), "计数一", 'M', birth, "副科级", town, 21) + "\n")).with(admin()))
			.andExpect(status().isOk());
		mvc.perform(get("/api/cadres").param("unit", town).with(admin())).andExpect(jsonPath("$.total").value(1));
		mvc.perform(get("/api/cadres").param("unit", town).with(admin())).andExpect(jsonPath("$.total").value(1));
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER
				+ CadreMother.cadreRow(unique("KC"), "计数二", 'F', birth, "副科级", town, 22) + "\n")).with(admin()))
			.andExpect(status().isOk());
		mvc.perform(get("/api/cadres").param("unit", town).with(admin())).andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items.length()").value(2));
		// a unit moved under the town brings its cadres into the town's count
		String village = unique("KV");
		new Fixtures(mvc).units("%s,计数村,VILLAGE,%s\n".formatted(village, other));
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER
				+ CadreMother.cadreRow(unique("KC"), "计数三", 'M', birth, "副科级", village, 23) + "\n")).with(admin()))
			.andExpect(status().isOk());
		mvc.perform(get("/api/cadres").param("unit", town).with(admin())).andExpect(jsonPath("$.total").value(2));
		new Fixtures(mvc).units("%s,计数村,VILLAGE,%s\n".formatted(village, town));
		mvc.perform(get("/api/cadres").param("unit", town).with(admin())).andExpect(jsonPath("$.total").value(3));
	}

	@Test
	void aUnitAdministratorSeesOnlyTheCadresOfTheirSubtree() throws Exception {
		String mine = unique("MI");
		String theirs = unique("TH");
		LocalDate birth = LocalDate.of(1982, 1, 2);
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER
				+ CadreMother.cadreRow(mine, "本镇", 'M', birth, "副科级", town, 11) + "\n"
				+ CadreMother.cadreRow(theirs, "他镇", 'M', birth, "副科级", other, 12) + "\n")).with(admin()))
			.andExpect(status().isOk());
		String unitAdmin = unique("cua");
		new Fixtures(mvc).account(unitAdmin, town, "UNIT_ADMIN");
		mvc.perform(get("/api/cadres").with(as(unitAdmin)))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].cadreNo").value(mine));
		mvc.perform(get("/api/cadres").param("unit", other).with(as(unitAdmin))).andExpect(status().isNotFound());
		var page = user(accounts.loadUserByUsername(unitAdmin));
		mvc.perform(get("/cadres/{no}", theirs).with(page)).andExpect(status().isNotFound());
		mvc.perform(get("/cadres/{no}", mine).with(page)).andExpect(status().isOk());
		String export = new String(mvc.perform(get("/cadres/export").param("format", "csv").with(page))
			.andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(export).contains(mine).doesNotContain(theirs);
		mvc.perform(post("/cadres/{no}/reveal-id", mine).with(page).with(csrf())).andExpect(status().isForbidden());
		mvc.perform(multipart("/api/import/cadres").file(csv("c.csv", HEADER
				+ CadreMother.cadreRow(theirs, "改名", 'M', birth, "副科级", other, 12) + "\n")).with(as(unitAdmin)))
			.andExpect(status().isUnprocessableContent());
	}
}
