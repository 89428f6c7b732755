package org.banzi;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.banzi.cadres.CadreMother;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

/** Builds test data through the public API, as a script would. */
public final class Fixtures {

	public static final String STRONG_PASSWORD = "Qingshan-Lvshui-77";
	private static final AtomicInteger sequence = new AtomicInteger();

	private final MockMvc mvc;

	public Fixtures(MockMvc mvc) {
		this.mvc = mvc;
	}

	/**
	 * A page session signed in by the form, past the second factor: an account with a key gives its next code, an
	 * account that must enrol one enrols the key the page shows.
	 */
	public org.springframework.mock.web.MockHttpSession pageSession(String username, String password) throws Exception {
		var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(org.springframework.security.test.web.servlet.request
			.SecurityMockMvcRequestBuilders.formLogin().user(username).password(password)).andReturn().getRequest().getSession();
		Object pending = session.getAttribute("banzi.secondFactor.pending");
		if ("/login/two-factor".equals(pending)) {
			String secret = username.equals("admin") || username.equals("security") ? OneTimeCodes.BOOTSTRAP_SECRET
					: java.util.Objects.requireNonNull(SECRETS.get(username), "no key known for " + username);
			mvc.perform(post("/login/two-factor").session(session).with(org.springframework.security.test.web.servlet.request
				.SecurityMockMvcRequestPostProcessors.csrf()).param("code", OneTimeCodes.next(secret))).andExpect(status().is3xxRedirection());
		}
		else if ("/two-factor".equals(pending)) {
			String secret = (String) mvc.perform(get("/two-factor").session(session)).andReturn().getModelAndView().getModel().get("secret");
			SECRETS.put(username, secret);
			mvc.perform(post("/two-factor").session(session).with(org.springframework.security.test.web.servlet.request
				.SecurityMockMvcRequestPostProcessors.csrf()).param("code", OneTimeCodes.next(secret))).andExpect(status().is3xxRedirection());
		}
		return session;
	}

	/** The keys accounts enrolled through {@link #pageSession}, by username. */
	private static final Map<String, String> SECRETS = new java.util.concurrent.ConcurrentHashMap<>();

	/** A prefix no other test uses, for unit codes and usernames. */
	public static String unique(String stem) {
		return stem + System.nanoTime() % 1_000_000 + "x" + sequence.incrementAndGet();
	}

	public static RequestPostProcessor admin() {
		return httpBasic("admin", IntegrationTest.ADMIN_PASSWORD);
	}

	/** The bootstrap security administrator, over HTTP Basic. */
	public static RequestPostProcessor security() {
		return httpBasic("security", IntegrationTest.SECURITY_PASSWORD);
	}

	public static RequestPostProcessor as(String username) {
		return httpBasic(username, STRONG_PASSWORD);
	}

	public static MockMultipartFile csv(String content) {
		return new MockMultipartFile("file", "units.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	/** Imports units as CSV rows ({@code code,name,type,parent_code}) as the administrator. */
	public void units(String rows) throws Exception {
		mvc.perform(multipart("/api/import/units").file(csv("code,name,type,parent_code\n" + rows)).with(admin()))
			.andExpect(status().isOk());
	}

	/** Creates an account homed at a unit, with the given roles, usable at once over the API. */
	public void account(String username, String homeUnit, String... roles) throws Exception {
		String roleList = String.join("\",\"", roles);
		// administrators are the security administrator's to create, everyone else the system administrator's
		boolean administrator = java.util.Arrays.stream(roles).anyMatch(r -> r.endsWith("_ADMIN") && !r.equals("COUNTY_ADMIN")
				&& !r.equals("UNIT_ADMIN") && !r.equals("TRAINING_ADMIN"));
		mvc.perform(post("/api/accounts").with(administrator ? security() : admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"%s","displayName":"%s","roles":["%s"],"homeUnit":"%s","password":"%s"}
					""".formatted(username, username, roleList, homeUnit, STRONG_PASSWORD)))
			.andExpect(status().isCreated());
	}

	/**
	 * Imports a cadre of each name (numbers made unique from {@code stem}, rank as the sheet writes it, born a day apart
	 * from {@code firstBirth}) homed at a unit, and puts them on its team from 2021-01-01, the first as secretary.
	 *
	 * @return the cadres' numbers, in the order of the names
	 */
	public String[] team(String unitCode, String stem, String rank, char gender, LocalDate firstBirth, String... names) throws Exception {
		StringBuilder cadres = new StringBuilder("cadre_no,name,gender,birth_date,rank,unit_code,id_number\n");
		StringBuilder members = new StringBuilder("cadre_no,unit_code,team_role,start_date\n");
		String[] numbers = new String[names.length];
		for (int i = 0; i < names.length; i++) {
			numbers[i] = unique(stem);
			cadres.append(CadreMother.cadreRow(numbers[i], names[i], gender, firstBirth.plusDays(i), rank, unitCode, i)).append('\n');
			members.append(numbers[i]).append(',').append(unitCode).append(',').append(i == 0 ? "SECRETARY" : "MEMBER")
				.append(",2021-01-01\n");
		}
		mvc.perform(multipart("/api/import/cadres").file(csv(cadres.toString())).with(admin())).andExpect(status().isOk());
		mvc.perform(multipart("/api/import/team-members").file(csv(members.toString())).with(admin())).andExpect(status().isOk());
		return numbers;
	}

	/** The summary's figures of a unit's subtree for a year, by key, as the API gives them. */
	public Map<String, Double> summaryFigures(int year, String unit) throws Exception {
		List<Map<String, Object>> list = JsonPath.read(summaryJson(year, unit), "$.figures");
		Map<String, Double> figures = new HashMap<>();
		list.forEach(f -> figures.put((String) f.get("key"), ((Number) f.get("value")).doubleValue()));
		return figures;
	}

	/** The rules behind the summary's problems of a unit's subtree for a year, as the API gives them. */
	public List<String> summaryProblemRules(int year, String unit) throws Exception {
		return JsonPath.read(summaryJson(year, unit), "$.problems[*].rule");
	}

	private String summaryJson(int year, String unit) throws Exception {
		return mvc.perform(get("/api/summary").param("year", String.valueOf(year)).param("unit", unit).with(admin()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
	}
}
