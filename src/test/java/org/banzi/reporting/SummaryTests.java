package org.banzi.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.cadres.CadreMother;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/** A small county built through the public imports; every figure computed here by hand and compared. */
@IntegrationTest
class SummaryTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	final int year = LocalDate.now().getYear() - 1;

	void upload(String path, String content) throws Exception {
		mvc.perform(multipart(path).file(new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8)))
			.with(admin())).andExpect(status().isOk());
	}

	/** Builds a county; returns its code and the cadre numbers by role name. */
	record County(String code, Map<String, String> cadres) {
	}

	County county(int variant) throws Exception {
		String c = unique("K");
		String t1 = c + "-T1";
		String t2 = c + "-T2";
		String d1 = c + "-D1";
		String p = c + "-P";
		new Fixtures(mvc).units("""
				%1$s,测试县委,COUNTY_COMMITTEE,
				%2$s,一镇,TOWNSHIP,%1$s
				%3$s,二镇,TOWNSHIP,%1$s
				%4$s,财政局,DEPARTMENT,%1$s
				%5$s,党校,PARTY_SCHOOL,%1$s
				""".formatted(c, t1, t2, d1, p));
		Map<String, String> n = new HashMap<>();
		StringBuilder cadres = new StringBuilder("cadre_no,name,gender,birth_date,rank,unit_code,id_number\n");
		String[][] people = { { "c1", "副县级", c }, { "c2", "副县级", c }, { "c3", "正县级", c }, { "t1a", "正科级", t1 },
				{ "t1b", "副科级", t1 }, { "t2a", "正科级", t2 }, { "t2b", "副科级", t2 }, { "d1a", "正科级", d1 }, { "s1", "一般干部", d1 } };
		int i = 0;
		for (String[] person : people) {
			n.put(person[0], unique(person[0].toUpperCase()));
			cadres.append(CadreMother.cadreRow(n.get(person[0]), person[0], 'M', LocalDate.of(1970, 1, 1 + i), person[1], person[2], i++))
				.append('\n');
		}
		upload("/api/import/cadres", cadres.toString());
		String y = String.valueOf(year);
		String before = String.valueOf(year - 1);
		upload("/api/import/team-members", """
				cadre_no,unit_code,team_role,start_date,end_date
				%s,%s,SECRETARY,%s-01-01,
				%s,%s,MEMBER,%s-01-01,
				%s,%s,MEMBER,%s-01-01,
				%s,%s,SECRETARY,%s-03-01,
				%s,%s,MEMBER,%s-03-01,
				%s,%s,SECRETARY,%s-01-01,
				%s,%s,MEMBER,%s-01-01,
				%s,%s,SECRETARY,%s-06-01,
				""".formatted(n.get("c1"), c, before, n.get("c2"), c, before, n.get("c3"), c, before, n.get("t1a"), t1, y,
				n.get("t1b"), t1, y, n.get("t2a"), t2, before, n.get("t2b"), t2, before, n.get("d1a"), d1, y));
		upload("/api/import/posts", "cadre_no,unit_code,title,start_date,end_date,key_post,reason\n%s,%s,局长,%s-06-01,,N,EXCHANGE\n"
			.formatted(n.get("d1a"), d1, y));
		StringBuilder sessions = new StringBuilder("unit_code,date,topic,hours,speaker,attendees\n");
		int countySessions = variant == 0 ? 3 : 1;
		for (int s = 1; s <= countySessions; s++) {
			sessions.append("%s,%s-0%d-10,县委学习%d,4,书记,%s;%s\n".formatted(c, y, s, s, n.get("c1"), n.get("c2")));
		}
		sessions.append("%s,%s-04-10,镇学习1,3,书记,%s\n".formatted(t1, y, n.get("t1a")));
		sessions.append("%s,%s-05-10,镇学习2,3,书记,%s\n".formatted(t1, y, n.get("t1a")));
		sessions.append("%s,%s-04-11,镇学习,2,书记,%s\n".formatted(t2, y, n.get("t2a")));
		upload("/api/import/study-sessions", sessions.toString());
		upload("/api/import/self-study", """
				cadre_no,date,hours,material
				%1$s,%5$s-02-01,6,原著
				%1$s,%5$s-02-02,4,原著
				%2$s,%5$s-02-01,5,读本
				%3$s,%5$s-02-01,2,读本
				%3$s,%5$s-02-02,1,读本
				%4$s,%5$s-02-01,1,读本
				""".formatted(n.get("c1"), n.get("c2"), n.get("t1a"), n.get("t1b"), y));
		upload("/api/import/notes", """
				cadre_no,date,title,content
				%1$s,%3$s-02-01,笔记,学习贯彻精神
				%2$s,%3$s-02-01,笔记,学习
				""".formatted(n.get("c1"), n.get("t2b"), y));
		upload("/api/import/training-classes", """
				code,title,organizer_unit_code,category,start_date,end_date,class_hours
				%1$s-K1,班一,%2$s,党校主体班,%3$s-03-01,%3$s-03-05,35
				%1$s-K2,班二,%2$s,专题培训,%3$s-09-01,%3$s-09-10,70
				""".formatted(c, p, y));
		upload("/api/import/enrolments", """
				class_code,cadre_no,absent_hours
				%1$s-K1,%2$s,0
				%1$s-K1,%3$s,6
				%1$s-K1,%4$s,0
				%1$s-K2,%2$s,0
				""".formatted(c, n.get("c1"), n.get("t1a"), n.get("s1")));
		// the year before: one session of the county committee's team
		upload("/api/import/study-sessions", "unit_code,date,topic,hours,speaker,attendees\n%s,%s-11-10,上年学习,3,书记,%s\n"
			.formatted(c, before, n.get("c1")));
		// the responsibility system: the county committee's list and its analysis meetings (four, or one)
		StringBuilder tasks = new StringBuilder("unit_code,year,task,owner_cadre_no,due_on,completed_on\n")
			.append("%s,%s,制定学习计划,%s,%s-03-31,%s-03-20\n".formatted(c, y, n.get("c1"), y, y));
		if (variant == 0) {
			tasks.append("%s,%s,落实意识形态责任制,%s,%s-06-30,\n".formatted(c, y, n.get("c2"), y));
		}
		upload("/api/import/responsibility-tasks", tasks.toString());
		StringBuilder meetings = new StringBuilder("unit_code,date,topic\n");
		for (int q = 1; q <= (variant == 0 ? 4 : 1); q++) {
			meetings.append("%s,%s-%02d-25,第%d季度分析\n".formatted(c, y, 3 * q, q));
		}
		upload("/api/import/analysis-meetings", meetings.toString());
		// the statistics office's indicators: GDP both years, or this year only
		String statistics = unique("stat");
		new Fixtures(mvc).account(statistics, c, "STATISTICS");
		String gdp = "unit_code,year,indicator,value,unit_of_measure,source,published_on\n"
				+ "%s,%s,GDP,%s,万元,县统计局,%s-12-20\n".formatted(c, y, variant == 0 ? "200" : "50", y)
				+ (variant == 0 ? "%s,%s,GDP,180,万元,县统计局,%s-12-20\n".formatted(c, before, before) : "");
		mvc.perform(multipart("/api/import/indicators").file(new MockMultipartFile("file", "f.csv", "text/csv",
				gdp.getBytes(StandardCharsets.UTF_8))).with(Fixtures.as(statistics))).andExpect(status().isOk());
		return new County(c, n);
	}

	Map<String, Number> previous(String code) throws Exception {
		String json = mvc.perform(get("/api/summary").param("year", String.valueOf(year)).param("unit", code).with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		List<Map<String, Object>> list = JsonPath.read(json, "$.figures");
		Map<String, Number> values = new HashMap<>();
		list.stream().filter(f -> f.get("previous") != null).forEach(f -> values.put((String) f.get("key"), (Number) f.get("previous")));
		return values;
	}

	Map<String, Number> figures(String code) throws Exception {
		String json = mvc.perform(get("/api/summary").param("year", String.valueOf(year)).param("unit", code).with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		List<Map<String, Object>> list = JsonPath.read(json, "$.figures");
		Map<String, Number> values = new HashMap<>();
		list.forEach(f -> values.put((String) f.get("key"), (Number) f.get("value")));
		assertThat(list).allSatisfy(f -> assertThat((String) f.get("evidence")).startsWith("/"));
		assertThat(list).allSatisfy(f -> assertThat((String) f.get("definition")).isNotBlank());
		return values;
	}

	@Test
	void everyFigureMatchesTheRecordsCountedByHandAndASecondCountyGivesItsOwn() throws Exception {
		County first = county(0);
		Map<String, Number> figures = figures(first.code());
		// county committee: 3 sessions of 4 hours; members c1, c2, c3 studied 10 + 5 + 0 hours, wrote 6 + 0 + 0 characters
		assertThat(figures.get("study.county.groupSessions").doubleValue()).isEqualTo(3);
		assertThat(figures.get("study.county.groupHours").doubleValue()).isEqualTo(12);
		assertThat(figures.get("study.county.selfStudyHoursPerCapita").doubleValue()).isEqualTo(5.0);
		assertThat(figures.get("study.county.notesCharsPerCapita").doubleValue()).isEqualTo(2.0);
		// two townships: 2 + 1 sessions, 6 + 2 hours; members t1a, t1b, t2a, t2b: 3 entries, 4 hours, 2 characters
		assertThat(figures.get("study.township.groupSessionsAvg").doubleValue()).isEqualTo(1.5);
		assertThat(figures.get("study.township.groupHoursAvg").doubleValue()).isEqualTo(4.0);
		assertThat(figures.get("study.township.selfStudySessionsPerCapita").doubleValue()).isEqualTo(0.8);
		assertThat(figures.get("study.township.selfStudyHoursPerCapita").doubleValue()).isEqualTo(1.0);
		assertThat(figures.get("study.township.notesCharsPerCapita").doubleValue()).isEqualTo(0.5);
		// K1 (35 h): c1 and s1 complete, t1a absent 6 > 5 does not; K2: c1 completes
		assertThat(figures.get("training.classes").intValue()).isEqualTo(2);
		assertThat(figures.get("training.trainees").intValue()).isEqualTo(3);
		assertThat(figures.get("training.distinctTrainees").intValue()).isEqualTo(2);
		assertThat(figures.get("training.traineesSectionLevelAndAbove").intValue()).isEqualTo(2);
		// the first township's team formed in the year; the second's did not change; the department's secretary joined
		assertThat(figures.get("teams.adjusted.township").intValue()).isEqualTo(1);
		assertThat(figures.get("teams.adjusted.department").intValue()).isEqualTo(1);
		assertThat(figures.get("cadres.exchangedForTenure").intValue()).isEqualTo(1);
		// the responsibility system: two tasks, one completed; four teams (county, two townships, the department), only
		// the county committee's held its four analysis meetings
		assertThat(figures.get("responsibility.tasks").intValue()).isEqualTo(2);
		assertThat(figures.get("responsibility.completed").intValue()).isEqualTo(1);
		assertThat(figures.get("responsibility.teamsBelowAnalysisTarget").intValue()).isEqualTo(3);
		// the indicators entered for the county: 200 against 180 the year before
		assertThat(figures.get("indicators.GDP").doubleValue()).isEqualTo(200);
		assertThat(figures.get("indicators.GDP.change").doubleValue()).isEqualTo(20);
		assertThat(figures.get("indicators.GDP.growth").doubleValue()).isEqualTo(11.1);
		// the year before, beside each figure: one session of the county committee, and that year's GDP
		Map<String, Number> before = previous(first.code());
		assertThat(before.get("study.county.groupSessions").doubleValue()).isEqualTo(1);
		assertThat(before.get("study.county.groupHours").doubleValue()).isEqualTo(3);
		assertThat(before.get("indicators.GDP").doubleValue()).isEqualTo(180);
		assertThat(before.get("training.classes").intValue()).isZero();

		County second = county(1);
		Map<String, Number> other = figures(second.code());
		assertThat(other.get("responsibility.tasks").intValue()).isEqualTo(1);
		assertThat(other.get("responsibility.completed").intValue()).isEqualTo(1);
		assertThat(other.get("responsibility.teamsBelowAnalysisTarget").intValue()).isEqualTo(4);
		assertThat(other.get("indicators.GDP").doubleValue()).isEqualTo(50);
		assertThat(other).doesNotContainKey("indicators.GDP.change");
		assertThat(other.get("study.county.groupSessions").doubleValue()).isEqualTo(1);
		assertThat(other.get("study.county.groupHours").doubleValue()).isEqualTo(4);
		assertThat(figures(first.code()).get("study.county.groupSessions").doubleValue()).as("the first county is unchanged").isEqualTo(3);
	}

	@Test
	void problemsNameTheirRules() throws Exception {
		County county = county(0);
		String json = mvc.perform(get("/api/summary").param("year", String.valueOf(year)).param("unit", county.code()).with(admin()))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		List<String> rules = JsonPath.read(json, "$.problems[*].rule");
		assertThat(rules).contains("study.group.sessions", "study.group.hours", "study.self.hours", "training.hours.perYear");
		List<String> texts = JsonPath.read(json, "$.problems[?(@.rule == 'study.group.sessions')].text");
		assertThat(texts).anySatisfy(text -> assertThat(text).contains("测试县委").contains("13"));
	}

	@Test
	void theFiguresAndProblemsAskedAgainFollowTheRecordsChangedBetween() throws Exception {
		County county = county(0);
		// section level and below: t1a, t1b, t2a, t2b, d1a and s1 are all short of 90 hours; county level: c1, c2, c3
		assertThat(problemSubject(county, "training.hours.perYear")).isEqualTo("6 名干部");
		assertThat(problemSubject(county, "training.hours.perYear")).as("asked again, nothing changed").isEqualTo("6 名干部");
		assertThat(problemSubject(county, "training.hours.perFiveYears")).isEqualTo("3 名干部");
		upload("/api/import/training-classes", """
				code,title,organizer_unit_code,category,start_date,end_date,class_hours
				%1$s-K9,长班,%1$s-P,党校主体班,%2$d-10-01,%2$d-10-20,90
				""".formatted(county.code(), year));
		upload("/api/import/enrolments", "class_code,cadre_no,absent_hours\n%s-K9,%s,0\n".formatted(county.code(),
				county.cadres().get("d1a")));
		assertThat(problemSubject(county, "training.hours.perYear")).as("d1a now has 90 hours").isEqualTo("5 名干部");
		assertThat(figures(county.code()).get("training.trainees").intValue()).isEqualTo(4);
	}

	String problemSubject(County county, String rule) throws Exception {
		String json = mvc.perform(get("/api/summary").param("year", String.valueOf(year)).param("unit", county.code()).with(admin()))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		List<String> subjects = JsonPath.read(json, "$.problems[?(@.rule == '%s')].subject".formatted(rule));
		assertThat(subjects).hasSize(1);
		return subjects.get(0);
	}

	@Test
	void aSignedSummaryIsFrozenWhileANewDraftFollowsTheRecords() throws Exception {
		County county = county(0);
		var page = user(accounts.loadUserByUsername("admin"));
		mvc.perform(post("/summary/sign").param("unit", county.code()).param("year", String.valueOf(year)).with(page).with(csrf()))
			.andExpect(status().is3xxRedirection());
		upload("/api/import/study-sessions", "unit_code,date,topic,hours,speaker,attendees\n%s,%d-11-11,补学,5,书记,%s\n"
			.formatted(county.code(), year, county.cadres().get("c1")));
		assertThat(figures(county.code()).get("study.county.groupSessions").doubleValue()).as("the signed version").isEqualTo(3);
		String html = mvc.perform(get("/summary").param("unit", county.code()).param("year", String.valueOf(year)).with(page))
			.andReturn().getResponse().getContentAsString();
		assertThat(html).contains("已签发第 1 版").contains("校验一致").contains("县委理论学习中心组全年集中学习3次");
		mvc.perform(post("/summary/new-draft").param("unit", county.code()).param("year", String.valueOf(year)).with(page).with(csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(figures(county.code()).get("study.county.groupSessions").doubleValue()).as("the new draft").isEqualTo(4);
		String signedJson = mvc.perform(get("/api/summary").param("year", String.valueOf(year)).param("unit", county.code())
			.param("version", "1").with(admin())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat((List<Object>) JsonPath.read(signedJson, "$.figures[?(@.key == 'study.county.groupSessions')].value")).containsExactly(3);
	}

	@Test
	void theDocxOpensInLibreOfficeAndThePdfHasTheFiguresInChinese() throws Exception {
		County county = county(0);
		byte[] docx = mvc.perform(get("/api/summary.docx").param("year", String.valueOf(year)).param("unit", county.code()).with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		byte[] pdf = mvc.perform(get("/api/summary.pdf").param("year", String.valueOf(year)).param("unit", county.code()).with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		Path dir = Files.createTempDirectory("summary");
		Files.write(dir.resolve("summary.docx"), docx);
		Files.write(dir.resolve("summary.pdf"), pdf);
		String docxText = run(dir, "soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + dir.resolve("profile"),
				"--convert-to", "txt:Text (encoded):UTF8", "--outdir", dir.toString(), dir.resolve("summary.docx").toString());
		assertThat(docxText).isNotNull();
		String fromWord = Files.readString(dir.resolve("summary.txt"), StandardCharsets.UTF_8);
		assertThat(fromWord).contains("测试县委").contains("县委理论学习中心组全年集中学习3次").contains("有效学时12小时")
			.contains("举办各类培训班2期").contains("附：数据及其来源");
		String fromPdf = run(dir, "pdftotext", "-enc", "UTF-8", dir.resolve("summary.pdf").toString(), "-");
		assertThat(fromPdf.replaceAll("\\s+", "")).contains("集中学习3次").contains("培训干部3人次").contains("调整乡镇领导班子1个");
	}

	/**
	 * A paragraph whose marks fall where a break ignoring the rules would begin a line with them: the PDF, and the DOCX
	 * as LibreOffice sets it, begin no line with a closing mark; the PDF keeps 22 lines a page and 28 characters a line,
	 * and numbers its pages "— 1 —".
	 */
	@Test
	void bothDocumentsFollowTheChineseRulesOfLineBreakingOnTheGrid() throws Exception {
		County county = county(0);
		var page = user(accounts.loadUserByUsername("admin"));
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 60; i++) {
			// 26 characters fill a first line (after its 2-character indent), 28 every other: a mark follows each
			text.append("学习贯彻党的理论路线方针政策坚持以人民为中心的发展思想深化改革推动".substring(0, i == 0 ? 26 : 28)).append(i % 2 == 0 ? "，" : "。");
		}
		mvc.perform(post("/summary").param("unit", county.code()).param("year", String.valueOf(year)).param("section_problems", text.toString())
			.with(page).with(csrf())).andExpect(status().is3xxRedirection());
		byte[] docx = mvc.perform(get("/api/summary.docx").param("year", String.valueOf(year)).param("unit", county.code()).with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		byte[] pdf = mvc.perform(get("/api/summary.pdf").param("year", String.valueOf(year)).param("unit", county.code()).with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		Path dir = Files.createTempDirectory("typeset");
		Files.write(dir.resolve("summary.docx"), docx);
		Files.write(dir.resolve("summary.pdf"), pdf);
		String fromPdf = run(dir, "pdftotext", "-enc", "UTF-8", dir.resolve("summary.pdf").toString(), "-");
		assertThat(fromPdf.replace(" ", "")).contains("—1—").contains("—2—");
		assertThat(fromPdf.replaceAll("\\s+", "").replaceAll("—\\d+—", "")).contains(text.toString().substring(0, 60));
		assertNoLineBeginsWithAClosingMark(fromPdf);
		String[] pages = fromPdf.split("\f");
		for (String body : pages) {
			List<String> lines = body.lines().map(String::strip).filter(l -> l.matches(".*\\p{IsHan}.*") && !l.startsWith("—")).toList();
			if (body.contains("附：")) {
				break; // the appendix is a table, not text on the grid
			}
			{
				assertThat(lines.size()).as("lines on a page").isLessThanOrEqualTo(SummaryDocuments.LINES_PER_PAGE);
				lines.forEach(l -> assertThat(l.replaceAll("[^\\p{IsHan}]", "").length()).as(l)
					.isLessThanOrEqualTo(SummaryDocuments.CHARACTERS_PER_LINE));
			}
		}
		run(dir, "soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + dir.resolve("profile"), "--convert-to",
				"pdf:writer_pdf_Export", "--outdir", dir.resolve("office").toString(), dir.resolve("summary.docx").toString());
		// laid out as on the page: a table's columns side by side, so a line is what the eye reads as one
		String fromWord = run(dir, "pdftotext", "-layout", "-enc", "UTF-8", dir.resolve("office").resolve("summary.pdf").toString(), "-");
		assertThat(fromWord.replaceAll("\\s+", "").replaceAll("—\\d+—", "")).contains(text.toString().substring(0, 60));
		assertThat(fromWord.replace(" ", "")).contains("—1—");
		// every mark is set, none dropped to make a line fit
		assertThat(fromWord.chars().filter(c -> c == '，' || c == '。').count()).isGreaterThanOrEqualTo(60);
		assertNoLineBeginsWithAClosingMark(fromWord);
	}

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** Every download of the summary as a document is in the audit trail, from the page as from the API. */
	@Test
	void documentDownloadsAreAudited() throws Exception {
		County county = county(0);
		String object = county.code() + "/" + year;
		long before = jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'export' AND object_type = 'summary' AND object_id = ?")
			.param(object).query(Long.class).single();
		mvc.perform(get("/summary/document").param("unit", county.code()).param("year", String.valueOf(year)).param("format", "pdf")
			.with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk());
		mvc.perform(get("/api/summary.docx").param("unit", county.code()).param("year", String.valueOf(year)).with(admin()))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'export' AND object_type = 'summary' AND object_id = ?")
			.param(object).query(Long.class).single()).isEqualTo(before + 2);
	}

	private static void assertNoLineBeginsWithAClosingMark(String text) {
		List<String> offending = text.lines().map(String::strip).filter(l -> !l.isEmpty() && GridLines.NO_START.indexOf(l.charAt(0)) >= 0
				&& !l.startsWith("—")).toList();
		assertThat(offending).as("lines beginning with a closing mark").isEmpty();
	}

	private static String run(Path dir, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}
}
