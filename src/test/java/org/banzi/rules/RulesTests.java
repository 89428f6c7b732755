package org.banzi.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.unique;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class RulesTests {

	@Autowired
	JdbcClient jdbc;

	static final String SESSIONS = "study.group.sessions";

	@Autowired
	MockMvc mvc;

	@Autowired
	Rules rules;

	@Autowired
	RuleService service;

	@Autowired
	Units units;

	@Autowired
	UserDetailsService accounts;

	String town;
	String otherTown;
	Unit village;
	Unit other;

	@BeforeEach
	void twoTownshipsWithAVillage() throws Exception {
		town = unique("RT");
		otherTown = unique("RO");
		new Fixtures(mvc).units("%1$s,规则镇,TOWNSHIP,\n%1$s-V,规则村,VILLAGE,%1$s\n%2$s,他镇,TOWNSHIP,\n".formatted(town, otherTown));
		village = units.findByCode(town + "-V").orElseThrow();
		other = units.findByCode(otherTown).orElseThrow();
		signIn("admin");
	}

	@org.junit.jupiter.api.AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	void signIn(String username) {
		var principal = accounts.loadUserByUsername(username);
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
	}

	CurrentUser user() {
		return ((org.banzi.platform.BanziPrincipal) SecurityContextHolder.getContext().getAuthentication().getPrincipal()).user();
	}

	AppliedRule add(String unitCode, String value, LocalDate from) {
		var checked = service.check(user(), new RuleService.Request(SESSIONS, "TOWNSHIP", unitCode, value, from, null,
				"测试文件", "", ""));
		assertThat(checked).isInstanceOf(RuleService.Valid.class);
		return service.addVersion(((RuleService.Valid) checked).version());
	}

	BigDecimal sessionsAt(Unit unit, LocalDate day) {
		return rules.resolve(SESSIONS, "TOWNSHIP", unit, day).orElseThrow().threshold();
	}

	@Test
	void theCountyDefaultAppliesUntilAUnitOverridesItForItsSubtree() {
		LocalDate day = LocalDate.of(2025, 6, 1);
		assertThat(sessionsAt(village, day)).isEqualByComparingTo("13");
		AppliedRule override = add(town, "15", LocalDate.of(2025, 1, 1));
		assertThat(sessionsAt(village, day)).isEqualByComparingTo("15");
		assertThat(sessionsAt(units.findByCode(town).orElseThrow(), day)).isEqualByComparingTo("15");
		assertThat(sessionsAt(other, day)).isEqualByComparingTo("13");
		AppliedRule resolved = rules.resolve(SESSIONS, "TOWNSHIP", village, day).orElseThrow();
		assertThat(resolved.versionId()).isEqualTo(override.versionId());
		assertThat(resolved.setAt(village.id())).isFalse();
		assertThat(resolved.setAt(units.findByCode(town).orElseThrow().id())).isTrue();
		add(town + "-V", "16", LocalDate.of(2025, 1, 1));
		assertThat(sessionsAt(village, day)).as("the nearest override wins").isEqualByComparingTo("16");
	}

	@Test
	void aNewVersionStartsOnItsDayAndLeavesThePastAsItWas() {
		add(town, "14", LocalDate.of(2025, 1, 1));
		add(town, "20", LocalDate.of(2026, 3, 1));
		assertThat(sessionsAt(village, LocalDate.of(2026, 2, 28))).isEqualByComparingTo("14");
		assertThat(sessionsAt(village, LocalDate.of(2026, 3, 1))).isEqualByComparingTo("20");
		assertThat(sessionsAt(village, Rules.reportDay(2025, LocalDate.of(2026, 11, 26)))).as("the 2025 report")
			.isEqualByComparingTo("14");
		AppliedRule closed = rules.resolve(SESSIONS, "TOWNSHIP", village, LocalDate.of(2025, 12, 31)).orElseThrow();
		assertThat(closed.effectiveTo()).isEqualTo(LocalDate.of(2026, 2, 28));
		assertThatThrownBy(() -> add(town, "21", LocalDate.of(2026, 3, 1)))
			.isInstanceOf(BusinessRuleException.class)
			.hasMessage("rule.from.notAfterLatest");
	}

	@Test
	void refusesBadValuesWithTheFieldAndTheReason() {
		record Case(String appliesTo, String unit, String value, LocalDate from, LocalDate to, String field, String key) {
		}
		LocalDate from = LocalDate.of(2026, 1, 1);
		for (Case bad : new Case[] { new Case("TOWNSHIP", town, "-3", from, null, "value", "rule.value.negative"),
				new Case("TOWNSHIP", town, "abc", from, null, "value", "rule.value.invalid"),
				new Case("TOWNSHIP", town, "13", from, from.minusDays(1), "to", "rule.to.beforeFrom"),
				new Case("PLANET", town, "13", from, null, "appliesTo", "rule.appliesTo.invalid"),
				new Case("TOWNSHIP", "NO-SUCH-UNIT", "13", from, null, "unitCode", "unit.notFound"),
				new Case("TOWNSHIP", town, "13", null, null, "from", "rule.from.required") }) {
			var checked = service.check(user(), new RuleService.Request(SESSIONS, bad.appliesTo(), bad.unit(), bad.value(),
					bad.from(), bad.to(), "文件", "", ""));
			assertThat(checked).as(bad.toString()).isInstanceOf(RuleService.Invalid.class);
			RuleService.Invalid invalid = (RuleService.Invalid) checked;
			assertThat(invalid.field()).as(bad.toString()).isEqualTo(bad.field());
			assertThat(invalid.messageKey()).as(bad.toString()).isEqualTo(bad.key());
		}
		var share = service.check(user(), new RuleService.Request("training.absence.maxShare", "ALL", town, "8/7", from,
				null, "文件", "", ""));
		assertThat(((RuleService.Invalid) share).messageKey()).isEqualTo("rule.value.shareAboveOne");
	}

	@Test
	void onlyACountyAdministratorSetsCountyDefaults() throws Exception {
		String unitAdmin = unique("ra");
		new Fixtures(mvc).account(unitAdmin, town, "UNIT_ADMIN");
		signIn(unitAdmin);
		var checked = service.check(user(), new RuleService.Request(SESSIONS, "TOWNSHIP", "", "20", LocalDate.of(2030, 1, 1),
				null, "文件", "", ""));
		assertThat(((RuleService.Invalid) checked).messageKey()).isEqualTo("rule.default.countyOnly");
		var outside = service.check(user(), new RuleService.Request(SESSIONS, "TOWNSHIP", otherTown, "20",
				LocalDate.of(2030, 1, 1), null, "文件", "", ""));
		assertThat(((RuleService.Invalid) outside).messageKey()).isEqualTo("unit.notFound");
		assertThat(user().has(Role.UNIT_ADMIN)).isTrue();
	}

	@Test
	void evaluatesExactlyAndNamesTheRule() {
		AppliedRule absence = rules.resolve("training.absence.maxShare", "ALL", village, LocalDate.of(2026, 1, 1)).orElseThrow();
		BigDecimal oneSeventh = new BigDecimal(1).divide(new BigDecimal(7), java.math.MathContext.DECIMAL128);
		assertThat(rules.evaluate(absence, oneSeventh).status()).isEqualTo(Evaluation.Status.BEHIND)
			.as("a rounded 1/7 is a hair over the exact 1/7");
		assertThat(Comparison.AT_MOST.met(new BigDecimal(1), new BigDecimal(1), new BigDecimal(7))).isFalse();
		assertThat(Comparison.AT_MOST.met(new BigDecimal("0.142857"), new BigDecimal(1), new BigDecimal(7))).isTrue();
		AppliedRule hours = rules.resolve("study.self.hours", "TOWNSHIP", village, LocalDate.of(2026, 1, 1)).orElseThrow();
		Evaluation behind = rules.evaluate(hours, new BigDecimal("150.5"));
		assertThat(behind.behind()).isTrue();
		assertThat(behind.gap()).isEqualByComparingTo("9.50");
		assertThat(behind.rule().citation()).isNotBlank();
		assertThat(rules.evaluate(hours, new BigDecimal("160")).status()).isEqualTo(Evaluation.Status.MET);
	}

	@Test
	void theApiListsTheRulesInForceWithWhereTheyWereSet() throws Exception {
		add(town, "15", LocalDate.of(2024, 1, 1));
		mvc.perform(get("/api/rules").param("year", "2025").param("unit", town + "-V").with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.date").value("2025-12-31"))
			.andExpect(jsonPath("$.rules[?(@.key == 'study.group.sessions' && @.appliesTo == 'TOWNSHIP')].value").value(hasItem("15")))
			.andExpect(jsonPath("$.rules[?(@.key == 'study.group.sessions' && @.appliesTo == 'TOWNSHIP')].definedAt").value(hasItem(town)))
			.andExpect(jsonPath("$.rules[?(@.key == 'study.group.sessions' && @.appliesTo == 'TOWNSHIP')].inherited").value(hasItem(true)))
			.andExpect(jsonPath("$.rules[?(@.key == 'training.absence.maxShare')].value").value(hasItem("1/7")))
			.andExpect(jsonPath("$.rules[?(@.key == 'personalMatters.deadline')].value").value(hasItem("01-31")));
	}

	@Test
	void importsVersionsAllOrNothingAndAReimportChangesNothing() throws Exception {
		String good = """
				rule_key,applies_to,unit_code,value,effective_from,effective_to,source_title,source_article,note
				study.self.hours,TOWNSHIP,%1$s,170,2025/1/1,,本镇计划,,
				study.notes.chars,TOWNSHIP,%1$s,18000,2025.01.01,,本镇计划,第三条,
				""".formatted(town);
		MockMultipartFile file = new MockMultipartFile("file", "rules.csv", "text/csv", good.getBytes(StandardCharsets.UTF_8));
		mvc.perform(multipart("/api/import/rules").file(file).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(2));
		mvc.perform(multipart("/api/import/rules").file(file).with(admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(0))
			.andExpect(jsonPath("$.unchanged").value(2));
		assertThat(rules.resolve("study.self.hours", "TOWNSHIP", village, LocalDate.of(2025, 5, 1)).orElseThrow().threshold())
			.isEqualByComparingTo("170");
		String bad = """
				rule_key,applies_to,unit_code,value,effective_from,effective_to,source_title
				study.self.hours,TOWNSHIP,%1$s,-5,2027-01-01,,文件
				study.self.hours,TOWNSHIP,%1$s,175,2027-01-01,2026-01-01,文件
				no.such.rule,TOWNSHIP,%1$s,1,2027-01-01,,文件
				study.self.hours,TOWNSHIP,%1$s,180,2028-01-01,,文件
				""".formatted(town);
		mvc.perform(multipart("/api/import/rules")
			.file(new MockMultipartFile("file", "rules.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)))
			.with(admin()))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors.length()").value(3))
			.andExpect(jsonPath("$.errors[0].row").value(2))
			.andExpect(jsonPath("$.errors[0].column").value("value"))
			.andExpect(jsonPath("$.errors[1].column").value("effective_to"))
			.andExpect(jsonPath("$.errors[2].column").value("rule_key"));
		assertThat(rules.resolve("study.self.hours", "TOWNSHIP", village, LocalDate.of(2028, 5, 1)).orElseThrow().threshold())
			.as("the good row of a bad file is not written").isEqualByComparingTo("170");
	}

	@Test
	void thePagesShowWhereEachValueComesFromAndKeepARefusedForm() throws Exception {
		add(town, "15", LocalDate.of(2024, 1, 1));
		var page = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user(accounts.loadUserByUsername("admin"));
		String list = mvc.perform(get("/rules").param("unit", town + "-V").param("year", "2025").with(page))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(list).contains("中心组集中学习次数").contains("继承自规则镇").contains("全县默认").contains("1/7");
		assertThat(sessionsRow(list)).contains(" 15 ").doesNotContain(" 17 ");
		// the table is kept as rendered until a rule changes: a version added later is on the next page
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/rules/{key}", SESSIONS)
			.param("unit", town).with(page).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("appliesTo", "TOWNSHIP").param("unitCode", town).param("value", "17").param("from", "2025-06-01")
			.param("sourceTitle", "新的文件")).andExpect(status().is3xxRedirection());
		String after = mvc.perform(get("/rules").param("unit", town + "-V").param("year", "2025").with(page))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(sessionsRow(after)).contains(" 17 ").doesNotContain(" 15 ");
		String refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/rules/{key}", SESSIONS).param("unit", town)
			.with(page).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
			.param("appliesTo", "TOWNSHIP").param("unitCode", town).param("value", "-4").param("from", "2031-01-01")
			.param("sourceTitle", "保留的文件名"))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("值不能为负数").contains("保留的文件名").contains("value=\"-4\"");
	}

	/** The value cell of the sessions rule's row for townships on the list. */
	static String sessionsRow(String list) {
		int row = list.indexOf("id=\"rule-" + SESSIONS + "-TOWNSHIP\"");
		assertThat(row).as("the sessions rule's row").isNotNegative();
		int cell = list.indexOf("rule-value", row);
		return list.substring(cell, list.indexOf("</td>", cell));
	}

	@Test
	void theDatabaseComparesAsTheRulesDoAtTheBoundary() {
		// one seventh, as the absence rule has it: values either side of it and on it, for every comparison
		BigDecimal value = BigDecimal.ONE;
		BigDecimal denominator = BigDecimal.valueOf(7);
		for (Comparison comparison : Comparison.values()) {
			for (String measured : new String[] { "0", "0.142857", "0.1428571428571428571", "0.142858", "1" }) {
				boolean inJava = comparison.met(new BigDecimal(measured), value, denominator);
				boolean inSql = jdbc.sql("SELECT " + comparison.sql("CAST(:m AS numeric)", ":v", ":d"))
					.param("m", new BigDecimal(measured))
					.param("v", value)
					.param("d", denominator)
					.query(Boolean.class)
					.single();
				assertThat(inSql).as("%s %s", comparison, measured).isEqualTo(inJava);
			}
		}
		assertThat(Comparison.AT_LEAST.met(new BigDecimal("0.142857"), value, denominator)).isFalse();
		assertThat(Comparison.AT_MOST.met(new BigDecimal("0.142857"), value, denominator)).isTrue();
	}
}
