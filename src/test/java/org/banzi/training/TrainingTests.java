package org.banzi.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.cadres.CadreMother;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.rules.RuleCount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@IntegrationTest
class TrainingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	TrainingRecords records;

	@Autowired
	Units units;

	String school;
	String county1;
	String section1;
	String section2;
	String staff1;
	int year = LocalDate.now().getYear() - 1;

	ResultActions upload(String path, String content) throws Exception {
		return mvc.perform(multipart(path).file(new MockMultipartFile("file", "f.csv", "text/csv",
				content.getBytes(StandardCharsets.UTF_8))).with(admin()));
	}

	@BeforeEach
	void aPartySchoolAndFourCadres() throws Exception {
		school = unique("PS");
		new Fixtures(mvc).units(school + ",党校,PARTY_SCHOOL,\n");
		county1 = unique("TC");
		section1 = unique("TS");
		section2 = unique("TT");
		staff1 = unique("TF");
		LocalDate birth = LocalDate.of(1976, 7, 7);
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(county1, "县领导", 'M', birth, "副县级", school, 1) + "\n"
				+ CadreMother.cadreRow(section1, "科长甲", 'M', birth, "正科级", school, 2) + "\n"
				+ CadreMother.cadreRow(section2, "科长乙", 'F', birth, "副科级", school, 3) + "\n"
				+ CadreMother.cadreRow(staff1, "科员", 'F', birth, "一般干部", school, 4) + "\n").andExpect(status().isOk());
	}

	@Test
	void completionFollowsTheOneSeventhRuleExactlyAndStatisticsCountFromRecords() throws Exception {
		String a = unique("A");
		String b = unique("B");
		upload("/api/import/training-classes", """
				code,title,organizer_unit_code,category,start_date,end_date,class_hours
				%1$s,学习班甲,%3$s,党校主体班,%4$s-03-01,%4$s-03-05,35
				%2$s,轮训班乙,%3$s,ROTATION,%4$s-09-01,%4$s-09-10,70
				""".formatted(a, b, school, year)).andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(2));
		String enrolments = """
				class_code,cadre_no,absent_hours
				%1$s,%3$s,5
				%1$s,%4$s,5.5
				%1$s,%5$s,0
				%2$s,%3$s,0
				%2$s,%6$s,10
				""".formatted(a, b, county1, section1, staff1, section2);
		upload("/api/import/enrolments", enrolments).andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(5));
		upload("/api/import/enrolments", enrolments).andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(5));
		// 5 of 35 is exactly 1/7: completed; 5.5 is more: not completed; 10 of 70 is exactly 1/7: completed
		mvc.perform(get("/api/training/statistics").param("from", year + "-01-01").param("to", year + "-12-31")
			.param("unit", school).with(admin()))
			.andExpect(jsonPath("$.classes").value(2))
			.andExpect(jsonPath("$.trainees").value(4))
			.andExpect(jsonPath("$.distinctTrainees").value(3))
			.andExpect(jsonPath("$.traineesSectionLevelAndAbove").value(3))
			.andExpect(jsonPath("$.nonCompletions").value(1));
		String page = mvc.perform(get("/training/classes/{code}", a).with(user(accounts.loadUserByUsername("admin"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("结业 2 人，未结业 1 人").contains("干部教育培训工作条例（2023年）");
	}

	@Test
	void refusesBadClassesAndEnrolmentsNamingEachRow() throws Exception {
		String good = unique("G");
		upload("/api/import/training-classes", """
				code,title,organizer_unit_code,category,start_date,end_date,class_hours
				%1$s,好班,%2$s,专题培训,%3$s-05-01,%3$s-05-03,20
				%1$s-X,倒序,%2$s,专题培训,%3$s-05-03,%3$s-05-01,20
				%1$s-Y,零学时,%2$s,专题培训,%3$s-05-01,%3$s-05-03,0
				%1$s-Z,怪类别,%2$s,飞行,%3$s-05-01,%3$s-05-03,8
				""".formatted(good, school, year))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(3))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("end_date"))
			.andExpect(jsonPath("$.errors[1].column").value("class_hours"))
			.andExpect(jsonPath("$.errors[2].column").value("category"));
		upload("/api/import/training-classes", "code,title,organizer_unit_code,category,start_date,end_date,class_hours\n"
				+ "%s,好班,%s,专题培训,%d-05-01,%d-05-03,20\n".formatted(good, school, year, year)).andExpect(status().isOk());
		upload("/api/import/enrolments", """
				class_code,cadre_no,absent_hours
				%1$s,%2$s,21
				%1$s,%3$s,0
				%1$s,%3$s,1
				NO-CLASS,%3$s,0
				%1$s,NO-CADRE,0
				""".formatted(good, section1, section2))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(4))
			.andExpect(jsonPath("$.errors[0].column").value("absent_hours"))
			.andExpect(jsonPath("$.errors[1].row").value(4))
			.andExpect(jsonPath("$.errors[1].message", containsString(section2)))
			.andExpect(jsonPath("$.errors[2].column").value("class_code"))
			.andExpect(jsonPath("$.errors[3].column").value("cadre_no"));
		upload("/api/import/enrolments", "class_code,cadre_no,absent_hours,stage\n%s,%s,0,第一期\n%s,%s,0,2\n".formatted(good, section1, good,
				section2))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].column").value("stage"));
	}

	@Test
	void aCertificateIsANumberedPdfWithTheChineseTextEmbedded() throws Exception {
		String code = unique("CF");
		upload("/api/import/training-classes", "code,title,organizer_unit_code,category,start_date,end_date,class_hours\n"
				+ "%s,新任科级干部培训班,%s,党校主体班,%d-01-10,%d-01-20,40\n".formatted(code, school, year, year)).andExpect(status().isOk());
		upload("/api/import/enrolments", "class_code,cadre_no,absent_hours\n%s,%s,2\n".formatted(code, section1)).andExpect(status().isOk());
		String page = mvc.perform(get("/training/classes/{code}", code).with(user(accounts.loadUserByUsername("admin"))))
			.andReturn().getResponse().getContentAsString();
		String link = page.substring(page.indexOf("/training/classes/" + code + "/certificates/"));
		link = link.substring(0, link.indexOf('"'));
		// a GET issues nothing: the certificate has no number until it is issued by a POST
		mvc.perform(get(link).with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isNotFound());
		assertThat(jdbc.sql("SELECT count(*) FROM training_certificate c JOIN enrolment e ON e.id = c.enrolment_id"
				+ " JOIN training_class k ON k.id = e.class_id WHERE k.code = ?").param(code).query(Long.class).single()).isZero();
		byte[] pdf = mvc.perform(post(link).with(user(accounts.loadUserByUsername("admin"))).with(csrf()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		mvc.perform(get(link).with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk());
		assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		Path file = Files.createTempFile("certificate", ".pdf");
		Files.write(file, pdf);
		Process process = new ProcessBuilder("pdftotext", file.toString(), "-").redirectErrorStream(true).start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isZero();
		assertThat(text).contains("结业证书").contains("科长甲").contains("新任科级干部培训班").contains("38").contains(code + "-0001");
	}

	@Test
	void showsWhoIsBehindOnTrainingHoursByTheRuleForTheirLevel() throws Exception {
		String code = unique("HR");
		upload("/api/import/training-classes", "code,title,organizer_unit_code,category,start_date,end_date,class_hours\n"
				+ "%s,长班,%s,党校主体班,%d-04-01,%d-04-30,100\n".formatted(code, school, year, year)).andExpect(status().isOk());
		upload("/api/import/enrolments", "class_code,cadre_no,absent_hours\n%s,%s,0\n%s,%s,14\n".formatted(code, section1, code, section2))
			.andExpect(status().isOk());
		String html = mvc.perform(get("/training/cadres").param("unit", school).param("year", String.valueOf(year))
			.param("behindOnly", "true").with(user(accounts.loadUserByUsername("admin"))))
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains(staff1).contains(county1).doesNotContain(section1).contains(section2)
			.contains("干部培训学时（每年）：目标 90，差 90");
	}

	@Test
	void theDatabaseCountsWhoIsBehindAsTheListDoesUnderALocalOverride() throws Exception {
		String office = unique("TO");
		new Fixtures(mvc).units(office + ",教务处,DEPARTMENT," + school + "\n");
		upload("/api/import/rules", """
				rule_key,applies_to,unit_code,value,effective_from,source_title
				training.hours.perYear,SECTION_LEVEL_AND_BELOW,%s,20,2000-01-02,本单位规定
				""".formatted(office)).andExpect(status().isOk());
		String met = unique("OM");
		String shortByHalf = unique("OS");
		LocalDate birth = LocalDate.of(1980, 8, 8);
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(met, "处员甲", 'M', birth, "副科级", office, 5) + "\n"
				+ CadreMother.cadreRow(shortByHalf, "处员乙", 'F', birth, "一般干部", office, 6) + "\n").andExpect(status().isOk());
		String code = unique("TW");
		upload("/api/import/training-classes", "code,title,organizer_unit_code,category,start_date,end_date,class_hours\n"
				+ "%s,二十学时班,%s,党校主体班,%d-05-01,%d-05-03,20\n".formatted(code, school, year, year)).andExpect(status().isOk());
		// 20 hours meets the office's 20; 19.5 (absent 0.5, still completed) does not; 20 is short of the county's 90
		upload("/api/import/enrolments", "class_code,cadre_no,absent_hours\n%1$s,%2$s,0\n%1$s,%3$s,0.5\n%1$s,%4$s,0\n"
			.formatted(code, met, shortByHalf, section1)).andExpect(status().isOk());

		Unit unit = units.findByCode(school).orElseThrow();
		Scope scope = new Scope(unit.id(), unit.path());
		LocalDate day = LocalDate.of(year, 12, 31);
		java.util.Map<String, Long> counted = new java.util.TreeMap<>();
		for (RuleCount count : records.behind(scope, year, day)) {
			counted.merge(count.rule().key() + "@" + (count.rule().definedAtUnitId() == null ? "default" : "override"), count.count(), Long::sum);
		}
		java.util.Map<String, Long> listed = new java.util.TreeMap<>();
		records.cadres(scope, year, day).stream().filter(TrainingRecords.CadreTraining::behind)
			.forEach(cadre -> listed.merge(cadre.evaluation().rule().key() + "@"
					+ (cadre.evaluation().rule().definedAtUnitId() == null ? "default" : "override"), 1L, Long::sum));
		// by hand: section1, section2 and staff1 short of 90; the office's second cadre short of 20; county1 of 550
		assertThat(counted).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
				"training.hours.perYear@default", 3L, "training.hours.perYear@override", 1L, "training.hours.perFiveYears@default", 1L));
		assertThat(listed).isEqualTo(counted);
	}
}
