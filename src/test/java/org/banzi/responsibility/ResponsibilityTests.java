package org.banzi.responsibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.as;
import static org.banzi.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The responsibility system against the real database: imports, owners among the members, figures, problems, scope. */
@IntegrationTest
class ResponsibilityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	String county;
	String town;
	String other;
	String[] team;
	String stranger;
	// last year, whatever the day the tests run: its report day is 31 December
	int year = LocalDate.now().getYear() - 1;

	static MockMultipartFile csv(String content) {
		return new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	ResultActions upload(String path, String content) throws Exception {
		return mvc.perform(multipart(path).file(csv(content)).with(admin()));
	}

	/** A county with a township whose team is a secretary and two members, and another township with a team of one. */
	@BeforeEach
	void aCountyOfTwoTownships() throws Exception {
		county = unique("RC");
		town = unique("RT");
		other = unique("RO");
		Fixtures fixtures = new Fixtures(mvc);
		fixtures.units(county + ",责任县,COUNTY_GOVERNMENT,\n" + town + ",责任镇,TOWNSHIP," + county + "\n" + other + ",别的镇,TOWNSHIP," + county + "\n");
		team = fixtures.team(town, "RM", "副科级", 'M', LocalDate.of(1975, 3, 1), "书记甲", "委员乙", "委员丙");
		stranger = fixtures.team(other, "RS", "副科级", 'F', LocalDate.of(1976, 3, 1), "书记丁")[0];
	}

	String tasks() {
		return "unit_code,year,task,owner_cadre_no,due_on,completed_on\n"
				+ town + "," + year + ",制定年度理论学习计划," + team[0] + "," + year + "-03-31," + year + "-03-20\n"
				+ town + "," + year + ",落实意识形态工作责任制," + team[1] + "," + year + "-06-30,\n"
				+ town + "," + year + ",开展廉政谈话," + team[2] + "," + year + "-12-31," + year + "-12-15\n";
	}

	@Test
	void tasksAndMeetingsGiveTheFiguresAndTheProblems() throws Exception {
		upload("/api/import/responsibility-tasks", tasks()).andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(3));
		upload("/api/import/analysis-meetings", "unit_code,date,topic\n" + town + "," + year + "-03-28,一季度分析\n" + town + "," + year
				+ "-06-27,二季度分析\n" + town + "," + year + "-09-26,三季度分析\n" + other + "," + year + "-03-28,一季度\n" + other + ","
				+ year + "-06-28,二季度\n" + other + "," + year + "-09-28,三季度\n" + other + "," + year + "-12-20,四季度\n")
			.andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(7));
		Map<String, Double> figures = new Fixtures(mvc).summaryFigures(year, county);
		assertThat(figures).containsEntry("responsibility.tasks", 3.0).containsEntry("responsibility.completed", 2.0)
			.containsEntry("responsibility.teamsBelowAnalysisTarget", 1.0);
		assertThat(new Fixtures(mvc).summaryProblemRules(year, county)).containsOnlyOnce(ResponsibilityFigures.ANALYSIS_PER_YEAR)
			.containsOnlyOnce(ResponsibilityFigures.OVERDUE_TASK);
		mvc.perform(get("/api/responsibility/teams").param("year", String.valueOf(year)).param("unit", county).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.unit == '" + town + "')].analysisMeetings").value(3))
			.andExpect(jsonPath("$[?(@.unit == '" + town + "')].firstResponsible").value(team[0]))
			.andExpect(jsonPath("$[?(@.unit == '" + town + "')].behind").value(true))
			.andExpect(jsonPath("$[?(@.unit == '" + other + "')].behind").value(false));
		mvc.perform(get("/api/responsibility/tasks").param("year", String.valueOf(year)).param("unit", town).param("status", "overdue")
			.with(admin())).andExpect(status().isOk()).andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].task").value("落实意识形态工作责任制")).andExpect(jsonPath("$[0].owner").value(team[1]));
		// a fourth meeting brings the team to the rule; the figure follows the records
		upload("/api/import/analysis-meetings", "unit_code,date,topic\n" + town + "," + year + "-12-18,四季度分析\n").andExpect(status().isOk());
		assertThat(new Fixtures(mvc).summaryFigures(year, county)).containsEntry("responsibility.teamsBelowAnalysisTarget", 0.0);
	}

	@Test
	void theProblemsOfOneRuleAreOneLineTheTeamFurthestBehindFirst() throws Exception {
		upload("/api/import/responsibility-tasks", tasks()).andExpect(status().isOk());
		upload("/api/import/analysis-meetings", "unit_code,date,topic\n" + town + "," + year + "-03-28,一季度分析\n" + town + "," + year
				+ "-06-27,二季度分析\n" + town + "," + year + "-09-26,三季度分析\n" + other + "," + year + "-03-28,一季度\n")
			.andExpect(status().isOk());
		mvc.perform(get("/api/summary").param("year", String.valueOf(year)).param("unit", county).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.problemGroups[?(@.rule == 'responsibility.analysis.perYear')].count").value(2))
			.andExpect(jsonPath("$.problemGroups[?(@.rule == 'responsibility.task.overdue')].text")
				.value(org.hamcrest.Matchers.hasItem("责任任务逾期未完成：1处，责任镇 落实意识形态工作责任制。")))
			.andExpect(jsonPath("$.problemGroups[?(@.rule == 'responsibility.analysis.perYear')].subjects[0]").value("别的镇"))
			.andExpect(jsonPath("$.problemGroups[?(@.rule == 'responsibility.analysis.perYear')].text")
				.value(org.hamcrest.Matchers.hasItem("班子每年专题分析会次数（党委（党组）落实全面从严治党主体责任规定）：2处，别的镇 1、责任镇 3。")));
	}

	@Test
	void theSameFileTwiceChangesNothingAndAChangedRowIsAnUpdate() throws Exception {
		upload("/api/import/responsibility-tasks", tasks()).andExpect(jsonPath("$.inserted").value(3));
		upload("/api/import/responsibility-tasks", tasks()).andExpect(jsonPath("$.inserted").value(0)).andExpect(jsonPath("$.unchanged").value(3));
		upload("/api/import/responsibility-tasks", tasks().replace(year + "-06-30,\n", year + "-06-30," + year + "-07-02\n"))
			.andExpect(jsonPath("$.updated").value(1)).andExpect(jsonPath("$.unchanged").value(2));
		assertThat(jdbc.sql("SELECT completed_on FROM responsibility_task WHERE task = '落实意识形态工作责任制' AND unit_id = (SELECT id FROM org_unit WHERE code = ?)")
			.param(town).query(LocalDate.class).single()).isEqualTo(LocalDate.of(year, 7, 2));
	}

	@Test
	void anOwnerFromOutsideTheTeamOrABadRowRefusesTheWholeFile() throws Exception {
		String bad = "unit_code,year,task,owner_cadre_no,due_on\n"
				+ town + "," + year + ",制定计划," + team[0] + "," + year + "-03-31\n"
				+ town + "," + year + ",开展谈话," + stranger + "," + year + "-05-31\n"
				+ town + "," + year + ",跨年任务," + team[1] + "," + (year + 1) + "-01-31\n"
				+ town + "," + year + ",制定计划," + team[0] + "," + year + "-04-30\n";
		upload("/api/import/responsibility-tasks", bad).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[?(@.row == 3)].column").value("owner_cadre_no"))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].column").value("due_on"))
			.andExpect(jsonPath("$.errors[?(@.row == 5)].column").value("task"));
		assertThat(jdbc.sql("SELECT count(*) FROM responsibility_task WHERE unit_id = (SELECT id FROM org_unit WHERE code = ?)").param(town)
			.query(Long.class).single()).isZero();
	}

	@Test
	void aTownshipAdministratorImportsOnlyForTheirOwnTownship() throws Exception {
		String username = unique("radm");
		new Fixtures(mvc).account(username, other, "UNIT_ADMIN");
		mvc.perform(multipart("/api/import/responsibility-tasks").file(csv(tasks())).with(as(username)))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.errors[0].column").value("unit_code"));
		mvc.perform(get("/api/responsibility/tasks").param("unit", town).with(as(username))).andExpect(status().isNotFound());
		String statistics = unique("rstat");
		new Fixtures(mvc).account(statistics, county, "STATISTICS");
		mvc.perform(get("/api/responsibility/tasks").param("unit", county).with(as(statistics))).andExpect(status().isForbidden());
	}

	@Test
	void thePageListsTasksAndTeamsInBothLanguages() throws Exception {
		// the page's tasks are kept once read: a task added after is listed the next time
		mvc.perform(get("/responsibility").param("unit", county).param("year", String.valueOf(year))
			.with(user(accounts.loadUserByUsername("admin"))))
			.andExpect(status().isOk()).andExpect(content().string(not(containsString("落实意识形态工作责任制"))));
		upload("/api/import/responsibility-tasks", tasks()).andExpect(status().isOk());
		mvc.perform(get("/responsibility").param("unit", county).param("year", String.valueOf(year)).param("status", "overdue")
			.with(user(accounts.loadUserByUsername("admin"))))
			.andExpect(status().isOk()).andExpect(content().string(containsString("落实意识形态工作责任制")))
			.andExpect(content().string(containsString("逾期")))
			.andExpect(content().string(not(containsString("制定年度理论学习计划"))));
		mvc.perform(get("/responsibility").param("unit", county).param("year", String.valueOf(year)).param("status", "overdue")
			.param("lang", "en").with(user(accounts.loadUserByUsername("admin"))))
			.andExpect(status().isOk()).andExpect(content().string(containsString("Past due")))
			.andExpect(content().string(containsString("Analysis meetings held")));
	}
}
