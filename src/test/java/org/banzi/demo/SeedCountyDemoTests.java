package org.banzi.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/**
 * The demo county, loaded into a database of its own: its records, summed by the summary, give the seed's Section I
 * figures. The generator writes records only; this test is where the figures are named.
 */
@SpringBootTest(properties = { "banzi.data-dir=target/test-demo-data", "banzi.embedded-fresh=true", "banzi.demo=seed-county" })
@AutoConfigureMockMvc
class SeedCountyDemoTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theSeedCountyReproducesTheSeedsSectionOneFigures() throws Exception {
		int year = LocalDate.now().getYear() - 1;
		String json = mvc.perform(get("/api/summary").param("year", String.valueOf(year)).with(admin()))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		List<Map<String, Object>> list = JsonPath.read(json, "$.figures");
		Map<String, Double> figures = new HashMap<>();
		list.forEach(f -> figures.put((String) f.get("key"), ((Number) f.get("value")).doubleValue()));
		assertThat(figures.get("study.county.groupSessions")).isEqualTo(13);
		assertThat(figures.get("study.county.groupHours")).isEqualTo(104);
		assertThat(figures.get("study.county.selfStudyHoursPerCapita")).isEqualTo(280);
		assertThat(figures.get("study.county.notesCharsPerCapita")).isEqualTo(21_000);
		assertThat(figures.get("study.township.groupSessionsAvg")).isEqualTo(13);
		assertThat(figures.get("study.township.groupHoursAvg")).isEqualTo(100);
		assertThat(figures.get("study.township.selfStudySessionsPerCapita")).isEqualTo(80);
		assertThat(figures.get("study.township.selfStudyHoursPerCapita")).isEqualTo(160);
		assertThat(figures.get("study.township.notesCharsPerCapita")).isEqualTo(15_000);
		assertThat(figures.get("training.classes")).isEqualTo(142);
		assertThat(figures.get("training.trainees")).isEqualTo(11_300);
		assertThat(figures.get("training.traineesSectionLevelAndAbove")).isEqualTo(1_190);
		assertThat(figures.get("teams.adjusted.township")).isEqualTo(7);
		assertThat(figures.get("teams.adjusted.department")).isEqualTo(15);
		assertThat(figures.get("cadres.exchangedForTenure")).isEqualTo(6);
		// organizational life: two democratic life meetings for each of the 81 teams, the secretary's talks with every
		// member before each, four items a team (nine past their deadline), three decisions a team and one for each of
		// the two days of the year's promotions, a notification meeting of the county committee and of each township
		assertThat(figures.get("orglife.lifeMeetings")).isEqualTo(162);
		assertThat(figures.get("orglife.teamsBelowMeetingTarget")).isEqualTo(0);
		assertThat(figures.get("orglife.talks")).isEqualTo(820);
		assertThat(figures.get("orglife.rectifications.found")).isEqualTo(324);
		assertThat(figures.get("orglife.rectifications.completed")).isEqualTo(234);
		assertThat(figures.get("orglife.rectifications.openPastDeadline")).isEqualTo(9);
		assertThat(figures.get("orglife.decisions")).isEqualTo(245);
		assertThat(figures.get("orglife.decisions.appointments")).isEqualTo(2);
		assertThat(figures.get("orglife.appointmentsWithoutDecision")).isEqualTo(0);
		assertThat(figures.get("orglife.notificationMeetings")).isEqualTo(21);
		// serving the people: the seed's sites, leaders, help, houses and pairings
		assertThat(figures.get("assistance.sites")).isEqualTo(5);
		assertThat(figures.get("assistance.keyVillages")).isEqualTo(14);
		assertThat(figures.get("assistance.leaders")).isEqualTo(19);
		assertThat(figures.get("assistance.funds")).isEqualTo(197_600);
		assertThat(figures.get("assistance.materials")).isEqualTo(395_200);
		assertThat(figures.get("assistance.houses")).isEqualTo(83);
		assertThat(figures.get("assistance.cadresPaired")).isEqualTo(659);
		assertThat(figures.get("assistance.householdsPaired")).isEqualTo(1_318);
		assertThat(figures.get("assistance.visits")).isGreaterThan(6 * (1_318 - 5) - 1);
		assertThat(figures.get("assistance.visits")).isEqualTo(
				jdbc.sql("SELECT count(*) FROM visit").query(Long.class).single().doubleValue());
		// integrity, in counts only: 412 county-level cadres due, 5 late and 3 missing; 41 drawn of 409 filers and the
		// 22 promoted checked, 3 omissions and a concealment; 40 filings, 4 breaking a rule; 12 tip-offs, 10 closed
		assertThat(figures.get("integrity.personalMatters.due")).isEqualTo(412);
		assertThat(figures.get("integrity.personalMatters.onTime")).isEqualTo(404);
		assertThat(figures.get("integrity.checks")).isEqualTo(63);
		assertThat(figures.get("integrity.checks.omissions")).isEqualTo(3);
		assertThat(figures.get("integrity.checks.concealments")).isEqualTo(1);
		assertThat(figures.get("integrity.events.filed")).isEqualTo(40);
		assertThat(figures.get("integrity.events.violations")).isEqualTo(4);
		assertThat(figures.get("integrity.tipoffs.received")).isEqualTo(12);
		assertThat(figures.get("integrity.tipoffs.closed")).isEqualTo(10);
		assertThat(figures.get("integrity.tipoffs.overdue")).isEqualTo(1);
		// the year's assessment: every team appraised by twelve voters, every team member graded, and "excellent" within
		// 15 % of each category, the quota rounded down: 81 teams allow 12; the members' two categories allow at most
		// 15 % of their 491 members together
		assertThat(figures.get("assessment.teamsAppraised")).isEqualTo(81);
		assertThat(figures.get("assessment.ballots")).isEqualTo(81 * 12);
		long members = jdbc.sql("SELECT count(DISTINCT cadre_id) FROM team_membership WHERE end_date IS NULL").query(Long.class).single();
		assertThat(figures.get("assessment.grades.excellent") + figures.get("assessment.grades.competent")
				+ figures.get("assessment.grades.basicallyCompetent") + figures.get("assessment.grades.incompetent")).isEqualTo(members);
		assertThat(figures.get("assessment.grades.excellent")).isGreaterThan(0).isLessThanOrEqualTo(Math.floor(members * 0.15));
		assertThat(jdbc.sql("SELECT count(*) FROM grade WHERE unit_id IS NOT NULL AND grade = 'EXCELLENT'").query(Long.class).single())
			.isEqualTo(12);
		// part 4 goes on: the indicators the statistics office entered, with their change on the year before (the seed's
		// I.4), and the responsibility lists: 81 teams of four tasks, the third still open in 7 of them; three analysis
		// meetings instead of four in 12 teams
		assertThat(figures.get("indicators.GDP")).isEqualTo(100_600);
		assertThat(figures.get("indicators.GDP.growth")).isEqualTo(9.8);
		assertThat(figures.get("indicators.TOWNSHIP_ENTERPRISE_VALUE_ADDED")).isEqualTo(45_300);
		assertThat(figures.get("indicators.TOWNSHIP_ENTERPRISE_VALUE_ADDED.growth")).isEqualTo(18.0);
		assertThat(figures.get("indicators.FIXED_INVESTMENT")).isEqualTo(10_816);
		assertThat(figures.get("indicators.INVESTMENT_PROJECTS")).isEqualTo(17);
		assertThat(figures.get("indicators.RURAL_INCOME_PER_CAPITA")).isEqualTo(3_301);
		assertThat(figures.get("indicators.RURAL_INCOME_PER_CAPITA.change")).isEqualTo(190);
		assertThat(figures.get("indicators.URBAN_INCOME_PER_CAPITA")).isEqualTo(5_666);
		assertThat(figures.get("indicators.URBAN_INCOME_PER_CAPITA.change")).isEqualTo(340);
		assertThat(figures).doesNotContainKey("indicators.FIXED_INVESTMENT.growth");
		assertThat(figures.get("responsibility.tasks")).isEqualTo(81 * 4);
		assertThat(figures.get("responsibility.completed")).isEqualTo(81 * 4 - 7);
		assertThat(figures.get("responsibility.teamsBelowAnalysisTarget")).isEqualTo(12);
		// year over year: each figure with the same definition's value for the year before
		List<Number> previousGdp = JsonPath.read(json, "$.figures[?(@.key == 'indicators.GDP')].previous");
		assertThat(previousGdp.get(0).doubleValue()).isEqualTo(91_639);
		List<Number> previousTrainees = JsonPath.read(json, "$.figures[?(@.key == 'training.trainees')].previous");
		assertThat(previousTrainees.get(0).doubleValue()).isEqualTo(81);
		List<String> rules = JsonPath.read(json, "$.problems[*].rule");
		assertThat(rules.stream().filter("responsibility.analysis.perYear"::equals)).hasSize(12);
		assertThat(rules.stream().filter("responsibility.task.overdue"::equals)).hasSize(7);
		assertThat(rules.stream().filter("assistance.visit.maxGapDays"::equals)).hasSize(5);
		assertThat(rules).doesNotContain("assistance.site.departments", "assistance.site.leaders", "assistance.pairing.maxHouseholds");
		assertThat(rules).contains("personalMatters.deadline", "tipoff.handling.days", "wedding.guests.max", "wedding.tables.max",
			"wedding.report.workingDaysBefore");
		assertThat(rules.stream().filter("rectification.overdue.days"::equals)).hasSize(9);
		assertThat(rules.stream().filter("lifeMeeting.topic.daysBefore"::equals)).hasSize(5);
		assertThat(rules.stream().filter("lifeMeeting.report.daysAfter"::equals)).hasSize(4);
		assertThat(rules).doesNotContain("lifeMeeting.quorum.share", "decision.appointment.daysBefore", "lifeMeeting.perYear");
		assertThat(jdbc.sql("SELECT count(*) FROM cadre").query(Long.class).single()).isEqualTo(12_000);
		assertThat(jdbc.sql("SELECT count(*) FROM self_study").query(Long.class).single()).isGreaterThan(900_000);
		assertThat(jdbc.sql("SELECT count(*) FROM group_session").query(Long.class).single()).isGreaterThan(1_400);
		// a county that reads like one: nobody took up a post before 22; tens of posts held too long, not thousands; a few
		// per cent of cadres short of their training hours
		assertThat(jdbc.sql("SELECT count(*) FROM post p JOIN cadre c ON c.id = p.cadre_id WHERE p.start_date < c.birth_date + 22 * interval '1 year'")
			.query(Long.class).single()).isZero();
		List<Object> flags = JsonPath.read(mvc.perform(get("/api/tenure-flags").with(admin())).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8), "$[*]");
		assertThat(flags).hasSizeBetween(10, 100);
		List<String> trainingBehind = JsonPath.read(json, "$.problems[?(@.rule =~ /training\\.hours.*/)].subject");
		long behind = trainingBehind.stream().mapToLong(subject -> Long.parseLong(subject.replaceAll("\\D", ""))).sum();
		assertThat(behind).isPositive().isLessThan(12_000 * 8 / 100);
		// each note's count is the note's own text counted as the note form counts it
		jdbc.sql("SELECT content, characters FROM study_note ORDER BY id LIMIT 500").query((rs, n) -> {
			assertThat(rs.getInt(2)).as(rs.getString(1)).isEqualTo(org.banzi.study.CharacterCount.of(rs.getString(1)));
			return null;
		}).list();
		assertThat(jdbc.sql("SELECT count(*) FROM study_note WHERE content LIKE '%，%'").query(Long.class).single()).isPositive();
	}

	@Autowired
	org.banzi.platform.web.DefaultYear defaultYear;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService accounts;

	@Test
	void aNewcomerLandsOnTheYearWithRecords() throws Exception {
		int current = LocalDate.now().getYear();
		assertThat(defaultYear.defaultYear(current)).isEqualTo(current - 1);
		// a first visit chooses no year: the dashboard shows last year's figures
		String dashboard = mvc.perform(get("/dashboard").with(org.springframework.security.test.web.servlet.request
			.SecurityMockMvcRequestPostProcessors.user(accounts.loadUserByUsername("admin"))))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(dashboard).containsPattern("value=\"" + (current - 1) + "\"[^>]*selected");
		// the first draft tells the seed's whole story from the records, and carries what is open into next year
		String summary = mvc.perform(get("/summary").param("year", String.valueOf(current - 1)).with(org.springframework.security.test
			.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(accounts.loadUserByUsername("admin"))))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(summary).contains("全年地区生产总值100600万元，比上年增长9.8%").contains("乡镇企业完成增加值45300万元，增长18%")
			.contains("农民人均纯收入3301元，比上年增加190元").contains("各班子列出责任任务324项，已完成317项")
			.contains("全年召开民主生活会162次").contains("小康建设示范点5个、重点村14个").contains("对照本年未达到的方面抓好整改")
			.contains("尚未完成的整改事项").doesNotContain("本年尚无");
	}

	@Autowired
	CountyLoader loader;

	@Autowired
	DemoLoader demo;

	/**
	 * Each step of the load is one transaction with its record: a step stopped midway leaves nothing, and a load
	 * stopped after some steps completes the others at the next start, leaving the steps done alone.
	 */
	@Test
	void aLoadStoppedPartwayIsCompletedAtTheNextStart() throws Exception {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.step("SC", "a step killed midway", () -> {
			jdbc.sql("INSERT INTO analysis_meeting (unit_id, meeting_date, topic, created_by) SELECT id, DATE '2000-01-01', '半截', 'test'"
					+ " FROM org_unit WHERE code = 'SCGOV'").update();
			throw new IllegalStateException("killed");
		})).hasMessage("killed");
		assertThat(jdbc.sql("SELECT count(*) FROM analysis_meeting WHERE topic = '半截'").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM demo_load_step WHERE step = 'a step killed midway'").query(Long.class).single()).isZero();
		// as if the load had stopped before its responsibility step
		long tasks = jdbc.sql("SELECT count(*) FROM responsibility_task").query(Long.class).single();
		long cadres = jdbc.sql("SELECT count(*) FROM cadre").query(Long.class).single();
		long selfStudy = jdbc.sql("SELECT count(*) FROM self_study").query(Long.class).single();
		jdbc.sql("DELETE FROM responsibility_task").update();
		jdbc.sql("DELETE FROM analysis_meeting").update();
		jdbc.sql("DELETE FROM development_indicator").update();
		jdbc.sql("DELETE FROM demo_load_step WHERE step IN ('responsibility and indicators', 'assessment', 'done')").update();
		assertThat(loader.loaded("SC")).isFalse();
		// the assessment of the year is there already: the resumed load must not open it twice
		jdbc.sql("INSERT INTO demo_load_step (prefix, step) VALUES ('SC', 'assessment')").update();
		demo.run(null);
		assertThat(loader.loaded("SC")).isTrue();
		assertThat(jdbc.sql("SELECT count(*) FROM responsibility_task").query(Long.class).single()).isEqualTo(tasks);
		assertThat(jdbc.sql("SELECT count(*) FROM cadre").query(Long.class).single()).isEqualTo(cadres);
		assertThat(jdbc.sql("SELECT count(*) FROM self_study").query(Long.class).single()).as("the study step, done, is not run again")
			.isEqualTo(selfStudy);
	}

	@Test
	void theLoadLeavesThePlannerStatisticsOfWhatItWrote() {
		// last_analyze is set by an explicit ANALYZE only, never by autovacuum
		for (String table : List.of("self_study", "study_note", "cadre", "post", "enrolment")) {
			assertThat(jdbc.sql("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = ?").param(table)
				.query(Boolean.class).single()).as(table + " analyzed").isTrue();
		}
		assertThat(jdbc.sql("SELECT count(*) FROM pg_stats WHERE tablename = 'self_study'").query(Long.class).single())
			.isGreaterThan(0);
	}
}
