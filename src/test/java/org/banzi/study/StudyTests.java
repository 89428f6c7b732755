package org.banzi.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.as;
import static org.banzi.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.cadres.CadreMother;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.rules.Rules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@IntegrationTest
class StudyTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	StudyCompliance compliance;

	@Autowired
	Units units;

	String town;
	String a;
	String b;
	String c;
	String outsider;
	LocalDate day = LocalDate.now().minusDays(3);
	int year = LocalDate.now().getYear();

	static MockMultipartFile csv(String content) {
		return new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	ResultActions upload(String path, String content) throws Exception {
		return mvc.perform(multipart(path).file(csv(content)).with(admin()));
	}

	@BeforeEach
	void aTownshipTeamOfThree() throws Exception {
		town = unique("ST");
		new Fixtures(mvc).units(town + ",学习镇,TOWNSHIP,\n");
		a = unique("SA");
		b = unique("SB");
		c = unique("SC");
		outsider = unique("SO");
		LocalDate birth = LocalDate.of(1975, 6, 6);
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(a, "甲", 'M', birth, "正科级", town, 1) + "\n"
				+ CadreMother.cadreRow(b, "乙", 'F', birth, "副科级", town, 2) + "\n"
				+ CadreMother.cadreRow(c, "丙", 'M', birth, "副科级", town, 3) + "\n"
				+ CadreMother.cadreRow(outsider, "丁", 'M', birth, "副科级", town, 4) + "\n").andExpect(status().isOk());
		upload("/api/import/team-members", """
				cadre_no,unit_code,team_role,start_date
				%s,%s,SECRETARY,2020-01-01
				%s,%s,MEMBER,2020-01-01
				%s,%s,MEMBER,2020-01-01
				""".formatted(a, town, b, town, c, town)).andExpect(status().isOk());
	}

	BigDecimalAssertHelper hoursOf(String number) {
		return new BigDecimalAssertHelper(jdbc.sql("""
				SELECT COALESCE(sum(s.hours), 0) FROM group_session s JOIN group_session_attendance at ON at.session_id = s.id
				  JOIN cadre ca ON ca.id = at.cadre_id WHERE ca.cadre_no = ? AND at.present
				""").param(number).query(java.math.BigDecimal.class).single());
	}

	record BigDecimalAssertHelper(java.math.BigDecimal value) {
	}

	@Test
	void aSessionCreditsItsHoursToEachAttendeeAndAReimportChangesNothing() throws Exception {
		String sessions = """
				unit_code,date,topic,hours,speaker,attendees,absent
				%1$s,%2$s,学习党的二十大精神,4,书记,%3$s;%4$s,%5$s:出差
				""".formatted(town, day, a, b, c);
		upload("/api/import/study-sessions", sessions).andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(1));
		upload("/api/import/study-sessions", sessions).andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(1));
		assertThat(hoursOf(a).value()).isEqualByComparingTo("4");
		assertThat(hoursOf(b).value()).isEqualByComparingTo("4");
		assertThat(hoursOf(c).value()).as("absent").isEqualByComparingTo("0");
		mvc.perform(get("/api/study/compliance").param("year", String.valueOf(year)).param("unit", town).with(admin()))
			.andExpect(jsonPath("$.teams[0].sessions").value(1))
			.andExpect(jsonPath("$.teams[0].hours").value(4.0))
			.andExpect(jsonPath("$.teams[0].behind[*].rule").value(hasItem("study.group.sessions")))
			.andExpect(jsonPath("$.teams[0].behind[?(@.rule == 'study.group.sessions')].shortfall").value(hasItem(12.0)));
	}

	@Test
	void aFileOfSessionsAddsTheNewAndReplacesTheChangedWithTheirOwnAttendance() throws Exception {
		String header = "unit_code,date,topic,hours,speaker,attendees,absent\n";
		upload("/api/import/study-sessions", header + "%1$s,%2$s,第一次,3,书记,%3$s;%4$s,\n".formatted(town, day, a, b))
			.andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(1));
		upload("/api/import/study-sessions", header + """
				%1$s,%2$s,第二次,2,书记,%4$s;%5$s,
				%1$s,%3$s,第一次,3,书记,%4$s,%6$s:病假
				%1$s,%2$s,第三次,1,书记,%6$s,
				""".formatted(town, day.minusDays(1), day, a, c, b))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(2))
			.andExpect(jsonPath("$.updated").value(1));
		// each session's attendance is its own row's: the first now without b, who is absent with a reason
		assertThat(hoursOf(a).value()).isEqualByComparingTo("5");
		assertThat(hoursOf(b).value()).isEqualByComparingTo("1");
		assertThat(hoursOf(c).value()).isEqualByComparingTo("2");
		assertThat(jdbc.sql("""
				SELECT a.absence_reason FROM group_session_attendance a JOIN group_session s ON s.id = a.session_id
				  JOIN cadre ca ON ca.id = a.cadre_id WHERE ca.cadre_no = ? AND s.topic = '第一次' AND NOT a.present
				""").param(b).query(String.class).single()).isEqualTo("病假");
	}

	@Test
	void refusesAnAttendeeWhoWasNotOnTheTeamThatDayAndNamesTheRow() throws Exception {
		upload("/api/import/study-sessions", """
				unit_code,date,topic,hours,speaker,attendees
				%1$s,%2$s,合规,2,书记,%3$s
				%1$s,%2$s,不合规,2,书记,%3$s;%4$s
				""".formatted(town, day, a, outsider))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(1))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].message", containsString(outsider)));
		assertThat(hoursOf(a).value()).isEqualByComparingTo("0");
	}

	@Test
	void refusesMoreThanADayOfHoursAcrossSessionsAndSelfStudy() throws Exception {
		upload("/api/import/study-sessions", """
				unit_code,date,topic,hours,speaker,attendees
				%s,%s,长会,20,书记,%s
				""".formatted(town, day, a)).andExpect(status().isOk());
		upload("/api/import/self-study", """
				cadre_no,date,hours,material
				%1$s,%2$s,3,选读
				%1$s,%2$s,2,再读
				""".formatted(a, day))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("hours"));
		upload("/api/import/self-study", """
				cadre_no,date,hours,material
				%1$s,%2$s,-1,负数
				%1$s,%3$s,1,将来
				""".formatted(b, day, LocalDate.now().plusDays(1)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[0].column").value("hours"))
			.andExpect(jsonPath("$.errors[1].column").value("date"));
	}

	@Test
	void aSelfStudyFileIsCheckedInTheDatabaseAndWrittenOnlyWhenEveryRowHolds() throws Exception {
		String far = unique("SF");
		String farTown = unique("SY");
		new Fixtures(mvc).units(farTown + ",远镇,TOWNSHIP,\n");
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(far, "远", 'M', LocalDate.of(1975, 6, 6), "副科级", farTown, 5) + "\n").andExpect(status().isOk());
		String clerk = unique("clerk");
		new Fixtures(mvc).account(clerk, town, "UNIT_ADMIN");
		// a row repeating row 2, a cadre of another township, a number nobody has
		String refused = """
				cadre_no,date,hours,material
				%1$s,%2$s,2,读本
				%1$s,%2$s,3,读本
				%3$s,%2$s,1,读本
				NOBODY-%4$s,%2$s,1,读本
				""".formatted(a, day, far, town);
		mvc.perform(multipart("/api/import/self-study").file(csv(refused)).with(as(clerk)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].row").value(org.hamcrest.Matchers.contains(3, 4, 5)))
			.andExpect(jsonPath("$.errors[*].column").value(org.hamcrest.Matchers.contains("material", "cadre_no", "cadre_no")))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("2")));
		assertThat(selfStudyOf(a)).as("nothing written").isZero();
		String good = "cadre_no,date,hours,material\n%1$s,%2$s,2,读本\n%1$s,%2$s,1.5,原著\n".formatted(a, day);
		mvc.perform(multipart("/api/import/self-study").file(csv(good)).with(as(clerk)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(2));
		mvc.perform(multipart("/api/import/self-study").file(csv(good.replace(",1.5,", ",2.5,"))).with(as(clerk)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.updated").value(1)).andExpect(jsonPath("$.unchanged").value(1));
		assertThat(selfStudyOf(a)).isEqualTo(2);
		// a file saved by Excel on a Chinese Windows (GB18030) reads the same
		byte[] gb = "cadre_no,date,hours,material\n%s,%s,1,学习纲要\n".formatted(b, day).getBytes(java.nio.charset.Charset.forName("GB18030"));
		mvc.perform(multipart("/api/import/self-study").file(new MockMultipartFile("file", "gb.csv", "text/csv", gb)).with(as(clerk)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(1));
		assertThat(jdbc.sql("SELECT material FROM self_study s JOIN cadre c ON c.id = s.cadre_id WHERE c.cadre_no = ?").param(b)
			.query(String.class).single()).isEqualTo("学习纲要");
	}

	@Test
	void aStreamedFileWithMoreErrorsThanAreListedListsTheFirstAndCountsThemAll() throws Exception {
		StringBuilder file = new StringBuilder("cadre_no,date,hours,material\n");
		for (int i = 0; i < 1001; i++) {
			file.append(a).append(',').append(day).append(",-1,第").append(i).append("篇\n");
		}
		upload("/api/import/self-study", file.toString()).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(1000))
			.andExpect(jsonPath("$.errors[999].row").value(1001));
		assertThat(lastRefusalCount()).isEqualTo("1001");
		// the same past the rows' own checks: numbers nobody has, found in the database
		StringBuilder strangers = new StringBuilder("cadre_no,date,hours,material\n");
		for (int i = 0; i < 1001; i++) {
			strangers.append("NOBODY-").append(i).append(',').append(day).append(",1,读本\n");
		}
		upload("/api/import/self-study", strangers.toString()).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(1000))
			.andExpect(jsonPath("$.errors[0].column").value("cadre_no"));
		assertThat(lastRefusalCount()).isEqualTo("1001");
	}

	String lastRefusalCount() {
		return jdbc.sql("SELECT details::jsonb->>'errors' FROM audit_record WHERE action = 'import' AND object_type = 'self-study'"
				+ " AND outcome = 'FAILURE' ORDER BY seq DESC LIMIT 1").query(String.class).single();
	}

	long selfStudyOf(String number) {
		return jdbc.sql("SELECT count(*) FROM self_study s JOIN cadre c ON c.id = s.cadre_id WHERE c.cadre_no = ?").param(number)
			.query(Long.class).single();
	}

	@Test
	void theSelfStudyListShowsOneMonthWhenTheDashboardOpensIt() throws Exception {
		int last = year - 1;
		upload("/api/import/self-study", """
				cadre_no,date,hours,material
				%1$s,%2$d-03-10,2,三月选读
				%1$s,%2$d-04-10,2,四月选读
				""".formatted(a, last)).andExpect(status().isOk());
		String march = mvc.perform(get("/study/self-study").param("unit", town).param("year", String.valueOf(last)).param("month", "3")
			.with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(march).contains("三月选读").doesNotContain("四月选读");
		String dashboard = mvc.perform(get("/dashboard").param("unit", town).param("year", String.valueOf(last))
			.with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(dashboard).contains("/study/self-study?unit=" + town + "&amp;year=" + last + "&amp;month=3");
	}

	@Test
	void countsNoteCharactersAndRefusesAnEmptyNote() throws Exception {
		String notes = """
				cadre_no,date,title,content
				%1$s,%2$s,心得,"学习，贯彻！"
				%1$s,%2$s,空白,"  ，。 "
				""".formatted(a, day);
		upload("/api/import/notes", notes).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("content"));
		upload("/api/import/notes", "cadre_no,date,title,content\n%s,%s,心得,\"学习，贯彻！\"\n".formatted(a, day))
			.andExpect(status().isOk());
		assertThat(jdbc.sql("SELECT characters FROM study_note n JOIN cadre c ON c.id = n.cadre_id WHERE c.cadre_no = ?")
			.param(a).query(Integer.class).single()).isEqualTo(4);
	}

	@Test
	void aCadreLogsSelfStudyAndANoteAndSeesProgressWhileTheAdministratorSpotChecks() throws Exception {
		new Fixtures(mvc).account(b, town, "CADRE");
		var cadre = user(accounts.loadUserByUsername(b));
		mvc.perform(post("/my/study/self-study").with(cadre).with(csrf())
			.param("date", day.toString()).param("hours", "2.5").param("material", "原著选读"))
			.andExpect(status().is3xxRedirection());
		String refused = mvc.perform(post("/my/study/self-study").with(cadre).with(csrf())
			.param("date", day.toString()).param("hours", "30").param("material", "保留的内容"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("学时须大于 0 且不超过 24").contains("保留的内容");
		mvc.perform(post("/my/study/notes").with(cadre).with(csrf())
			.param("date", day.toString()).param("title", "体会").param("content", "不忘初心，牢记使命"))
			.andExpect(status().is3xxRedirection());
		// the year of the entries: the year in view by default depends on what records the database holds
		String page = mvc.perform(get("/my/study").param("year", String.valueOf(day.getYear())).with(cadre)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"progress-hours\">2.50<").contains("id=\"progress-chars\">8<").contains("人均自学学时");
		long entry = jdbc.sql("SELECT e.id FROM self_study e JOIN cadre c ON c.id = e.cadre_id WHERE c.cadre_no = ?").param(b)
			.query(Long.class).single();
		mvc.perform(post("/study/self-study/{id}/check", entry).with(user(accounts.loadUserByUsername("admin"))).with(csrf())
			.param("status", "QUESTIONED")).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT check_status FROM self_study WHERE id = ?").param(entry).query(String.class).single())
			.isEqualTo("QUESTIONED");
	}

	@Autowired
	StudyRepository study;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	/**
	 * A cadre's entry written while another session writes one for the same cadre waits for it: the day's hours are
	 * held against both, and the same entry written twice at once is refused on the form, not with a server error.
	 */
	@Test
	void aCadresEntriesWrittenAtOnceAreCheckedAgainstEachOther() throws Exception {
		new Fixtures(mvc).account(c, town, "CADRE");
		var cadre = user(accounts.loadUserByUsername(c));
		long id = jdbc.sql("SELECT id FROM cadre WHERE cadre_no = ?").param(c).query(Long.class).single();
		// another session holds the cadre's study and writes 20 hours of the day, then commits a moment later
		String hours = whileAnotherWrites(id, true, "先写的", () -> mvc.perform(post("/my/study/self-study").with(cadre).with(csrf())
			.param("date", day.toString()).param("hours", "5").param("material", "后写的"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(hours).contains("当天学时合计将超过 24 小时").contains("后写的");
		// an import writing the same entry (it holds no lock): the form's write waits for its commit, then is refused
		String same = whileAnotherWrites(id, false, "同一内容", () -> mvc.perform(post("/my/study/self-study").with(cadre).with(csrf())
			.param("date", day.minusDays(1).toString()).param("hours", "1").param("material", "同一内容"))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(same).contains("当天已记录过同一学习内容");
		assertThat(jdbc.sql("SELECT count(*) FROM self_study WHERE cadre_id = ?").param(id).query(Long.class).single())
			.as("the two entries the other sessions wrote, and none of the form's").isEqualTo(2);
	}

	/** Runs {@code write} while another transaction writes an entry (holding the cadre's study if {@code locking}) and commits. */
	private String whileAnotherWrites(long cadreId, boolean locking, String material,
			java.util.concurrent.Callable<String> write) throws Exception {
		java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
		try {
			java.util.concurrent.Future<?> done = other.submit(() -> transactions.executeWithoutResult(status -> {
				if (locking) {
					study.lockStudyOf(cadreId);
				}
				jdbc.sql("INSERT INTO self_study (cadre_id, study_date, hours, material) VALUES (?, ?, ?, ?)")
					.params(cadreId, locking ? day : day.minusDays(1), locking ? 20 : 1, material).update();
				held.countDown();
				try {
					Thread.sleep(700);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			String page = write.call();
			done.get(10, java.util.concurrent.TimeUnit.SECONDS);
			return page;
		}
		finally {
			other.shutdownNow();
		}
	}

	@Test
	void theCompliancePageNamesTheRulesBehind() throws Exception {
		upload("/api/import/self-study", "cadre_no,date,hours,material\n%s,%s,10,读本\n".formatted(a, day)).andExpect(status().isOk());
		String html = mvc.perform(get("/study").param("unit", town).param("year", String.valueOf(year))
			.with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains("学习镇").contains("中心组集中学习次数").contains("人均自学学时（每年）：目标 160，差 150（");
	}

	@Test
	void theCompliancePagePagesWhoIsBehindInTheDatabaseAsTheRulesJudgeEachMember() throws Exception {
		// the town asks for one self-study session of ten hours and no notes: a meets it, b is short of hours, c has nothing
		upload("/api/import/rules", """
				rule_key,applies_to,unit_code,value,effective_from,source_title
				study.self.sessions,TOWNSHIP,%s,1,2000-01-02,本镇规定
				study.self.hours,TOWNSHIP,%s,10,2000-01-02,本镇规定
				study.notes.chars,TOWNSHIP,%s,0,2000-01-02,本镇规定
				""".formatted(town, town, town)).andExpect(status().isOk());
		upload("/api/import/self-study", "cadre_no,date,hours,material\n%s,%s,10,读本\n%s,%s,9.5,读本\n".formatted(a, day, b, day))
			.andExpect(status().isOk());
		Unit place = units.findByCodes(java.util.List.of(town)).get(town);
		Scope scope = new Scope(place.id(), place.path());
		LocalDate reportDay = Rules.reportDay(year, LocalDate.now());
		java.util.List<String> behindByRules = compliance.members(scope, year, reportDay).stream()
			.filter(StudyCompliance.MemberStudy::behind).map(StudyCompliance.MemberStudy::cadreNo).toList();
		assertThat(behindByRules).containsExactly(b, c);
		var first = compliance.members(scope, year, reportDay, true, 0, 1);
		var second = compliance.members(scope, year, reportDay, true, 1, 1);
		assertThat(first.total()).isEqualTo(2);
		assertThat(first.items()).extracting(StudyCompliance.MemberStudy::cadreNo).containsExactly(b);
		assertThat(second.items()).extracting(StudyCompliance.MemberStudy::cadreNo).containsExactly(c);
		assertThat(compliance.members(scope, year, reportDay, false, 0, 50).items()).extracting(StudyCompliance.MemberStudy::cadreNo)
			.containsExactly(a, b, c);
		String html = mvc.perform(get("/study").param("unit", town).param("year", String.valueOf(year))
			.with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(html).contains(b).contains(c).doesNotContain(a);
		// the page is kept until its records change: c's ten hours take c off it
		upload("/api/import/self-study", "cadre_no,date,hours,material\n%s,%s,10,读本\n".formatted(c, day)).andExpect(status().isOk());
		assertThat(compliance.members(scope, year, reportDay, true, 0, 50).items()).extracting(StudyCompliance.MemberStudy::cadreNo)
			.containsExactly(b);
	}
}
