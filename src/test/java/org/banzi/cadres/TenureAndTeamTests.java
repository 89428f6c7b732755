package org.banzi.cadres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class TenureAndTeamTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	TenureClock clock;

	@Autowired
	org.banzi.organization.Units units;

	String town;
	String longServer;
	String keyHolder;
	String newcomer;
	LocalDate today = LocalDate.now();

	static MockMultipartFile csv(String content) {
		return new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	@BeforeEach
	void aTownshipWithThreeCadres() throws Exception {
		town = unique("TT");
		new Fixtures(mvc).units(town + ",年限镇,TOWNSHIP,\n");
		longServer = unique("L");
		keyHolder = unique("K");
		newcomer = unique("N");
		LocalDate birth = LocalDate.of(1972, 4, 4);
		mvc.perform(multipart("/api/import/cadres").file(csv(CadreImportTests.HEADER
				+ CadreMother.cadreRow(longServer, "老书记", 'M', birth, "正科级", town, 21) + "\n"
				+ CadreMother.cadreRow(keyHolder, "财政所长", 'F', birth, "副科级", town, 22) + "\n"
				+ CadreMother.cadreRow(newcomer, "新人", 'M', birth, "副科级", town, 23) + "\n")).with(admin()))
			.andExpect(status().isOk());
		mvc.perform(multipart("/api/import/posts").file(csv("""
				cadre_no,unit_code,title,start_date,end_date,key_post,reason
				%1$s,%4$s,党委书记,%5$s,,N,任命
				%2$s,%4$s,财政所所长,%6$s,,是,APPOINTMENT
				%3$s,%4$s,副镇长,%7$s,,N,EXCHANGE
				""".formatted(longServer, keyHolder, newcomer, town, today.minusYears(11), today.minusYears(6),
				today.minusMonths(2)))).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(3));
	}

	@Test
	void flagsEachCadreUnderTheRuleThatFired() throws Exception {
		mvc.perform(get("/api/tenure-flags").param("unit", town).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.cadreNo == '%s')].rule".formatted(longServer)).value(hasItem("tenure.samePost.years")))
			.andExpect(jsonPath("$[?(@.cadreNo == '%s')].rule".formatted(longServer)).value(hasItem("tenure.samePost.terms")))
			.andExpect(jsonPath("$[?(@.cadreNo == '%s')].rule".formatted(keyHolder)).value(hasItem("tenure.keyPost.years")))
			.andExpect(jsonPath("$[?(@.cadreNo == '%s')].rule".formatted(keyHolder)).value(not(hasItem("tenure.samePost.years"))))
			.andExpect(jsonPath("$[?(@.cadreNo == '%s')]".formatted(newcomer)).isEmpty())
			.andExpect(jsonPath("$[?(@.cadreNo == '%s' && @.rule == 'tenure.samePost.years')].years".formatted(longServer))
				.value(hasItem(11.0)))
			.andExpect(jsonPath("$[?(@.rule == 'tenure.samePost.years')].source").value(hasItem("党政领导干部选拔任用工作条例 第五十四条")));
	}

	@Test
	void aLocalOverrideOfTheThresholdChangesTheFlags() throws Exception {
		mvc.perform(multipart("/api/import/rules").file(csv("""
				rule_key,applies_to,unit_code,value,effective_from,source_title
				tenure.samePost.years,ALL,%s,12,2000-01-02,本县规定
				""".formatted(town))).with(admin())).andExpect(status().isOk());
		mvc.perform(get("/api/tenure-flags").param("unit", town).with(admin()))
			.andExpect(jsonPath("$[?(@.cadreNo == '%s')].rule".formatted(longServer)).value(not(hasItem("tenure.samePost.years"))));
	}

	@Test
	void theDatabaseCountsTheFlagsAsTheListRaisesThemUnderALocalOverride() throws Exception {
		String office = unique("TO");
		new Fixtures(mvc).units(office + ",镇财政所,DEPARTMENT," + town + "\n");
		mvc.perform(multipart("/api/import/rules").file(csv("""
				rule_key,applies_to,unit_code,value,effective_from,source_title
				tenure.samePost.years,ALL,%s,12,2000-01-02,本镇规定
				""".formatted(office))).with(admin())).andExpect(status().isOk());
		String twelve = unique("W");
		String almost = unique("A");
		LocalDate birth = LocalDate.of(1970, 1, 1);
		mvc.perform(multipart("/api/import/cadres").file(csv(CadreImportTests.HEADER.strip() + ",rank_since\n"
				+ CadreMother.cadreRow(twelve, "满十二年", 'M', birth, "副科级", office, 24) + ",\n"
				+ CadreMother.cadreRow(almost, "差一天", 'F', birth, "副科级", office, 25) + "," + today.minusYears(16) + "\n"))
			.with(admin())).andExpect(status().isOk());
		mvc.perform(multipart("/api/import/posts").file(csv("""
				cadre_no,unit_code,title,start_date,end_date,key_post,reason
				%1$s,%3$s,所长,%4$s,,N,任命
				%2$s,%3$s,副所长,%5$s,,N,任命
				""".formatted(twelve, almost, office, today.minusYears(12), today.minusYears(12).plusDays(1)))).with(admin()))
			.andExpect(status().isOk());

		var unit = units.findByCode(town).orElseThrow();
		var scope = new org.banzi.organization.Scope(unit.id(), unit.path());
		java.util.Map<String, Long> counted = new java.util.TreeMap<>();
		for (var count : clock.flagCounts(scope, today)) {
			if (count.count() > 0) {
				counted.merge(count.rule().key() + "@" + (count.rule().definedAtUnitId() == null ? "default" : "override"),
						count.count(), Long::sum);
			}
		}
		java.util.Map<String, Long> listed = new java.util.TreeMap<>();
		clock.flags(scope, today).forEach(flag -> listed.merge(flag.ruleKey() + "@"
				+ (flag.evaluation().rule().definedAtUnitId() == null ? "default" : "override"), 1L, Long::sum));
		// by hand: 11 years is past the town's 10, 12 years reaches the office's 12, a day short of 12 does not; two
		// full terms of 5 years for all three; the key post of 6 years; 16 years at one level
		assertThat(counted).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("tenure.samePost.years@default", 1L,
				"tenure.samePost.years@override", 1L, "tenure.samePost.terms@default", 3L, "tenure.keyPost.years@default", 1L,
				"tenure.sameLevel.years@default", 1L));
		assertThat(listed).isEqualTo(counted);
	}

	@Test
	void aReimportOfPostsChangesNothingAndAChangeOfPostKeepsTheHistory() throws Exception {
		var page = user(accounts.loadUserByUsername("admin"));
		mvc.perform(post("/cadres/{no}/posts", longServer).with(page).with(csrf())
			.param("unitCode", town).param("title", "人大主席").param("start", today.minusDays(1).toString())
			.param("reason", "EXCHANGE").param("endCurrent", "true"))
			.andExpect(status().is3xxRedirection());
		var posts = jdbc.sql("SELECT title, end_date FROM post p JOIN cadre c ON c.id = p.cadre_id WHERE c.cadre_no = ? ORDER BY start_date")
			.param(longServer).query((rs, n) -> rs.getString(1) + "|" + rs.getObject(2, LocalDate.class)).list();
		assertThat(posts).containsExactly("党委书记|" + today.minusDays(2), "人大主席|null");
		mvc.perform(get("/api/tenure-flags").param("unit", town).with(admin()))
			.andExpect(jsonPath("$[?(@.cadreNo == '%s')]".formatted(longServer)).isEmpty());
	}

	@Test
	void aTeamHasOneSecretaryAtATimeAndItsChangesAreAdjustments() throws Exception {
		LocalDate start = today.minusYears(3);
		mvc.perform(multipart("/api/import/team-members").file(csv("""
				cadre_no,unit_code,team_role,start_date,end_date
				%1$s,%4$s,书记,%5$s,
				%2$s,%4$s,委员,%5$s,
				%3$s,%4$s,SECRETARY,%6$s,
				""".formatted(longServer, keyHolder, newcomer, town, start, today.minusMonths(1)))).with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].column").value("team_role"));
		mvc.perform(multipart("/api/import/team-members").file(csv("""
				cadre_no,unit_code,team_role,start_date,end_date
				%1$s,%3$s,书记,%4$s,
				%2$s,%3$s,委员,%4$s,
				""".formatted(longServer, keyHolder, town, start))).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(2));
		var page = user(accounts.loadUserByUsername("admin"));
		String team = mvc.perform(get("/units/{code}/team", town).with(page)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(team).contains("老书记").contains("书记").contains(start.toString());
		mvc.perform(post("/units/{code}/team", town).with(page).with(csrf())
			.param("cadreNo", newcomer).param("role", "SECRETARY").param("start", today.toString()))
			.andExpect(status().isOk())
			.andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains("只能有一名书记"));
		long adjusted = jdbc.sql("SELECT count(DISTINCT unit_id) FROM team_adjustment a JOIN org_unit u ON u.id = a.unit_id"
				+ " WHERE u.code = ? AND extract(year FROM adjusted_on) = ?").params(town, start.getYear())
			.query(Long.class).single();
		assertThat(adjusted).isEqualTo(1);
	}

	@Test
	void aCadreSeesTheirOwnPageAndNoOneElses() throws Exception {
		mvc.perform(post("/api/accounts").with(admin()).contentType("application/json").content("""
				{"username":"%s","displayName":"老书记","roles":["CADRE"],"homeUnit":"%s","password":"%s"}
				""".formatted(longServer, town, Fixtures.STRONG_PASSWORD))).andExpect(status().isCreated());
		var page = user(accounts.loadUserByUsername(longServer));
		mvc.perform(get("/me").with(page)).andExpect(status().is3xxRedirection());
		mvc.perform(get("/cadres/{no}", longServer).with(page)).andExpect(status().isOk());
		mvc.perform(get("/cadres/{no}", keyHolder).with(page)).andExpect(status().isNotFound());
		mvc.perform(get("/cadres").with(page)).andExpect(status().isForbidden());
	}
}
