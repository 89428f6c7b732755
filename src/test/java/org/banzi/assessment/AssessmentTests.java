package org.banzi.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.cadres.CadreMother;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

/** Assessment against the real database: one ballot per code, order untraceable, results, quota, blockers, signing. */
@IntegrationTest
class AssessmentTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	String town;
	List<String> team = new ArrayList<>();
	int year = LocalDate.now().getYear() - 1;
	long cycle;

	void upload(String path, String content) throws Exception {
		mvc.perform(multipart(path).file(new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8)))
			.with(admin())).andExpect(status().isOk());
	}

	/** A township team of seven section-level cadres, and a cycle over it open today. */
	@BeforeEach
	void aTeamOfSevenAndAnOpenCycle() throws Exception {
		town = unique("AT");
		team.clear(); // a retry builds a second team: its members must not mix with the first's
		new Fixtures(mvc).units(town + ",考核镇,TOWNSHIP,\n");
		StringBuilder cadres = new StringBuilder("cadre_no,name,gender,birth_date,rank,unit_code,id_number\n");
		StringBuilder members = new StringBuilder("cadre_no,unit_code,team_role,start_date\n");
		for (int i = 0; i < 7; i++) {
			String number = unique("AC");
			team.add(number);
			cadres.append(CadreMother.cadreRow(number, "委员" + i, 'M', LocalDate.of(1975, 1, 1 + i), i == 0 ? "正科级" : "副科级", town, i))
				.append('\n');
			members.append(number).append(',').append(town).append(',').append(i == 0 ? "SECRETARY" : "MEMBER").append(",2020-01-01\n");
		}
		Collections.sort(team.subList(1, team.size()));
		upload("/api/import/cadres", cadres.toString());
		upload("/api/import/team-members", members.toString());
		cycle = ((Number) JsonPath.read(mvc.perform(post("/api/assessment/cycles").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"year":%d,"unit":"%s","opens":"%s","closes":"%s"}""".formatted(year, town, LocalDate.now().minusDays(1),
					LocalDate.now().plusDays(5))))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$.id")).longValue();
	}

	record Issued(long appraisal, List<String> tokens) {
	}

	Issued issue(int voters) throws Exception {
		String json = mvc.perform(post("/api/assessment/cycles/" + cycle + "/appraisals").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"unit\":\"" + town + "\",\"voters\":" + voters + "}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return new Issued(((Number) JsonPath.read(json, "$.appraisal")).longValue(), JsonPath.read(json, "$.tokens"));
	}

	int cast(String token, String teamGrade, String member, String grade, String comment) throws Exception {
		return mvc.perform(post("/api/ballots/" + token).contentType(MediaType.APPLICATION_JSON)
			.content("{\"team\":\"%s\",\"members\":{\"%s\":\"%s\"},\"comment\":\"%s\"}".formatted(teamGrade, member, grade, comment)))
			.andReturn().getResponse().getStatus();
	}

	/** The cycles list and a cycle's page show its state (they call the cycle's methods from the template). */
	@Test
	void theCyclePagesShowEachCyclesState() throws Exception {
		var page = user(accounts.loadUserByUsername("admin"));
		mvc.perform(get("/assessment").with(page)).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(containsString("考核")));
		mvc.perform(get("/assessment/cycles/{id}", cycle).with(page)).andExpect(status().isOk());
	}

	@Test
	void fiftyParallelCastsWithOneCodeGiveExactlyOneBallot() throws Exception {
		Issued issued = issue(3);
		mvc.perform(post("/api/assessment/cycles/" + cycle + "/appraisals").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"unit\":\"" + town + "\",\"voters\":3}")).andExpect(status().isConflict());
		String token = issued.tokens().get(0);
		assertThat(token).hasSize(BallotBox.CODE_LENGTH);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<Future<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			results.add(pool.submit((Callable<Integer>) () -> cast(token, "GOOD", team.get(1), "COMPETENT", "")));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> result : results) {
			statuses.add(result.get());
		}
		pool.shutdown();
		assertThat(statuses).as("statuses: %s", statuses).filteredOn(s -> s == 201).hasSize(1);
		assertThat(statuses).as("statuses: %s", statuses).filteredOn(s -> s == 409).hasSize(49);
		assertThat(jdbc.sql("SELECT count(*) FROM ballot WHERE appraisal_id = ? AND filled").param(issued.appraisal()).query(Long.class).single())
			.isEqualTo(1);
		assertThat(cast("NOSUCHCODE0000000000", "GOOD", team.get(1), "COMPETENT", "")).isEqualTo(404);
		assertThat(cast(issued.tokens().get(1), "GOOD", unique("nobody"), "COMPETENT", "")).isEqualTo(400);
		assertThat(jdbc.sql("SELECT count(*) FROM ballot_code WHERE appraisal_id = ? AND used").param(issued.appraisal()).query(Long.class)
			.single()).as("a refused ballot leaves its code unused").isEqualTo(1);
	}

	/** Kendall's tau between two orders of the same items: 1 the same order, -1 reversed, near 0 unrelated. */
	static double tau(List<Integer> order) {
		long concordant = 0;
		long discordant = 0;
		for (int i = 0; i < order.size(); i++) {
			for (int j = i + 1; j < order.size(); j++) {
				if (order.get(i) < order.get(j)) {
					concordant++;
				}
				else {
					discordant++;
				}
			}
		}
		return (double) (concordant - discordant) / (concordant + discordant);
	}

	/**
	 * Casts 200 ballots, each marked with its place in the order of casting, and reads them back every way there is: the
	 * export (ordered by id) and a plain scan of the table. Unrelated orders give a tau near 0 with a spread of about
	 * 0.05 over 200 items, so each of up to three fresh appraisals is tried, and the order must be unrelated in one of
	 * them; the ordered copy shows the measure would catch an order that leaks.
	 */
	@Test
	void theOrderOfCastingCannotBeReadBackFromTheBallots() throws Exception {
		boolean unrelated = false;
		for (int attempt = 0; attempt < 3 && !unrelated; attempt++) {
			if (attempt > 0) {
				aTeamOfSevenAndAnOpenCycle(); // one appraisal per team and cycle: try again with another
			}
			Issued issued = issue(200);
			for (int i = 0; i < 200; i++) {
				assertThat(cast(issued.tokens().get(i), "GOOD", team.get(1), "COMPETENT", "cast-" + i)).isEqualTo(201);
			}
			List<Integer> scan = jdbc.sql("SELECT comment FROM ballot WHERE appraisal_id = ? AND filled").param(issued.appraisal())
				.query(String.class).list().stream().map(c -> Integer.parseInt(c.substring(5))).toList();
			List<Integer> byId = jdbc.sql("SELECT comment FROM ballot WHERE appraisal_id = ? AND filled ORDER BY id").param(issued.appraisal())
				.query(String.class).list().stream().map(c -> Integer.parseInt(c.substring(5))).toList();
			assertThat(scan).hasSize(200);
			assertThat(tau(scan.stream().sorted().toList())).as("an ordered copy is caught").isGreaterThan(0.9);
			unrelated = Math.abs(tau(scan)) < 0.1 && Math.abs(tau(byId)) < 0.1;
		}
		assertThat(unrelated).isTrue();
		assertThat(jdbc.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'ballot'"
				+ " AND column_name IN ('code_hash', 'voter', 'session', 'ip', 'created_at', 'cast_at')").query(Long.class).single()).isZero();
	}

	@Test
	void resultsExistOnlyAfterTheCycleClosesAndFromEnoughBallots() throws Exception {
		Issued issued = issue(6);
		for (int i = 0; i < 4; i++) {
			assertThat(cast(issued.tokens().get(i), "GOOD", team.get(1), i == 0 ? "INCOMPETENT" : "EXCELLENT", "")).isEqualTo(201);
		}
		mvc.perform(get("/api/assessment/appraisals/" + issued.appraisal() + "/results").with(admin())).andExpect(status().isConflict());
		mvc.perform(post("/api/assessment/cycles/" + cycle + "/close").with(admin())).andExpect(status().isNoContent());
		assertThat(cast(issued.tokens().get(5), "GOOD", team.get(1), "COMPETENT", "")).as("codes stop at close").isEqualTo(404);
		mvc.perform(get("/api/assessment/appraisals/" + issued.appraisal() + "/results").with(admin())).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("4")));
	}

	@Test
	void theResultsCountEachGradeAndTheQuotaOfExcellentHoldsAtItsBoundary() throws Exception {
		Issued issued = issue(5);
		for (int i = 0; i < 5; i++) {
			assertThat(cast(issued.tokens().get(i), i < 2 ? "GOOD" : "AVERAGE", team.get(2), i < 2 ? "INCOMPETENT" : "EXCELLENT", "")).isEqualTo(201);
		}
		mvc.perform(post("/api/assessment/cycles/" + cycle + "/close").with(admin())).andExpect(status().isNoContent());
		mvc.perform(get("/api/assessment/appraisals/" + issued.appraisal() + "/results").with(admin())).andExpect(status().isOk())
			.andExpect(jsonPath("$.ballots").value(5))
			.andExpect(jsonPath("$.team.GOOD").value(2))
			.andExpect(jsonPath("$.members['" + team.get(2) + "'].INCOMPETENT").value(2));
		// two of them trained enough this year, so that no training rule blocks them
		String course = unique("TC");
		upload("/api/import/training-classes", """
				code,title,organizer_unit_code,category,start_date,end_date,class_hours
				%s,年度轮训,%s,ROTATION,%s-03-01,%s-03-20,96
				""".formatted(course, town, year, year));
		upload("/api/import/enrolments", "class_code,cadre_no,absent_hours\n%s,%s,0\n%s,%s,0\n".formatted(course, team.get(1), course, team.get(3)));
		// seven section-level cadres: 15 % rounded down allows one "excellent"
		propose(team.get(1), "EXCELLENT").andExpect(status().isNoContent());
		propose(team.get(3), "EXCELLENT").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("assessment.grade.quota"));
		// an untrained cadre is blocked by the training rule, whatever the quota
		propose(team.get(4), "EXCELLENT").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", containsString("assessment.training.yearsBehind")));
		propose(team.get(1), "EXCELLENT").andExpect(status().isNoContent());
		// 2 of 5 ballots "incompetent" is more than a third: blocked
		propose(team.get(2), "COMPETENT").andExpect(status().isNoContent());
		propose(team.get(1), "COMPETENT").andExpect(status().isNoContent());
		propose(team.get(2), "EXCELLENT").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("assessment.grade.blocked"));
		propose(team.get(5), "BASICALLY_COMPETENT").andExpect(status().isNoContent());
		mvc.perform(post("/api/assessment/cycles/" + cycle + "/sign").with(admin())).andExpect(status().isOk());
		propose(team.get(4), "COMPETENT").andExpect(status().isConflict());
		// signed "basically competent": organizational life opens a rectification item the cadre owns; none for the competent
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				SELECT count(*) FROM rectification_item i JOIN cadre c ON c.id = i.owner_cadre_id
				 WHERE i.source = 'ASSESSMENT' AND i.source_ref = ? AND c.cadre_no = ?""").params("assessment:" + cycle, team.get(5))
			.query(Long.class).single() == 1);
		assertThat(jdbc.sql("SELECT count(*) FROM rectification_item WHERE source_ref = ?").param("assessment:" + cycle).query(Long.class)
			.single()).as("one item, for the one grade short of competent").isEqualTo(1);
		assertThatThrownBy(() -> jdbc.sql("UPDATE grade SET grade = 'EXCELLENT' WHERE cycle_id = ?").param(cycle).update())
			.hasMessageContaining("signed");
		byte[] letter = mvc.perform(get("/assessment/cycles/" + cycle + "/letters/" + team.get(2)).with(user(accounts.loadUserByUsername("admin"))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		assertThat(new String(letter, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
	}

	org.springframework.test.web.servlet.ResultActions propose(String cadre, String grade) throws Exception {
		return mvc.perform(post("/api/assessment/cycles/" + cycle + "/grades").with(admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"cadre\":\"" + cadre + "\",\"grade\":\"" + grade + "\"}"));
	}

	@Test
	void aCadreWhoLeftTheTeamBeforeTheReportDayIsNoSubjectOfTheCycle() throws Exception {
		String leaver = unique("AL");
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(leaver, "离任者", 'F', LocalDate.of(1978, 2, 2), "副科级", town, 9) + "\n");
		upload("/api/import/team-members", "cadre_no,unit_code,team_role,start_date,end_date\n%s,%s,MEMBER,2020-01-01,%s-06-30\n"
			.formatted(leaver, town, year));
		new Fixtures(mvc).account(leaver, town, "CADRE");
		new Fixtures(mvc).account(team.get(3), town, "CADRE");
		var left = user(accounts.loadUserByUsername(leaver));
		assertThat(mvc.perform(get("/my/assessment").with(left)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("您目前不是考核对象");
		mvc.perform(post("/my/assessment/" + cycle).with(left).with(csrf()).param("ownWords", "述职")).andExpect(status().isNotFound());
		var member = user(accounts.loadUserByUsername(team.get(3)));
		assertThat(mvc.perform(get("/my/assessment").with(member)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("您目前不是考核对象");
		mvc.perform(post("/my/assessment/" + cycle).with(member).with(csrf()).param("ownWords", "述职")).andExpect(status().is3xxRedirection());
	}

	@Test
	void anOverdueItemOwnedBlocksExcellentAndACadreSeesOnlyTheirOwnDraft() throws Exception {
		upload("/api/import/rectifications", """
				code,unit_code,source,found_on,problem,owner_cadre_no,deadline
				%s,%s,OTHER,%s-03-01,问题,%s,%s-04-01
				""".formatted(unique("BLK"), town, year, team.get(5), year));
		mvc.perform(post("/api/assessment/cycles/" + cycle + "/close").with(admin())).andExpect(status().isNoContent());
		propose(team.get(5), "EXCELLENT").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.detail", containsString("rectification.overdue.days")));
		new Fixtures(mvc).account(team.get(5), town, "CADRE");
		String page = mvc.perform(get("/my/assessment").with(user(accounts.loadUserByUsername(team.get(5)))))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("逾期整改事项：1").contains("/orglife/rectifications?status=overdue");
		mvc.perform(get("/api/assessment/appraisals/1/results").with(Fixtures.as(team.get(5)))).andExpect(status().isForbidden());
		mvc.perform(get("/assessment/cycles/" + cycle).with(user(accounts.loadUserByUsername(team.get(5))))).andExpect(status().isForbidden());
	}

	@Test
	void aCadresDraftIsKeptUntilTheirRecordsChange() throws Exception {
		new Fixtures(mvc).account(team.get(4), town, "CADRE");
		RequestPostProcessor cadre = user(accounts.loadUserByUsername(team.get(4)));
		assertThat(myAssessment(cadre)).contains("自学次数：0", "逾期整改事项：0");
		assertThat(myAssessment(cadre)).contains("自学次数：0", "逾期整改事项：0");
		upload("/api/import/self-study", """
				cadre_no,date,hours,material
				%s,%s-05-04,2,选读
				""".formatted(team.get(4), year));
		assertThat(myAssessment(cadre)).contains("自学次数：1", "自学学时：2", "逾期整改事项：0");
		upload("/api/import/rectifications", """
				code,unit_code,source,found_on,problem,owner_cadre_no,deadline
				%s,%s,OTHER,%s-03-01,问题,%s,%s-04-01
				""".formatted(unique("KPT"), town, year, team.get(4), year));
		assertThat(myAssessment(cadre)).contains("自学次数：1", "逾期整改事项：1");
	}

	String myAssessment(RequestPostProcessor cadre) throws Exception {
		return mvc.perform(get("/my/assessment").with(cadre)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}
}
