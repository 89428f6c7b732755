package org.banzi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every mapping that names a record in its path, called by an account of township A with a role its rule lets in:
 * with the record of township B it answers as if the record did not exist (404), a write with a well-formed form
 * included, and a write changes nothing; with township A's own record a read is answered. A
 * mapping with a path variable that is neither here nor in {@link #ELSEWHERE} fails the test, so a new one is not
 * forgotten.
 */
@IntegrationTest
class ScopeMatrixTests {

	/** Mappings whose records are not held by a township, or whose scope another test holds, and why. */
	static final Map<String, String> ELSEWHERE = Map.ofEntries(
			Map.entry("/accounts/{id}", "accounts are county-wide: SeparationOfDutiesTests"),
			Map.entry("/accounts/{id}/edit", "accounts are county-wide: SeparationOfDutiesTests"),
			Map.entry("/accounts/{id}/reset-password", "accounts are county-wide: SeparationOfDutiesTests"),
			Map.entry("/accounts/{id}/reset-second-factor", "accounts are county-wide: SecondFactorTests"),
			Map.entry("/accounts/{id}/unlock", "accounts are county-wide: SeparationOfDutiesTests"),
			Map.entry("/ballot/{token}", "a one-time code, no account: AssessmentTests"),
			Map.entry("/api/ballots/{token}", "a one-time code, no account: AssessmentTests"),
			Map.entry("/rules/{key}", "a rule is shown at the caller's own unit: RulesTests"),
			Map.entry("/my/assessment/{cycleId}", "the cadre's own report: AssessmentTests"),
			Map.entry("/my/assessment/{cycleId}/report.pdf", "the cadre's own report: AssessmentTests"),
			Map.entry("/study/sessions/{id}/materials/{material}", "a material of a session, found through the session"),
			Map.entry("/orglife/rectifications/{id}/evidence/{evidence}", "evidence of an item, found through the item"),
			Map.entry("/study/plan/{id}/delete", "a plan item of a team, found through the team: StudyTests"),
			Map.entry("/imports/{id}", "an import job is its submitter's alone: ImportJobTests"),
			Map.entry("/imports/{id}/progress", "an import job is its submitter's alone: ImportJobTests"),
			Map.entry("/api/imports/{id}", "an import job is its submitter's alone: ImportJobTests"));

	/** Documents of a record that exist only once uploaded or issued: for the caller's own record too they may be 404. */
	static final Set<String> MAY_BE_ABSENT = Set.of("/orglife/meetings/{id}/minutes", "/training/classes/{code}/certificates/{enrolment}",
			"/assessment/cycles/{id}/letters/{cadreNo}");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	/** The records of one township, by the path variable names that point at them. */
	record Township(String code, Map<String, String> records) {
	}

	void upload(String path, String content) throws Exception {
		mvc.perform(multipart(path).file(new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8)))
			.with(admin())).andExpect(status().isOk());
	}

	Township township(String stem) throws Exception {
		String town = unique(stem);
		String village = town + "-V";
		new Fixtures(mvc).units("%1$s,%1$s镇,TOWNSHIP,\n%2$s,%2$s村,VILLAGE,%1$s\n".formatted(town, village));
		String[] team = new Fixtures(mvc).team(town, stem + "C", "副科级", 'M', LocalDate.of(1978, 1, 1), "甲", "乙");
		LocalDate day = LocalDate.now().minusDays(5);
		upload("/api/import/study-sessions", "unit_code,date,topic,hours,attendees\n%s,%s,学习%s,2,%s\n".formatted(town, day, town, team[0]));
		upload("/api/import/self-study", "cadre_no,date,hours,material\n%s,%s,1,读本\n".formatted(team[1], day));
		String classCode = town + "-K";
		upload("/api/import/training-classes", "code,title,organizer_unit_code,category,start_date,end_date,class_hours\n"
				+ "%s,班,%s,专题培训,%s,%s,8\n".formatted(classCode, town, day.minusDays(2), day.minusDays(1)));
		upload("/api/import/enrolments", "class_code,cadre_no,absent_hours\n%s,%s,0\n".formatted(classCode, team[1]));
		upload("/api/import/life-meetings", "unit_code,kind,date,topic,attendees\n%s,DEMOCRATIC_LIFE,%s,会,%s;%s\n"
			.formatted(town, day, team[0], team[1]));
		String item = town + "-R";
		upload("/api/import/rectifications", "code,unit_code,source,found_on,problem,owner_cadre_no,deadline\n"
				+ "%s,%s,民主生活会,%s,问题,%s,%s\n".formatted(item, town, day, team[1], day.plusDays(30)));
		String household = town + "-H";
		upload("/api/import/households", "户编码,所属村,户主姓名,家庭人口,户类型\n%s,%s,户主,2,监测户\n".formatted(household, village));

		// integrity records, the inspector's: a report, a check, an event filing (written as the forms and draw would),
		// and a tip-off received through its form by an inspector of the whole county
		long cadreId = Long.parseLong(id("SELECT id FROM cadre WHERE cadre_no = ?", team[1]));
		int year = day.getYear();
		jdbc.sql("INSERT INTO personal_matters_report (cadre_id, year, kind, filed_on, source, created_by) VALUES (?, ?, 'ANNUAL', ?, 'PAPER', 'test')")
			.params(cadreId, year, day).update();
		jdbc.sql("INSERT INTO personal_matters_check (year, cadre_id, reason, drawn_on, created_by) VALUES (?, ?, 'RANDOM', ?, 'test')")
			.params(year, cadreId, day).update();
		jdbc.sql("INSERT INTO event_filing (code, cadre_id, kind, event_date, created_by) VALUES (?, ?, 'WEDDING', ?, 'test')")
			.params(town + "-E", cadreId, day).update();
		String tipOff = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/integrity/tipoffs")
			.param("receivedOn", day.toString()).param("channel", "LETTER").param("unitCode", town).param("summary", "反映问题")
			.with(user(accounts.loadUserByUsername(countyInspector()))).with(csrf()))
			.andReturn().getResponse().getRedirectedUrl();

		// an assessment cycle of the township, with an appraisal of its team
		String opened = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/assessment/cycles")
			.contentType("application/json").content("{\"year\":%d,\"unit\":\"%s\",\"opens\":\"%s\",\"closes\":\"%s\"}"
				.formatted(year - 1, town, day.minusDays(1), day.plusDays(30)))
			.with(admin())).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String cycle = String.valueOf(com.jayway.jsonpath.JsonPath.<Number>read(opened, "$.id"));
		String issued = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/api/assessment/cycles/{id}/appraisals", cycle).contentType("application/json")
			.content("{\"unit\":\"%s\",\"voters\":2}".formatted(town)).with(admin()))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();

		Map<String, String> records = new LinkedHashMap<>();
		records.put("cycle", cycle);
		records.put("appraisal", String.valueOf(com.jayway.jsonpath.JsonPath.<Number>read(issued, "$.appraisal")));
		records.put("report", id("SELECT id FROM personal_matters_report WHERE cadre_id = ?", cadreId));
		records.put("check", id("SELECT id FROM personal_matters_check WHERE cadre_id = ?", cadreId));
		records.put("event", id("SELECT id FROM event_filing WHERE code = ?", town + "-E"));
		records.put("tipoff", tipOff.substring(tipOff.lastIndexOf('/') + 1));
		records.put("/units/{code}", town);
		records.put("/cadres/{no}", team[1]);
		records.put("membership", id("SELECT m.id FROM team_membership m JOIN cadre c ON c.id = m.cadre_id WHERE c.cadre_no = ?", team[1]));
		records.put("session", id("SELECT s.id FROM group_session s JOIN org_unit u ON u.id = s.unit_id WHERE u.code = ?", town));
		records.put("selfStudy", id("SELECT s.id FROM self_study s JOIN cadre c ON c.id = s.cadre_id WHERE c.cadre_no = ?", team[1]));
		records.put("class", classCode);
		records.put("enrolment", id("SELECT e.id FROM enrolment e JOIN training_class k ON k.id = e.class_id WHERE k.code = ?", classCode));
		records.put("meeting", id("SELECT m.id FROM life_meeting m JOIN org_unit u ON u.id = m.unit_id WHERE u.code = ?", town));
		records.put("item", id("SELECT id FROM rectification_item WHERE code = ?", item));
		records.put("village", village);
		records.put("household", id("SELECT id FROM household WHERE code = ?", household));
		return new Township(town, records);
	}

	String id(String sql, Object key) {
		return String.valueOf(jdbc.sql(sql).param(key).query(Long.class).single());
	}

	/** The path with a township's records in place of its variables; null when the mapping is not in this matrix. */
	static String target(String pattern, Township t) {
		Map<String, String> r = t.records();
		String path = pattern;
		if (pattern.startsWith("/units/") || pattern.startsWith("/api/units/")) {
			path = path.replace("{code}", t.code()).replace("{membership}", r.get("membership"));
		}
		else if (pattern.startsWith("/cadres/")) {
			path = path.replace("{no}", r.get("/cadres/{no}"));
		}
		else if (pattern.startsWith("/study/sessions/")) {
			path = path.replace("{id}", r.get("session"));
		}
		else if (pattern.startsWith("/study/self-study/")) {
			path = path.replace("{id}", r.get("selfStudy"));
		}
		else if (pattern.startsWith("/training/classes/")) {
			path = path.replace("{code}", r.get("class")).replace("{enrolment}", r.get("enrolment"));
		}
		else if (pattern.startsWith("/orglife/meetings/")) {
			path = path.replace("{id}", r.get("meeting"));
		}
		else if (pattern.startsWith("/orglife/rectifications/")) {
			path = path.replace("{id}", r.get("item"));
		}
		else if (pattern.startsWith("/integrity/reports/")) {
			path = path.replace("{id}", r.get("report"));
		}
		else if (pattern.startsWith("/integrity/checks/")) {
			path = path.replace("{id}", r.get("check"));
		}
		else if (pattern.startsWith("/integrity/events/")) {
			path = path.replace("{id}", r.get("event"));
		}
		else if (pattern.startsWith("/integrity/tipoffs/")) {
			path = path.replace("{id}", r.get("tipoff"));
		}
		else if (pattern.startsWith("/assessment/cycles/") || pattern.startsWith("/api/assessment/cycles/")) {
			path = path.replace("{id}", r.get("cycle")).replace("{cadreNo}", r.get("/cadres/{no}"));
		}
		else if (pattern.startsWith("/api/assessment/appraisals/")) {
			path = path.replace("{id}", r.get("appraisal"));
		}
		else if (pattern.startsWith("/assistance/villages/")) {
			path = path.replace("{code}", r.get("village"));
		}
		else if (pattern.startsWith("/assistance/households/")) {
			path = path.replace("{id}", r.get("household"));
		}
		return path.contains("{") ? null : path;
	}

	private String inspector;

	/** An inspector of the whole county, who receives the tip-offs of both townships. */
	String countyInspector() throws Exception {
		if (inspector == null) {
			inspector = unique("inspector");
			new Fixtures(mvc).account(inspector, "COUNTY", "INSPECTOR");
		}
		return inspector;
	}

	/**
	 * A role the rule lets in: the inspector for integrity records (no one else sees them), else a township
	 * administrator where the rule allows one, else the first role the rule names.
	 */
	static String roleFor(String pattern, PreAuthorize rule) {
		if (pattern.startsWith("/integrity/")) {
			return "INSPECTOR";
		}
		Set<String> roles = AuthorizationCoverageTests.roles(rule == null ? null : rule.value());
		if (roles == null || roles.contains("UNIT_ADMIN")) {
			return "UNIT_ADMIN";
		}
		return roles.contains("COUNTY_ADMIN") ? "COUNTY_ADMIN" : new TreeSet<>(roles).first();
	}

	@Test
	void aRecordOfAnotherTownshipIsNotThereForTheCallerAndTheirOwnIs() throws Exception {
		Township mine = township("SA");
		Township theirs = township("SB");
		Map<String, String> usernames = new HashMap<>();
		List<String> missing = new ArrayList<>();
		int outside = 0;
		int inside = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
			if (!entry.getValue().getBeanType().getPackageName().startsWith("org.banzi")) {
				continue;
			}
			PreAuthorize rule = entry.getValue().getMethodAnnotation(PreAuthorize.class);
			for (String pattern : entry.getKey().getPatternValues()) {
				if (!pattern.contains("{") || ELSEWHERE.containsKey(pattern)) {
					continue;
				}
				String theirPath = target(pattern, theirs);
				if (theirPath == null) {
					missing.add(pattern);
					continue;
				}
				String role = roleFor(pattern, rule);
				String username = usernames.computeIfAbsent(role, r -> {
					String name = unique("scope");
					try {
						new Fixtures(mvc).account(name, mine.code(), r);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					return name;
				});
				var principal = user(accounts.loadUserByUsername(username));
				for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
					boolean write = method != RequestMethod.GET;
					long auditBefore = jdbc.sql("SELECT count(*) FROM audit_record").query(Long.class).single();
					var call = !write ? request(HttpMethod.valueOf(method.name()), theirPath)
							: theirPath.startsWith("/api/") ? request(HttpMethod.valueOf(method.name()), theirPath).contentType("application/json")
								.content(plausibleJson(mine))
							: multipart(HttpMethod.valueOf(method.name()), theirPath).file(Fixtures.csv("a\n")).params(plausible(mine, pattern));
					int status = mvc.perform(call.with(principal).with(csrf())).andReturn().getResponse().getStatus();
					assertThat(status).as(role + " " + method + " " + theirPath + " (township B)").isEqualTo(404);
					assertThat(jdbc.sql("SELECT count(*) FROM audit_record").query(Long.class).single())
						.as("nothing written: " + method + " " + theirPath).isEqualTo(auditBefore);
					outside++;
					if (!write && !MAY_BE_ABSENT.contains(pattern)) {
						String myPath = target(pattern, mine);
						int own = mvc.perform(request(HttpMethod.GET, myPath).with(principal)).andReturn().getResponse().getStatus();
						assertThat(own).as(role + " GET " + myPath + " (township A, the caller's own)").isNotIn(403, 404).isLessThan(500);
						inside++;
					}
				}
			}
		}
		assertThat(missing).as("mappings with a record in their path that this matrix does not reach").isEmpty();
		assertThat(outside).as("calls at township B").isGreaterThan(30);
		assertThat(inside).as("reads at township A").isGreaterThan(10);
	}

	/** A body an API write might take, naming township A. */
	static String plausibleJson(Township mine) {
		return "{\"unit\":\"%s\",\"voters\":2,\"cadre\":\"%s\",\"grade\":\"COMPETENT\"}".formatted(mine.code(),
				mine.records().get("/cadres/{no}"));
	}

	/** Parameters a write form might take, all naming township A, so a call is refused for its target, not its form. */
	static org.springframework.util.MultiValueMap<String, String> plausible(Township mine, String pattern) {
		var params = new org.springframework.util.LinkedMultiValueMap<String, String>();
		String today = LocalDate.now().minusDays(1).toString();
		params.add("unitCode", mine.code());
		params.add("parent", mine.code());
		params.add("name", "名称");
		params.add("code", unique("P"));
		params.add("type", "TOWNSHIP");
		params.add("title", "职务");
		params.add("start", today);
		params.add("date", today);
		params.add("on", today);
		params.add("reason", "APPOINTMENT");
		params.add("role", "MEMBER");
		params.add("cadreNo", mine.records().get("/cadres/{no}"));
		params.add("hours", "1");
		params.add("note", "说明");
		params.add("minutes", "纪要");
		params.add("stage", "1");
		params.add("status", "CHECKED");
		params.add("outcome", pattern.contains("tipoffs") ? "UNFOUNDED" : "TRUTHFUL");
		params.add("handling", "处理");
		params.add("unit", mine.code());
		params.add("voters", "2");
		params.add("grade", "COMPETENT");
		return params;
	}
}
