package org.banzi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.STRONG_PASSWORD;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class SignInTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void locksTheAccountAfterFiveFailedSignInsEvenForTheRightPassword() throws Exception {
		String name = unique("lock");
		new Fixtures(mvc).account(name, "COUNTY", "LEADER");
		for (int i = 0; i < 5; i++) {
			mvc.perform(formLogin().user(name).password("wrong-password-" + i))
				.andExpect(unauthenticated())
				.andExpect(redirectedUrl("/login?error"));
		}
		mvc.perform(formLogin().user(name).password(STRONG_PASSWORD))
			.andExpect(unauthenticated())
			.andExpect(redirectedUrl("/login?locked"));
		mvc.perform(get("/api/units").with(httpBasic(name, STRONG_PASSWORD))).andExpect(status().isUnauthorized());
		long failures = jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'login' AND outcome = 'FAILURE' AND actor = ?")
			.param(name)
			.query(Long.class)
			.single();
		// five wrong passwords, then the right one refused twice (form and API) while locked
		assertThat(failures).isEqualTo(7);
	}

	@Test
	void fourFailuresThenSuccessResetsTheCount() throws Exception {
		String name = unique("reset");
		new Fixtures(mvc).account(name, "COUNTY", "LEADER");
		for (int i = 0; i < 4; i++) {
			mvc.perform(formLogin().user(name).password("nope")).andExpect(unauthenticated());
		}
		mvc.perform(formLogin().user(name).password(STRONG_PASSWORD)).andExpect(authenticated());
		assertThat(jdbc.sql("SELECT failed_attempts FROM account WHERE username = ?").param(name).query(Integer.class).single())
			.isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'login' AND outcome = 'SUCCESS' AND actor = ?")
			.param(name).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aRememberedApiSignInEndsWhenThePasswordChangesOrTheAccountLocks() throws Exception {
		String name = unique("api");
		new Fixtures(mvc).account(name, "COUNTY", "LEADER");
		mvc.perform(get("/api/units").with(httpBasic(name, STRONG_PASSWORD))).andExpect(status().isOk());
		mvc.perform(get("/api/units").with(httpBasic(name, STRONG_PASSWORD))).andExpect(status().isOk());
		MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user(name).password(STRONG_PASSWORD))
			.andExpect(authenticated()).andReturn().getRequest().getSession();
		mvc.perform(post("/password").session(session).with(csrf())
			.param("current", STRONG_PASSWORD).param("next", "Dongfeng-Xiyu-3141").param("confirm", "Dongfeng-Xiyu-3141"))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/api/units").with(httpBasic(name, STRONG_PASSWORD))).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/units").with(httpBasic(name, "Dongfeng-Xiyu-3141"))).andExpect(status().isOk());
		jdbc.sql("UPDATE account SET locked_until = now() + interval '1 hour' WHERE username = ?").param(name).update();
		mvc.perform(get("/api/units").with(httpBasic(name, "Dongfeng-Xiyu-3141"))).andExpect(status().isUnauthorized());
	}

	@Test
	void rotatesTheSessionIdAtSignIn() throws Exception {
		MockHttpSession session = new MockHttpSession();
		String before = session.getId();
		MvcResult result = mvc.perform(formLogin().user("admin").password(org.banzi.IntegrationTest.ADMIN_PASSWORD))
			.andExpect(authenticated())
			.andReturn();
		assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
	}

	@Test
	void aFormPostWithoutCsrfTokenIsRefused() throws Exception {
		mvc.perform(post("/login").param("username", "admin").param("password", org.banzi.IntegrationTest.ADMIN_PASSWORD))
			.andExpect(status().isForbidden());
	}

	@Test
	void theBrowsersIconIsServedToAnyone() throws Exception {
		mvc.perform(get("/favicon.ico")).andExpect(status().isOk())
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("icon")));
		mvc.perform(get("/favicon.svg")).andExpect(status().isOk())
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.containsString("svg")));
		mvc.perform(get("/login")).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
			.string(org.hamcrest.Matchers.containsString("rel=\"icon\"")));
	}

	@Test
	void pagesCarrySecurityHeaders() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'self'")))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

	@Test
	void anAccountWithAGeneratedPasswordMustChangeItFirst() throws Exception {
		String name = unique("fresh");
		mvc.perform(post("/api/accounts").with(Fixtures.admin()).contentType("application/json").content("""
				{"username":"%s","displayName":"新人","roles":["LEADER"],"homeUnit":"COUNTY","password":"%s","mustChangePassword":true}
				""".formatted(name, STRONG_PASSWORD))).andExpect(status().isCreated());
		MvcResult login = mvc.perform(formLogin().user(name).password(STRONG_PASSWORD)).andExpect(authenticated()).andReturn();
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
		mvc.perform(get("/units").session(session)).andExpect(redirectedUrl("/password"));
		mvc.perform(post("/password").session(session).with(csrf())
			.param("current", STRONG_PASSWORD).param("next", "password123").param("confirm", "password123"))
			.andExpect(status().isOk());
		mvc.perform(get("/units").session(session)).andExpect(redirectedUrl("/password"));
		mvc.perform(post("/password").session(session).with(csrf())
			.param("current", STRONG_PASSWORD).param("next", "Chunfeng-Huayu-2026").param("confirm", "Chunfeng-Huayu-2026"))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/units").session(session)).andExpect(status().isOk());
	}

	@Test
	void refusesWeakPasswordsWhenCreatingAnAccount() throws Exception {
		for (String weak : new String[] { "short1!", "password1234", "Qwerty123456", "aaaaaaaaaaaaaa" }) {
			mvc.perform(post("/api/accounts").with(Fixtures.admin()).contentType("application/json").content("""
					{"username":"%s","displayName":"弱","roles":["LEADER"],"homeUnit":"COUNTY","password":"%s"}
					""".formatted(unique("weak"), weak))).andExpect(status().isUnprocessableContent());
		}
	}

	@Test
	void theSystemAdministratorCannotReadTheAuditTrailAndTheAuditAdministratorNothingElse() throws Exception {
		String auditor = unique("aud");
		String system = unique("sys");
		Fixtures fixtures = new Fixtures(mvc);
		fixtures.account(auditor, "COUNTY", "AUDIT_ADMIN");
		fixtures.account(system, "COUNTY", "SYSTEM_ADMIN");
		MockHttpSession auditorSession = session(auditor);
		MockHttpSession systemSession = session(system);
		mvc.perform(get("/audit").session(auditorSession)).andExpect(status().isOk());
		mvc.perform(get("/units").session(auditorSession)).andExpect(status().isForbidden());
		mvc.perform(get("/accounts").session(auditorSession)).andExpect(status().isForbidden());
		mvc.perform(get("/api/units").with(Fixtures.as(auditor))).andExpect(status().isForbidden());
		mvc.perform(get("/audit").session(systemSession)).andExpect(status().isForbidden());
		mvc.perform(get("/accounts").session(systemSession)).andExpect(status().isOk());
	}

	private MockHttpSession session(String username) throws Exception {
		return new Fixtures(mvc).pageSession(username, STRONG_PASSWORD);
	}
}
