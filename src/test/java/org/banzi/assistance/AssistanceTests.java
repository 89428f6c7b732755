package org.banzi.assistance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.as;
import static org.banzi.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.cadres.CadreMother;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;


/** The assistance ledger against the real database: figures from records, every refusal, the visit gap, scope, masking. */
@IntegrationTest
class AssistanceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	String town;
	String other;
	String village;
	String otherVillage;
	String dept;
	String dept2;
	String leader;
	String deputy;
	String cadre;
	String household;
	String idNumber;
	// last year, whatever the day: everything is in the past and the report day is 31 December
	int year = LocalDate.now().getYear() - 1;
	LocalDate reportDay = LocalDate.of(year, 12, 31);

	static MockMultipartFile csv(String content) {
		return new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	ResultActions upload(String path, String content) throws Exception {
		return mvc.perform(multipart(path).file(csv(content)).with(admin()));
	}

	@BeforeEach
	void aTownshipWithAVillageAndTwoDepartments() throws Exception {
		town = unique("AT");
		other = unique("AO");
		village = unique("AV");
		otherVillage = unique("AW");
		dept = unique("AD");
		dept2 = unique("AE");
		new Fixtures(mvc).units(town + ",帮扶镇,TOWNSHIP,\n" + village + ",示范村,VILLAGE," + town + "\n" + other + ",他镇,TOWNSHIP,\n"
				+ otherVillage + ",他村,VILLAGE," + other + "\n" + dept + ",农业局,DEPARTMENT,\n" + dept2 + ",交通局,DEPARTMENT,\n");
		leader = unique("AL");
		deputy = unique("AS");
		cadre = unique("AC");
		LocalDate birth = LocalDate.of(1970, 5, 5);
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(leader, "县领导", 'M', birth, "副县级", dept, 1) + "\n"
				+ CadreMother.cadreRow(deputy, "科级干部", 'F', birth, "副科级", dept, 2) + "\n"
				+ CadreMother.cadreRow(cadre, "结对干部", 'M', birth, "正科级", dept2, 3) + "\n").andExpect(status().isOk());
		household = unique("H");
		idNumber = CadreMother.idNumber(LocalDate.of(1960, 1, 2), 'M', 7);
		upload("/api/import/households", """
				户编码,所属村,户主姓名,家庭人口,户类型,身份证号
				%s,%s,张三,4,贫困户,%s
				""".formatted(household, village, idNumber)).andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(1));
	}

	Map<String, Double> figures(String unit) throws Exception {
		return new Fixtures(mvc).summaryFigures(year, unit);
	}

	List<String> problemRules(String unit) throws Exception {
		return new Fixtures(mvc).summaryProblemRules(year, unit);
	}

	@Test
	void theFiguresComeFromTheSitesPairingsVisitsAndHelpRecorded() throws Exception {
		upload("/api/import/assistance-sites", """
				year,village_code,kind,leader_cadre_no,departments,targets
				%s,%s,小康示范点,%s,%s;%s,新建住房
				""".formatted(year, village, leader, dept, dept2)).andExpect(status().isOk());
		upload("/api/import/pairings", "year,cadre_no,household_code,start_date\n%s,%s,%s,%s-02-01\n".formatted(year, cadre, household, year))
			.andExpect(status().isOk());
		upload("/api/import/visits", """
				date,cadre_no,household_code,what
				%1$s-03-01,%2$s,%3$s,送化肥
				%1$s-12-20,%2$s,%3$s,慰问
				""".formatted(year, cadre, household)).andExpect(status().isOk());
		upload("/api/import/assistance-help", """
				code,date,kind,provider_unit_code,village_code,household_code,amount,houses
				%1$s-1,%2$s-04-01,FUNDS,%3$s,%4$s,,12000.40,
				%1$s-2,%2$s-05-01,物资折款,%3$s,,%5$s,3000,
				%1$s-3,%2$s-06-01,HOUSING,%3$s,%4$s,,,3
				""".formatted(unique("HELP"), year, dept, village, household)).andExpect(status().isOk());
		Map<String, Double> figures = figures(town);
		assertThat(figures).containsEntry("assistance.sites", 1.0).containsEntry("assistance.keyVillages", 0.0)
			.containsEntry("assistance.leaders", 1.0).containsEntry("assistance.departments", 2.0)
			.containsEntry("assistance.funds", 12000.0).containsEntry("assistance.materials", 3000.0).containsEntry("assistance.houses", 3.0)
			.containsEntry("assistance.cadresPaired", 1.0).containsEntry("assistance.householdsPaired", 1.0)
			.containsEntry("assistance.visits", 2.0);
		assertThat(problemRules(town)).contains("assistance.site.departments").doesNotContain("assistance.visit.maxGapDays");
		assertThat(figures(other)).containsEntry("assistance.sites", 0.0).containsEntry("assistance.visits", 0.0);
		// the visits and the help export to the sheets they were imported from, and import back unchanged
		String visits = export("visits");
		assertThat(visits.lines()).hasSize(3);
		assertThat(visits).contains("送化肥", "慰问", household, cadre);
		upload("/api/import/visits", visits).andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(2));
		String help = export("assistance-help");
		assertThat(help.lines()).hasSize(4);
		assertThat(help).contains("FUNDS", "MATERIALS", "HOUSING", village, household);
		upload("/api/import/assistance-help", help).andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(3));
		assertThat(export("visits", other).lines()).as("another township's visits").hasSize(1);
		// the sites page adds up the year's help to the village and its households, and not another year's
		upload("/api/import/assistance-help", """
				code,date,kind,provider_unit_code,village_code,household_code,amount,houses
				%s,%s-12-31,FUNDS,%s,%s,,500,
				""".formatted(unique("HELP"), year - 1, dept, village)).andExpect(status().isOk());
		String sites = mvc.perform(get("/assistance").param("unit", town).param("year", String.valueOf(year))
				.with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(sites).containsPattern("<td>12000.40</td>\\s*<td>3000.00</td>\\s*<td>3</td>");
	}

	String export(String what) throws Exception {
		return export(what, town);
	}

	String export(String what, String unit) throws Exception {
		return mvc.perform(get("/assistance/export").param("what", what).param("format", "csv").param("unit", unit).param("year",
				String.valueOf(year)).with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void aPairingIsBehindOneDayPastTheGapAndNotOnIt() throws Exception {
		upload("/api/import/pairings", "year,cadre_no,household_code,start_date\n%s,%s,%s,%s-01-10\n".formatted(year, cadre, household, year))
			.andExpect(status().isOk());
		LocalDate onTheGap = reportDay.minusDays(90);
		upload("/api/import/visits", "date,cadre_no,household_code\n%s,%s,%s\n".formatted(onTheGap, cadre, household)).andExpect(status().isOk());
		assertThat(problemRules(town)).doesNotContain("assistance.visit.maxGapDays");
		jdbc.sql("UPDATE visit SET visit_date = visit_date - 1 WHERE household_id = (SELECT id FROM household WHERE code = ?)").param(household)
			.update();
		assertThat(problemRules(town)).containsOnlyOnce("assistance.visit.maxGapDays");
	}

	@Test
	void everyBadRowIsRefusedAndNothingIsWritten() throws Exception {
		upload("/api/import/assistance-sites", """
				year,village_code,kind,leader_cadre_no,departments
				%1$s,%2$s,DEMONSTRATION_SITE,%3$s,%4$s
				%1$s,%5$s,KEY_VILLAGE,%6$s,%4$s
				%1$s,NOPE,KEY_VILLAGE,%3$s,%4$s
				""".formatted(year, town, leader, dept, village, deputy))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("village_code"))
			.andExpect(jsonPath("$.errors[1].column").value("leader_cadre_no"));
		upload("/api/import/households", """
				code,village_code,head_name,members,status,id_number
				%1$s-1,%2$s,李四,0,贫困户,
				%1$s-2,%2$s,王五,3,富裕户,
				%1$s-3,%2$s,赵六,3,监测户,110101199001011234
				%1$s-4,%2$s,钱七,3,监测户,%3$s
				""".formatted(unique("HB"), village, idNumber))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(4));
		upload("/api/import/pairings", "year,cadre_no,household_code,start_date\n%s,%s,%s,%s-06-01\n".formatted(year, cadre, household, year))
			.andExpect(status().isOk());
		upload("/api/import/visits", """
				date,cadre_no,household_code
				%1$s-05-01,%2$s,%3$s
				%4$s,%2$s,%3$s
				%1$s-07-01,%5$s,%3$s
				""".formatted(year, cadre, household, LocalDate.now().plusDays(2), deputy))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(3))
			.andExpect(jsonPath("$.errors[0].message", containsString(year + "-06-01")));
		upload("/api/import/assistance-help", """
				code,date,kind,provider_unit_code,village_code,household_code,amount,houses
				%1$s-1,%2$s-04-01,FUNDS,%3$s,%4$s,,-5,
				%1$s-2,%2$s-04-01,FUNDS,%3$s,%4$s,%5$s,5,
				%1$s-3,%2$s-04-01,HOUSING,%3$s,%4$s,,,
				%1$s-4,%2$s-04-01,FUNDS,NOPE,%4$s,,5,
				""".formatted(unique("HX"), year, dept, village, household))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(4));
		assertThat(jdbc.sql("""
				SELECT (SELECT count(*) FROM assistance_site s JOIN org_unit u ON u.id = s.village_id WHERE u.code IN (:v, :t))
				     + (SELECT count(*) FROM household h JOIN org_unit u ON u.id = h.village_id WHERE u.code = :v AND h.code <> :h)
				     + (SELECT count(*) FROM visit v JOIN household h ON h.id = v.household_id WHERE h.code = :h)
				     + (SELECT count(*) FROM assistance_help WHERE household_id = (SELECT id FROM household WHERE code = :h))""")
			.param("v", village).param("t", town).param("h", household).query(Long.class).single()).isZero();
	}

	@Test
	void anIdNumberTheSpreadsheetTurnedIntoANumberIsRefused() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (XSSFWorkbook book = new XSSFWorkbook()) {
			var sheet = book.createSheet();
			String[] header = { "code", "village_code", "head_name", "members", "status", "id_number" };
			var first = sheet.createRow(0);
			for (int i = 0; i < header.length; i++) {
				first.createCell(i).setCellValue(header[i]);
			}
			var row = sheet.createRow(1);
			row.createCell(0).setCellValue(unique("HN"));
			row.createCell(1).setCellValue(village);
			row.createCell(2).setCellValue("孙八");
			row.createCell(3).setCellValue(2);
			row.createCell(4).setCellValue("已脱贫");
			row.createCell(5).setCellValue(1.10101199001011E17);
			book.write(out);
		}
		mvc.perform(multipart("/api/import/households").file(new MockMultipartFile("file", "h.xlsx",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out.toByteArray())).with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].column").value("id_number"));
	}

	@Test
	void theIdNumberIsShownMaskedEverywhereAndTheLedgerIsClosedOutsideTheScope() throws Exception {
		long id = jdbc.sql("SELECT id FROM household WHERE code = ?").param(household).query(Long.class).single();
		String masked = idNumber.substring(0, 6) + "********" + idNumber.substring(14);
		String page = mvc.perform(get("/assistance/households/" + id).with(user(accounts.loadUserByUsername("admin"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains(masked).doesNotContain(idNumber);
		String village = mvc.perform(get("/assistance/villages/" + this.village).with(user(accounts.loadUserByUsername("admin"))))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(village).contains(masked).doesNotContain(idNumber);
		byte[] export = mvc.perform(get("/assistance/export").param("what", "households").param("format", "csv").param("unit", town)
			.with(user(accounts.loadUserByUsername("admin")))).andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(export, StandardCharsets.UTF_8)).contains(masked).doesNotContain(idNumber);
		assertThat(jdbc.sql("SELECT id_number_cipher FROM household WHERE id = ?").param(id).query(String.class).single()).doesNotContain(idNumber);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE details::text LIKE ?").param("%" + idNumber + "%").query(Long.class)
			.single()).isZero();

		String neighbour = unique("an");
		new Fixtures(mvc).account(neighbour, other, "UNIT_ADMIN");
		mvc.perform(get("/api/assistance/sites").param("unit", town).with(as(neighbour))).andExpect(status().isNotFound());
		mvc.perform(get("/api/assistance/pairings").param("unit", town).with(as(neighbour))).andExpect(status().isNotFound());
		mvc.perform(get("/assistance/households/" + id).with(user(accounts.loadUserByUsername(neighbour)))).andExpect(status().isNotFound());
		mvc.perform(multipart("/api/import/pairings").file(csv("year,cadre_no,household_code,start_date\n%s,%s,%s,%s-01-01\n"
				.formatted(year, cadre, household, year))).with(as(neighbour)))
			.andExpect(status().isUnprocessableContent());
	}
}
