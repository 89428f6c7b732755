package org.banzi.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.as;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.cadres.CadreMother;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.jayway.jsonpath.JsonPath;

/** Integrity against the real database: who sees what, audited reads, the draw, working days, the informant's secrecy. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class IntegrityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	IntegrityYear cadreYear;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	String town;
	String a;
	String b;
	String c;
	String promoted;
	String inspector;
	int year = LocalDate.now().getYear() - 1;

	static MockMultipartFile csv(String content) {
		return new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	ResultActions upload(String path, String content, RequestPostProcessor who) throws Exception {
		return mvc.perform(multipart(path).file(csv(content)).with(who));
	}

	/** Last year's annual reports of these cadres, each filed this year on its day ({@code "01-20"}), by the inspector. */
	ResultActions fileReports(String... cadreThenDay) throws Exception {
		StringBuilder rows = new StringBuilder("year,cadre_no,filed_on\n");
		for (int i = 0; i < cadreThenDay.length; i += 2) {
			rows.append(year).append(',').append(cadreThenDay[i]).append(',').append(year + 1).append('-').append(cadreThenDay[i + 1]).append('\n');
		}
		return upload("/api/import/personal-matters-filings", rows.toString(), as(inspector));
	}

	RequestPostProcessor page(String username) {
		return user(accounts.loadUserByUsername(username));
	}

	/** A township with three county deputies (who must report) and one section principal promoted last year. */
	@BeforeEach
	void aTownshipOfReportingCadres() throws Exception {
		town = unique("IT");
		new Fixtures(mvc).units(town + ",廉政镇,TOWNSHIP,\n");
		a = unique("IA");
		b = unique("IB");
		c = unique("IC");
		promoted = unique("IP");
		LocalDate birth = LocalDate.of(1968, 8, 8);
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number,rank_since\n"
				+ CadreMother.cadreRow(a, "甲县领导", 'M', birth, "副县级", town, 1) + ",2015-01-01\n"
				+ CadreMother.cadreRow(b, "乙县领导", 'F', birth, "副县级", town, 2) + ",2015-01-01\n"
				+ CadreMother.cadreRow(c, "丙县领导", 'M', birth, "副县级", town, 3) + ",2015-01-01\n"
				+ CadreMother.cadreRow(promoted, "丁科长", 'M', birth, "正科级", town, 4) + ",2010-01-01\n", admin()).andExpect(status().isOk());
		upload("/api/import/posts", "cadre_no,unit_code,title,start_date,reason\n%s,%s,镇长,%s-04-01,PROMOTION\n".formatted(promoted, town, year),
				admin()).andExpect(status().isOk());
		inspector = unique("insp");
		new Fixtures(mvc).account(inspector, town, "INSPECTOR");
	}

	@Test
	void theSameSeedDrawsTheSameCadresAndAnotherSeedOthers() {
		List<Long> filers = new ArrayList<>();
		for (long i = 1; i <= 200; i++) {
			filers.add(i);
		}
		assertThat(IntegrityService.draw(filers, 20, 42)).hasSize(20).isEqualTo(IntegrityService.draw(filers, 20, 42));
		assertThat(IntegrityService.draw(filers, 20, 43)).isNotEqualTo(IntegrityService.draw(filers, 20, 42));
		assertThat(IntegrityService.draw(filers, 20, 42)).doesNotHaveDuplicates().allMatch(filers::contains);
	}

	@Test
	void theDrawTakesTenPerCentRoundedUpAddsThePromotedAndIsAuditedOnce() throws Exception {
		fileReports(a, "01-20", b, "01-25", c, "02-15").andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(3));
		String json = mvc.perform(post("/api/integrity/checks/draw").param("year", String.valueOf(year)).param("seed", "20261128")
			.with(as(inspector))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> reasons = JsonPath.read(json, "$[*].reason");
		List<String> drawn = JsonPath.read(json, "$[*].cadreNo");
		assertThat(reasons).containsExactly("RANDOM", "PROMOTION");
		assertThat(drawn.get(0)).isIn(a, b, c);
		assertThat(drawn.get(1)).isEqualTo(promoted);
		mvc.perform(post("/api/integrity/checks/draw").param("year", String.valueOf(year)).param("seed", "1").with(as(inspector)))
			.andExpect(status().isUnprocessableContent());
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'draw' AND details LIKE ?").param("%" + drawn.get(0) + "%")
			.query(Long.class).single()).isEqualTo(1);
		// the report due in the year of the deadline: three, two of them on time
		String due = mvc.perform(get("/api/integrity/reports").param("year", String.valueOf(year + 1)).param("unit", town).with(as(inspector)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Boolean>>read(due, "$[?(@.kind == 'ANNUAL')].onTime")).containsExactlyInAnyOrder(true, true, false);
	}

	/** A cadre's own year (the duty report's draft) gives that cadre's report, read for that cadre alone. */
	@Test
	void aCadresYearGivesWhetherTheirOwnReportWasOnTime() throws Exception {
		fileReports(a, "01-20", c, "02-15").andExpect(status().isOk());
		LocalDate day = LocalDate.of(year + 1, 12, 31);
		assertThat(cadreYear.forCadre(cadreId(a), year + 1, day)).extracting(f -> f.key() + "=" + f.value())
			.containsExactly("integrity.reportOnTime=1");
		assertThat(cadreYear.forCadre(cadreId(c), year + 1, day)).extracting(f -> f.key() + "=" + f.value())
			.containsExactly("integrity.reportOnTime=0");
		assertThat(cadreYear.forCadre(cadreId(b), year + 1, day)).as("not filed").extracting(f -> f.key() + "=" + f.value())
			.containsExactly("integrity.reportOnTime=0");
		assertThat(cadreYear.forCadre(cadreId(promoted), year + 1, day)).as("a section principal, not due").isEmpty();
	}

	private long cadreId(String cadreNo) {
		return jdbc.sql("SELECT id FROM cadre WHERE cadre_no = ?").param(cadreNo).query(Long.class).single();
	}

	@Test
	void aTownshipThatLowersTheRankWhoMustReportMakesItsSectionPrincipalsDue() throws Exception {
		String dueBefore = mvc.perform(get("/api/integrity/reports").param("year", String.valueOf(year + 1)).param("unit", town)
			.with(as(inspector))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(dueBefore, "$[?(@.kind == 'ANNUAL')].cadreNo")).containsExactlyInAnyOrder(a, b, c);
		// the township's own version asks section principals too (the third rank); the county's stays as it is
		upload("/api/import/rules", """
				rule_key,applies_to,unit_code,value,effective_from,source_title
				personalMatters.ranks,ALL,%s,3,2000-01-02,本镇规定
				""".formatted(town), admin()).andExpect(status().isOk());
		String dueAfter = mvc.perform(get("/api/integrity/reports").param("year", String.valueOf(year + 1)).param("unit", town)
			.with(as(inspector))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<String>>read(dueAfter, "$[?(@.kind == 'ANNUAL')].cadreNo")).containsExactlyInAnyOrder(a, b, c, promoted);
	}

	@Test
	void workingDaysSkipTheWeekendAndTheCountysHolidaysAndCountItsWorkedWeekends() {
		LocalDate friday = LocalDate.of(2025, 9, 26);
		WorkingDays plain = new WorkingDays(Map.of());
		assertThat(plain.between(friday, friday.plusDays(7))).isEqualTo(5);
		WorkingDays calendar = new WorkingDays(Map.of(friday.plusDays(3), WorkingDays.HOLIDAY, friday.plusDays(1), WorkingDays.WORKDAY));
		// Saturday worked, Monday off: still five
		assertThat(calendar.between(friday, friday.plusDays(7))).isEqualTo(5);
		assertThat(calendar.working(friday.plusDays(3))).isFalse();
		assertThat(calendar.working(friday.plusDays(2))).isFalse();
	}

	@Test
	void aWeddingReportedTenWorkingDaysBeforeAcrossAWeekendAndAHolidayIsOnTimeAndNineIsNot() throws Exception {
		LocalDate wedding = LocalDate.of(year, 10, 10);
		// 1 to 7 October off, 28 September and 11 October worked
		StringBuilder holidays = new StringBuilder("date,kind,name\n");
		for (int d = 1; d <= 7; d++) {
			holidays.append(LocalDate.of(year, 10, d)).append(",HOLIDAY,国庆节\n");
		}
		holidays.append(LocalDate.of(year, 9, 28)).append(",WORKDAY,调休\n");
		upload("/api/import/holidays", holidays.toString(), as(inspector)).andExpect(status().isOk());
		Map<LocalDate, String> days = new HashMap<>();
		for (int d = 1; d <= 7; d++) {
			days.put(LocalDate.of(year, 10, d), WorkingDays.HOLIDAY);
		}
		days.put(LocalDate.of(year, 9, 28), WorkingDays.WORKDAY);
		WorkingDays calendar = new WorkingDays(days);
		// the latest day that is still ten working days ahead of the wedding, counted by the county's calendar
		LocalDate tenBefore = wedding.minusDays(1);
		while (calendar.between(tenBefore, wedding) < 10) {
			tenBefore = tenBefore.minusDays(1);
		}
		assertThat(tenBefore).as("the holiday week pushes it back beyond two calendar weeks").isBefore(wedding.minusDays(14));
		String on = unique("EV");
		String late = unique("EV");
		upload("/api/import/event-filings", """
				code,cadre_no,kind,event_date,reported_before,reported_after,guests,tables,official_cars
				%1$s,%2$s,婚事,%3$s,%4$s,%3$s,180,18,0
				%5$s,%6$s,WEDDING,%3$s,%7$s,%3$s,180,18,0
				""".formatted(on, a, wedding, tenBefore, late, b, tenBefore.plusDays(1)), as(inspector)).andExpect(status().isOk());
		assertThat(calendar.between(tenBefore.plusDays(1), wedding)).isEqualTo(9);
		String page = mvc.perform(get("/integrity").param("unit", town).param("year", String.valueOf(year)).with(page(inspector)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		String lateRow = page.substring(page.indexOf(late));
		String onRow = page.substring(page.indexOf(on));
		assertThat(lateRow.substring(0, lateRow.indexOf("</tr>"))).contains("事前报告");
		assertThat(onRow.substring(0, onRow.indexOf("</tr>"))).doesNotContain("badge");
	}

	@Test
	void aBadEventFileIsRefusedWholeWithEveryError() throws Exception {
		upload("/api/import/event-filings", """
				code,cadre_no,kind,event_date,reported_before,reported_after,guests
				%1$s-1,%2$s,WEDDING,%3$s-05-01,%3$s-05-02,,10
				%1$s-2,%2$s,FUNERAL,%3$s-05-01,,%3$s-04-30,10
				%1$s-3,%2$s,PARTY,%3$s-05-01,,,10
				%1$s-4,NOBODY,OTHER,%3$s-05-01,,,10
				%1$s-5,%2$s,OTHER,%3$s-05-01,,,-1
				%1$s-6,%2$s,OTHER,%3$s-05-01,,,10
				""".formatted(unique("BAD"), a, year), as(inspector))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(5));
		assertThat(jdbc.sql("SELECT count(*) FROM event_filing f JOIN cadre c ON c.id = f.cadre_id WHERE c.cadre_no = ?").param(a)
			.query(Long.class).single()).isZero();
	}

	@Test
	void everyIntegrityEndpointIsClosedToUnitAdministratorsLeadersAndTrainingAdministrators() throws Exception {
		List<String[]> endpoints = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().equals("org.banzi.integrity")) {
				return;
			}
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					endpoints.add(new String[] { method.name(), pattern.replaceAll("\\{[^}]+}", "1") });
				}
			}
		});
		assertThat(endpoints).hasSizeGreaterThan(15);
		for (String role : List.of("UNIT_ADMIN", "LEADER", "TRAINING_ADMIN")) {
			String name = unique(role.toLowerCase().substring(0, 4));
			new Fixtures(mvc).account(name, town, role);
			for (String[] endpoint : endpoints) {
				if (endpoint[1].startsWith("/my/")) {
					continue;
				}
				var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request(HttpMethod.valueOf(endpoint[0]),
						endpoint[1]).param("year", String.valueOf(year)).param("seed", "1").param("reason", "x");
				int status = endpoint[1].startsWith("/api/")
						? mvc.perform(endpoint[1].startsWith("/api/import/") ? multipart(endpoint[1]).file(csv("year\n")).with(as(name))
								: request.with(as(name))).andReturn().getResponse().getStatus()
						: mvc.perform(request.with(page(name)).with(csrf())).andReturn().getResponse().getStatus();
				assertThat(status).as(role + " " + endpoint[0] + " " + endpoint[1]).isEqualTo(404);
			}
		}
		// a county administrator works with reports but never sees tip-offs
		mvc.perform(get("/integrity").with(page("admin"))).andExpect(status().isOk());
		mvc.perform(get("/integrity/tipoffs").with(page("admin"))).andExpect(status().isNotFound());
		mvc.perform(get("/integrity/tipoffs").with(page(inspector))).andExpect(status().isOk());
	}

	@Test
	void aReportIsReadByItsOwnerAndOfficersOnlyAndEveryReadIsAudited() throws Exception {
		new Fixtures(mvc).account(a, town, "CADRE");
		new Fixtures(mvc).account(b, town, "CADRE");
		mvc.perform(post("/my/integrity/report").with(page(a)).with(csrf()).param("year", String.valueOf(year))
			.param("item_REAL_ESTATE", "住房一套 120平方米").param("item_SALARY", "工资 12万元")).andExpect(status().is3xxRedirection());
		long id = jdbc.sql("SELECT r.id FROM personal_matters_report r JOIN cadre c ON c.id = r.cadre_id WHERE c.cadre_no = ?").param(a)
			.query(Long.class).single();
		assertThat(jdbc.sql("SELECT content_cipher FROM personal_matters_report WHERE id = ?").param(id).query(String.class).single())
			.doesNotContain("住房");
		long before = jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'read' AND object_id = ?").param(String.valueOf(id))
			.query(Long.class).single();
		mvc.perform(get("/integrity/reports/" + id).with(page(inspector))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
					org.hamcrest.Matchers.containsString("住房一套")));
		mvc.perform(get("/integrity/reports/" + id).with(page(a))).andExpect(status().isOk());
		mvc.perform(get("/integrity/reports/" + id).with(page(b))).andExpect(status().isNotFound());
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'read' AND object_id = ?").param(String.valueOf(id))
			.query(Long.class).single()).isEqualTo(before + 2);
		// next year's form starts from this one
		String form = mvc.perform(get("/my/integrity").param("year", String.valueOf(year + 1)).with(page(a)))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(form).contains("住房一套 120平方米");
		mvc.perform(get("/integrity/reports/export").param("year", String.valueOf(year)).with(page(inspector)))
			.andExpect(status().is4xxClientError());
	}

	@Test
	void theInformantIsSeenByTheInspectorAloneAndASubstantiatedTipOffOpensARectificationItem(CapturedOutput output) throws Exception {
		String informant = "举报人" + unique("XM");
		upload("/api/import/team-members", "cadre_no,unit_code,team_role,start_date\n%s,%s,SECRETARY,2020-01-01\n".formatted(a, town), admin())
			.andExpect(status().isOk());
		mvc.perform(post("/integrity/tipoffs").with(page(inspector)).with(csrf()).param("receivedOn", LocalDate.now().minusDays(5).toString())
			.param("channel", "LETTER").param("unitCode", town).param("cadreNo", c).param("summary", "反映违规宴请")
			.param("informant", informant)).andExpect(status().is3xxRedirection());
		long id = jdbc.sql("SELECT t.id FROM tipoff t JOIN org_unit u ON u.id = t.about_unit_id WHERE u.code = ?").param(town)
			.query(Long.class).single();
		assertThat(mvc.perform(get("/integrity/tipoffs/" + id).with(page(inspector))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains(informant);
		assertThat(mvc.perform(get("/integrity/tipoffs").with(page(inspector))).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).doesNotContain(informant);
		mvc.perform(post("/integrity/tipoffs/" + id + "/close").with(page(inspector)).with(csrf()).param("outcome", "SUBSTANTIATED")
			.param("handling", "已责令整改").param("closedOn", LocalDate.now().toString())).andExpect(status().is3xxRedirection());
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM rectification_item WHERE code = ?")
			.param("TO-" + id).query(Long.class).single() == 1);
		assertThat(jdbc.sql("SELECT c.cadre_no FROM rectification_item i JOIN cadre c ON c.id = i.owner_cadre_id WHERE i.code = ?")
			.param("TO-" + id).query(String.class).single()).isEqualTo(c);

		List<String> seen = new ArrayList<>();
		for (String path : List.of("/integrity", "/integrity/tipoffs", "/integrity/tipoffs/" + id, "/orglife/rectifications?status=all",
				"/summary", "/dashboard", "/audit")) {
			seen.add(mvc.perform(get(path).param("unit", town).with(page("admin"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		}
		for (String path : List.of("/api/summary", "/api/summary.docx", "/api/orglife/rectifications")) {
			seen.add(new String(mvc.perform(get(path).param("unit", town).param("year", String.valueOf(LocalDate.now().getYear())).with(admin()))
				.andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
		}
		assertThat(seen).noneMatch(text -> text.contains(informant));
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE details LIKE ?").param("%" + informant + "%").query(Long.class).single())
			.isZero();
		assertThat(output.getAll()).doesNotContain(informant);
	}
}
