package org.banzi.orglife;

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

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

/** Organizational life against the real database: quorum, the check-back loop, appointments, refusals and scope. */
@IntegrationTest
class OrgLifeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	/** A signed-in page session of the account (pages do not take HTTP Basic). */
	RequestPostProcessor page(String username) {
		return user(accounts.loadUserByUsername(username));
	}

	String town;
	String other;
	String a;
	String b;
	String c;
	String stranger;
	LocalDate today = LocalDate.now();
	// last year, whatever the day the tests run: every record is in the past and the year's report day is 31 December
	int year = today.getYear() - 1;
	LocalDate base = LocalDate.of(year, 12, 1);

	static MockMultipartFile csv(String content) {
		return new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	ResultActions upload(String path, String content) throws Exception {
		return mvc.perform(multipart(path).file(csv(content)).with(admin()));
	}

	/** A township whose team is a secretary and two members since 2020; another township with one cadre. */
	@BeforeEach
	void twoTownships() throws Exception {
		town = unique("OT");
		other = unique("OO");
		new Fixtures(mvc).units(town + ",生活镇,TOWNSHIP,\n" + other + ",别的镇,TOWNSHIP,\n");
		a = unique("OA");
		b = unique("OB");
		c = unique("OC");
		stranger = unique("OS");
		LocalDate birth = LocalDate.of(1976, 3, 3);
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(a, "书记甲", 'M', birth, "正科级", town, 1) + "\n"
				+ CadreMother.cadreRow(b, "委员乙", 'F', birth, "副科级", town, 2) + "\n"
				+ CadreMother.cadreRow(c, "委员丙", 'M', birth, "副科级", town, 3) + "\n"
				+ CadreMother.cadreRow(stranger, "外镇丁", 'M', birth, "副科级", other, 4) + "\n").andExpect(status().isOk());
		upload("/api/import/team-members", """
				cadre_no,unit_code,team_role,start_date
				%s,%s,SECRETARY,2020-01-01
				%s,%s,MEMBER,2020-01-01
				%s,%s,MEMBER,2020-01-01
				""".formatted(a, town, b, town, c, town)).andExpect(status().isOk());
	}

	/** Days before 1 December of last year. */
	LocalDate ago(int days) {
		return base.minusDays(days);
	}

	Map<String, Double> figures(String unit) throws Exception {
		return new Fixtures(mvc).summaryFigures(year, unit);
	}

	List<String> problemRules(String unit) throws Exception {
		return new Fixtures(mvc).summaryProblemRules(year, unit);
	}

	@Test
	void theUnitPagePagesItsMeetingsNewestFirstKeepingWhereTheOtherListsAre() throws Exception {
		upload("/api/import/life-meetings", """
				unit_code,kind,date,topic,topic_reported_on,attendees,absent,report_submitted_on
				%1$s,DEMOCRATIC_LIFE,%2$s,最早的会,%5$s,%6$s,,%2$s
				%1$s,DEMOCRATIC_LIFE,%3$s,中间的会,%5$s,%6$s,,%3$s
				%1$s,DEMOCRATIC_LIFE,%4$s,最近的会,%5$s,%6$s,,%4$s
				""".formatted(town, ago(30), ago(20), ago(10), ago(60), a)).andExpect(status().isOk());
		String first = mvc.perform(get("/orglife").param("unit", town).param("year", String.valueOf(year)).param("size", "2")
				.param("decisionPage", "3").with(page("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(first).contains("最近的会", "中间的会").doesNotContain("最早的会");
		assertThat(first).contains("第 1 / 2 页，共 3 条").containsPattern("href=\"[^\"]*decisionPage=3[^\"]*meetingPage=1\"");
		String second = mvc.perform(get("/orglife").param("unit", town).param("year", String.valueOf(year)).param("size", "2")
				.param("meetingPage", "1").with(page("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(second).contains("最早的会").doesNotContain("最近的会", "中间的会");
		// a page past the end is empty, its pager still counting all three
		String beyond = mvc.perform(get("/orglife").param("unit", town).param("year", String.valueOf(year)).param("size", "2")
				.param("meetingPage", "5").with(page("admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(beyond).doesNotContain("最早的会", "最近的会").contains("meetingPage=4");
	}

	String unitPage(String username, String... more) throws Exception {
		var request = get("/orglife").param("unit", town).param("year", String.valueOf(year)).with(page(username));
		for (int i = 0; i < more.length; i += 2) {
			request.param(more[i], more[i + 1]);
		}
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	/** The page's lists: the page around them holds a request's own CSRF token. */
	static String lists(String page) {
		return page.substring(page.indexOf("id=\"teams\""), page.indexOf("</main>"));
	}

	double renders(String outcome) {
		return meters.counter("banzi.kept.pages", "outcome", outcome).count();
	}

	@Test
	void theUnitPagesListsAreKeptUntilARecordChangesAndRenderedApartForEachLanguageAndRole() throws Exception {
		upload("/api/import/life-meetings", """
				unit_code,kind,date,topic,topic_reported_on,attendees,absent,report_submitted_on
				%1$s,DEMOCRATIC_LIFE,%2$s,第一次会,%3$s,%4$s,,%2$s
				""".formatted(town, ago(30), ago(60), a)).andExpect(status().isOk());
		String first = unitPage("admin");
		assertThat(first).contains("第一次会", "id=\"new-meeting\"", "民主生活会和组织生活会");
		double hits = renders("hit");
		double rendered = renders("computed");
		assertThat(lists(unitPage("admin"))).isEqualTo(lists(first));
		assertThat(renders("hit")).isEqualTo(hits + 1);
		assertThat(renders("computed")).isEqualTo(rendered);

		// another language and another role are rendered apart: the kept Chinese lists with the administrator's
		// buttons are shown to neither
		assertThat(unitPage("admin", "lang", "en")).contains("Democratic and organizational life meetings", "第一次会")
			.doesNotContain("民主生活会和组织生活会");
		String leader = unique("ol");
		new Fixtures(mvc).account(leader, town, "LEADER");
		assertThat(unitPage(leader)).contains("第一次会").doesNotContain("id=\"new-meeting\"");
		assertThat(lists(unitPage("admin"))).isEqualTo(lists(first));

		// a record added is on the next page, rendered again; so is a cadre renamed
		upload("/api/import/life-meetings", """
				unit_code,kind,date,topic,topic_reported_on,attendees,absent,report_submitted_on
				%1$s,DEMOCRATIC_LIFE,%2$s,第二次会,%3$s,%4$s,,%2$s
				""".formatted(town, ago(10), ago(60), a)).andExpect(status().isOk());
		rendered = renders("computed");
		assertThat(unitPage("admin")).contains("第一次会", "第二次会");
		assertThat(renders("computed")).isEqualTo(rendered + 1);
		jdbc.sql("INSERT INTO heart_talk (unit_id, from_cadre_id, to_cadre_id, talk_date, topic, created_by) SELECT u.id, x.id, y.id, ?, '谈话一', 'test' "
				+ "FROM org_unit u, cadre x, cadre y WHERE u.code = ? AND x.cadre_no = ? AND y.cadre_no = ?")
			.params(ago(5), town, a, b).update();
		assertThat(unitPage("admin")).contains("书记甲 → 委员乙 谈话一");
		jdbc.sql("UPDATE cadre SET name = '书记甲改' WHERE cadre_no = ?").param(a).update();
		assertThat(unitPage("admin")).contains("书记甲改 → 委员乙 谈话一");
	}

	@Test
	void quorumIsMetAtExactlyTwoThirdsOfTheTeamOnTheDayAndMissedBelowIt() throws Exception {
		upload("/api/import/life-meetings", """
				unit_code,kind,date,topic,topic_reported_on,attendees,absent,report_submitted_on
				%1$s,DEMOCRATIC_LIFE,%2$s,两人到会,%3$s,%4$s;%5$s,%6$s:出差,%2$s
				%1$s,民主生活会,%7$s,一人到会,%8$s,%4$s,%5$s:病假;%6$s:出差,%7$s
				""".formatted(town, ago(20), ago(40), a, b, c, ago(10), ago(30)))
			.andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(2));
		String json = mvc.perform(get("/api/orglife/meetings").param("year", String.valueOf(year)).param("unit", town).with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(JsonPath.<List<Integer>>read(json, "$[?(@.topic == '两人到会')].present")).containsExactly(2);
		assertThat(JsonPath.<List<Integer>>read(json, "$[?(@.topic == '两人到会')].teamSize")).containsExactly(3);
		assertThat(JsonPath.<List<Boolean>>read(json, "$[?(@.topic == '两人到会')].quorate")).containsExactly(true);
		assertThat(JsonPath.<List<Boolean>>read(json, "$[?(@.topic == '一人到会')].quorate")).containsExactly(false);
		assertThat(problemRules(town)).containsOnlyOnce("lifeMeeting.quorum.share");
		assertThat(figures(town)).containsEntry("orglife.lifeMeetings", 2.0).containsEntry("orglife.teamsBelowMeetingTarget", 0.0);
	}

	@Test
	void theMeetingFormRecordsAttendanceAndPointsAndKeepsWhatWasTypedWhenRefused() throws Exception {
		mvc.perform(post("/orglife/meetings").with(page("admin")).with(csrf()).param("unitCode", town).param("kind", "DEMOCRATIC_LIFE")
			.param("date", today.plusDays(2).toString()).param("topic", "未来的会").param("member", a, b, c).param("present", a, b))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(containsString("未来的会")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(containsString("form-errors")));
		String location = mvc.perform(post("/orglife/meetings").with(page("admin")).with(csrf()).param("unitCode", town)
			.param("kind", "DEMOCRATIC_LIFE").param("date", ago(1).toString()).param("topic", "表单记录").param("member", a, b, c)
			.param("present", a, b).param("reason_" + c, "出差").param("criticism_" + b, "3").param("self_" + b, "2")
			.param("points_" + b, "对照检查不够深入"))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		mvc.perform(get(location).with(page("admin"))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(containsString("对照检查不够深入")))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(containsString("出差")));
		assertThat(jdbc.sql("""
				SELECT a.criticism_points * 10 + a.self_criticism_points FROM life_meeting_attendance a JOIN cadre c ON c.id = a.cadre_id
				 WHERE c.cadre_no = ?""").param(b).query(Integer.class).single()).isEqualTo(32);
	}

	@Test
	void anItemOpenAtTwoMeetingsIsCheckedBackAtBothAndBecomesAProblemUntilCompleted() throws Exception {
		String code = unique("RI");
		upload("/api/import/rectifications", """
				code,unit_code,source,found_on,problem,owner_cadre_no,deadline,measures
				%s,%s,民主生活会,%s,学习制度执行不严,%s,%s,建立学习台账
				""".formatted(code, town, ago(90), b, ago(70))).andExpect(status().isOk());
		upload("/api/import/life-meetings", """
				unit_code,kind,date,topic,attendees
				%1$s,DEMOCRATIC_LIFE,%2$s,第一次,%4$s;%5$s;%6$s
				%1$s,DEMOCRATIC_LIFE,%3$s,第二次,%4$s;%5$s;%6$s
				""".formatted(town, ago(60), ago(30), a, b, c)).andExpect(status().isOk());
		String json = mvc.perform(get("/api/orglife/meetings").param("year", String.valueOf(year)).param("unit", town).with(admin()))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(JsonPath.<List<List<String>>>read(json, "$[*].checkedBack")).containsOnly(List.of(code));
		assertThat(problemRules(town)).contains("rectification.checkBacks.max", "rectification.overdue.days");
		assertThat(figures(town)).containsEntry("orglife.rectifications.openPastDeadline", 1.0);

		// completed between the two meetings: checked back at the first only, and no longer a problem
		upload("/api/import/rectifications", """
				code,unit_code,source,found_on,problem,owner_cadre_no,deadline,measures,completed_on
				%s,%s,LIFE_MEETING,%s,学习制度执行不严,%s,%s,建立学习台账,%s
				""".formatted(code, town, ago(90), b, ago(70), ago(45))).andExpect(status().isOk())
			.andExpect(jsonPath("$.updated").value(1));
		json = mvc.perform(get("/api/orglife/meetings").param("year", String.valueOf(year)).param("unit", town).with(admin()))
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(JsonPath.<List<List<String>>>read(json, "$[?(@.topic == '第一次')].checkedBack")).containsExactly(List.of(code));
		assertThat(JsonPath.<List<List<String>>>read(json, "$[?(@.topic == '第二次')].checkedBack")).containsExactly(List.of());
		assertThat(problemRules(town)).doesNotContain("rectification.checkBacks.max", "rectification.overdue.days");
		assertThat(figures(town)).containsEntry("orglife.rectifications.completed", 1.0)
			.containsEntry("orglife.rectifications.openPastDeadline", 0.0);
	}

	@Test
	void anAppointmentNeedsACollectiveDecisionWithinTheRulesDaysBeforeThePostBegins() throws Exception {
		upload("/api/import/posts", """
				cadre_no,unit_code,title,start_date,reason
				%s,%s,副镇长,%s,PROMOTION
				""".formatted(b, town, ago(5))).andExpect(status().isOk());
		assertThat(figures(town)).containsEntry("orglife.appointmentsWithoutDecision", 1.0);
		assertThat(problemRules(town)).contains("decision.appointment.daysBefore");

		// a decision too long before does not count: 180 days in the default rule
		upload("/api/import/decisions", """
				unit_code,meeting,date,category,matter,expected,present,votes_for,cadre_nos
				%s,PARTY_GROUP,%s,APPOINTMENT,早先的任免,3,3,3,%s
				""".formatted(town, ago(200), b)).andExpect(status().isOk());
		assertThat(figures(town)).containsEntry("orglife.appointmentsWithoutDecision", 1.0);

		upload("/api/import/decisions", """
				unit_code,meeting,date,category,matter,expected,present,votes_for,votes_against,cadre_nos
				%s,党组会,%s,重要干部任免,任命副镇长,3,3,2,1,%s
				""".formatted(town, ago(15), b)).andExpect(status().isOk());
		Map<String, Double> figures = figures(town);
		assertThat(figures).containsEntry("orglife.appointmentsWithoutDecision", 0.0).containsEntry("orglife.decisions.appointments", 2.0);
		assertThat(problemRules(town)).doesNotContain("decision.appointment.daysBefore");
	}

	@Test
	void aDecisionWithoutQuorumOrVotesIsAProblemNamingItsRule() throws Exception {
		upload("/api/import/decisions", """
				unit_code,meeting,date,category,matter,expected,present,votes_for,amount
				%1$s,STANDING_COMMITTEE,%2$s,MAJOR_PROJECT,修路,9,4,4,
				%1$s,STANDING_COMMITTEE,%3$s,LARGE_FUND,拨款,9,9,4,500000
				%1$s,STANDING_COMMITTEE,%4$s,LARGE_FUND,过半,9,5,5,1000
				""".formatted(town, ago(12), ago(11), ago(10))).andExpect(status().isOk());
		List<String> rules = problemRules(town);
		assertThat(rules.stream().filter("decision.quorum.share"::equals)).hasSize(1);
		assertThat(rules.stream().filter("decision.pass.share"::equals)).hasSize(2);
		assertThat(figures(town)).containsEntry("orglife.decisions", 3.0);
	}

	@Test
	void aBadFileIsRefusedWholeWithEveryErrorAndWritesNothing() throws Exception {
		upload("/api/import/life-meetings", """
				unit_code,kind,date,topic,attendees
				%1$s,DEMOCRATIC_LIFE,%2$s,好的一行,%3$s
				%1$s,DEMOCRATIC_LIFE,%4$s,外人到会,%5$s
				%1$s,DEMOCRATIC_LIFE,%6$s,未来的会,%3$s
				%1$s,NO_SUCH_KIND,%2$s,类型不对,%3$s
				""".formatted(town, ago(3), a, ago(4), stranger, today.plusDays(3)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(3))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].message", containsString(stranger)));
		upload("/api/import/rectifications", """
				code,unit_code,source,found_on,problem,owner_cadre_no,deadline,completed_on,verified_on
				%1$s-1,%2$s,OTHER,%3$s,时限在前,%4$s,%5$s,,
				%1$s-2,%2$s,OTHER,%3$s,先完成后发现,%4$s,%3$s,%5$s,
				%1$s-3,%2$s,OTHER,%5$s,先验收后完成,%4$s,%3$s,%3$s,%5$s
				%1$s-4,%2$s,OTHER,%5$s,正常,%4$s,%3$s,,
				""".formatted(unique("BAD"), town, ago(5), b, ago(8)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(3));
		upload("/api/import/decisions", """
				unit_code,meeting,date,category,matter,expected,present,votes_for,abstentions
				%1$s,JOINT,%2$s,MAJOR_DECISION,人多于应到,5,6,3,0
				%1$s,JOINT,%2$s,MAJOR_DECISION,票多于人,5,4,3,2
				%1$s,JOINT,%2$s,MAJOR_DECISION,正常,5,5,3,0
				""".formatted(town, ago(2)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(2));
		Long written = jdbc.sql("""
				SELECT (SELECT count(*) FROM life_meeting m JOIN org_unit u ON u.id = m.unit_id WHERE u.code = :t)
				     + (SELECT count(*) FROM rectification_item i JOIN org_unit u ON u.id = i.unit_id WHERE u.code = :t)
				     + (SELECT count(*) FROM collective_decision d JOIN org_unit u ON u.id = d.unit_id WHERE u.code = :t)""")
			.param("t", town).query(Long.class).single();
		assertThat(written).isZero();
	}

	@Test
	void aRowRepeatedInTheFileAndADateThatIsNotOneAreEachReportedOnce() throws Exception {
		upload("/api/import/talks", """
				unit_code,date,from_cadre_no,to_cadre_no
				%1$s,%2$s,%3$s,%4$s
				%1$s,%2$s,%3$s,%4$s
				%1$s,下周二,%3$s,%5$s
				""".formatted(town, ago(3), a, b, c))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(2))
			.andExpect(jsonPath("$.errors[0].row").value(3))
			.andExpect(jsonPath("$.errors[0].column").value("date"))
			.andExpect(jsonPath("$.errors[1].row").value(4))
			.andExpect(jsonPath("$.errors[1].message", containsString("下周二")));
		assertThat(jdbc.sql("SELECT count(*) FROM heart_talk t JOIN org_unit u ON u.id = t.unit_id WHERE u.code = ?").param(town)
			.query(Long.class).single()).isZero();
	}

	@Test
	void talksAreAddedWithWhoSpokeToWhomAndAReimportChangesOnlyTheTopicThatChanged() throws Exception {
		String talks = """
				unit_code,date,from_cadre_no,to_cadre_no,topic
				%1$s,%2$s,%3$s,%4$s,工作作风
				%1$s,%2$s,%3$s,%5$s,
				""";
		upload("/api/import/talks", talks.formatted(town, ago(3), a, b, c)).andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(2));
		upload("/api/import/talks", talks.replace("工作作风", "团结").formatted(town, ago(3), a, b, c)).andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.updated").value(1))
			.andExpect(jsonPath("$.unchanged").value(1));
		assertThat(jdbc.sql("""
				SELECT f.cadre_no || '>' || t.cadre_no || ':' || h.topic FROM heart_talk h JOIN org_unit u ON u.id = h.unit_id
				  JOIN cadre f ON f.id = h.from_cadre_id JOIN cadre t ON t.id = h.to_cadre_id
				 WHERE u.code = ? AND h.talk_date = ? ORDER BY t.cadre_no""").params(town, ago(3)).query(String.class).list())
			.containsExactlyInAnyOrder(a + ">" + b + ":团结", a + ">" + c + ":");
	}

	@Test
	void aUnitAdministratorSeesAndWritesNothingOfAnotherTownship() throws Exception {
		String item = unique("SI");
		upload("/api/import/rectifications", """
				code,unit_code,source,found_on,problem,owner_cadre_no,deadline
				%s,%s,OTHER,%s,问题,%s,%s
				""".formatted(item, town, ago(5), b, ago(1))).andExpect(status().isOk());
		upload("/api/import/life-meetings", "unit_code,kind,date,topic,attendees\n%s,DEMOCRATIC_LIFE,%s,会,%s\n".formatted(town, ago(2), a))
			.andExpect(status().isOk());
		long itemId = jdbc.sql("SELECT id FROM rectification_item WHERE code = ?").param(item).query(Long.class).single();
		long meetingId = jdbc.sql("SELECT m.id FROM life_meeting m JOIN org_unit u ON u.id = m.unit_id WHERE u.code = ?").param(town)
			.query(Long.class).single();
		String neighbour = unique("nb");
		new Fixtures(mvc).account(neighbour, other, "UNIT_ADMIN");
		mvc.perform(get("/api/orglife/meetings").param("unit", town).with(as(neighbour))).andExpect(status().isNotFound());
		mvc.perform(get("/api/orglife/rectifications").param("unit", town).with(as(neighbour))).andExpect(status().isNotFound());
		mvc.perform(get("/api/orglife/decisions").param("unit", town).with(as(neighbour))).andExpect(status().isNotFound());
		mvc.perform(get("/orglife/meetings/" + meetingId).with(page(neighbour))).andExpect(status().isNotFound());
		mvc.perform(get("/orglife/rectifications/" + itemId).with(page(neighbour))).andExpect(status().isNotFound());
		mvc.perform(post("/orglife/rectifications/" + itemId + "/verify").with(page(neighbour)).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(multipart("/api/import/decisions").file(csv("""
				unit_code,meeting,date,category,matter,expected,present,votes_for
				%s,JOINT,%s,MAJOR_DECISION,越权,5,5,5
				""".formatted(town, ago(1)))).with(as(neighbour)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].column").value("unit_code"));
		assertThat(jdbc.sql("SELECT count(*) FROM collective_decision WHERE matter = '越权'").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("SELECT verified_on IS NULL FROM rectification_item WHERE id = ?").param(itemId).query(Boolean.class).single())
			.isTrue();
	}

	@Test
	void theOwnerCompletesButOnlySomeoneElseVerifiesAndTheHistoryKeepsEveryStep() throws Exception {
		String code = unique("CV");
		upload("/api/import/rectifications", """
				code,unit_code,source,found_on,problem,owner_cadre_no,deadline
				%s,%s,LIFE_MEETING,%s,谈心谈话不够,%s,%s
				""".formatted(code, town, ago(20), b, ago(1))).andExpect(status().isOk());
		long id = jdbc.sql("SELECT id FROM rectification_item WHERE code = ?").param(code).query(Long.class).single();
		new Fixtures(mvc).account(b, town, "CADRE", "UNIT_ADMIN");
		mvc.perform(post("/orglife/rectifications/" + id + "/complete").with(page(b)).with(csrf())
			.param("completedOn", ago(2).toString()).param("note", "已建立谈话台账")).andExpect(status().is3xxRedirection());
		mvc.perform(post("/orglife/rectifications/" + id + "/verify").with(page(b)).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT verified_on IS NULL FROM rectification_item WHERE id = ?").param(id).query(Boolean.class).single())
			.as("the owner cannot verify").isTrue();
		mvc.perform(post("/orglife/rectifications/" + id + "/verify").with(page("admin")).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(post("/orglife/rectifications/" + id + "/reopen").with(page("admin")).with(csrf()).param("reason", "抽查发现未落实"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT action FROM rectification_history WHERE item_id = ? ORDER BY id").param(id).query(String.class).list())
			.containsExactly("CREATED", "COMPLETED", "VERIFIED", "REOPENED");
		assertThat(jdbc.sql("SELECT completed_on IS NULL FROM rectification_item WHERE id = ?").param(id).query(Boolean.class).single())
			.isTrue();
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE object_type = 'rectification-item' AND object_id = ?")
			.param(String.valueOf(id)).query(Long.class).single()).isEqualTo(3);
	}
}
