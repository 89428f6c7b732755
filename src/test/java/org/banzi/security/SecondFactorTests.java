package org.banzi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.STRONG_PASSWORD;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.platform.crypto.Totp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The second factor at the sign-in page: an administrator enrols a key before reaching any page, then gives a code
 * after each password; a code is accepted once; wrong codes lock the account as wrong passwords do; the security
 * or system administrator resets a lost key, as they reset passwords; others may enrol; the JSON API keeps HTTP Basic.
 */
@IntegrationTest
class SecondFactorTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MockHttpSession signIn(String username) throws Exception {
		return (MockHttpSession) mvc.perform(formLogin().user(username).password(STRONG_PASSWORD)).andReturn().getRequest().getSession();
	}

	String secretShownTo(MockHttpSession session) throws Exception {
		return (String) mvc.perform(get("/two-factor").session(session)).andExpect(status().isOk()).andReturn().getModelAndView()
			.getModel().get("secret");
	}

	/** The step of the moment, not in its last seconds, so a test's neighbouring steps stay in the server's window. */
	static long steadyStep() throws InterruptedException {
		while (Instant.now().getEpochSecond() % Totp.STEP_SECONDS > Totp.STEP_SECONDS - 4) {
			Thread.sleep(500);
		}
		return Totp.step(Instant.now());
	}

	@Test
	void anAdministratorEnrolsBeforeAnyPageThenGivesEachCodeOnce() throws Exception {
		String name = unique("tfa");
		new Fixtures(mvc).account(name, "COUNTY", "COUNTY_ADMIN");
		MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user(name).password(STRONG_PASSWORD))
			.andExpect(redirectedUrl("/two-factor")).andReturn().getRequest().getSession();
		mvc.perform(get("/units").session(session)).andExpect(redirectedUrl("/two-factor"));
		mvc.perform(get("/login/two-factor").session(session)).andExpect(status().isOk());
		String secret = secretShownTo(session);
		assertThat(secret).matches("[A-Z2-7]{32}");

		long step = steadyStep();
		mvc.perform(post("/two-factor").session(session).with(csrf()).param("code", wrong(secret, step)))
			.andExpect(status().isOk());
		mvc.perform(get("/units").session(session)).andExpect(redirectedUrl("/two-factor"));
		mvc.perform(post("/two-factor").session(session).with(csrf()).param("code", Totp.code(secret, step - 1)))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/units").session(session)).andExpect(status().isOk());
		assertThat(jdbc.sql("SELECT totp_secret_cipher FROM account WHERE username = ?").param(name).query(String.class).single())
			.as("kept encrypted").isNotNull().doesNotContain(secret);

		MockHttpSession again = signIn(name);
		assertThat(again.getAttribute(SecondFactor.PENDING)).isEqualTo("/login/two-factor");
		mvc.perform(get("/dashboard").session(again)).andExpect(redirectedUrl("/login/two-factor"));
		mvc.perform(post("/login/two-factor").session(again).with(csrf()).param("code", Totp.code(secret, step - 1)))
			.andExpect(status().isOk());
		mvc.perform(get("/units").session(again)).andExpect(redirectedUrl("/login/two-factor"));
		mvc.perform(post("/login/two-factor").session(again).with(csrf()).param("code", Totp.code(secret, step)))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/units").session(again)).andExpect(status().isOk());
		// a code older than the last one accepted is refused as well
		MockHttpSession third = signIn(name);
		mvc.perform(post("/login/two-factor").session(third).with(csrf()).param("code", Totp.code(secret, step - 1)))
			.andExpect(status().isOk());
		assertThat(third.getAttribute(SecondFactor.PENDING)).isNotNull();
		assertThat(audit(name, "second-factor", "FAILURE")).isEqualTo(2);
		assertThat(audit(name, "second-factor", "SUCCESS")).isEqualTo(1);

		// the API signs in by HTTP Basic on each request and keeps no session (docs/adr/0012)
		mvc.perform(get("/api/units").with(httpBasic(name, STRONG_PASSWORD))).andExpect(status().isOk());
	}

	@Test
	void wrongCodesLockTheAccountAsWrongPasswordsDo() throws Exception {
		String name = unique("tfl");
		new Fixtures(mvc).account(name, "COUNTY", "COUNTY_ADMIN");
		MockHttpSession session = signIn(name);
		String secret = secretShownTo(session);
		long step = steadyStep();
		mvc.perform(post("/two-factor").session(session).with(csrf()).param("code", Totp.code(secret, step))).andExpect(redirectedUrl("/"));
		MockHttpSession next = signIn(name);
		for (int i = 1; i < 5; i++) {
			mvc.perform(post("/login/two-factor").session(next).with(csrf()).param("code", wrong(secret, step))).andExpect(status().isOk());
		}
		mvc.perform(post("/login/two-factor").session(next).with(csrf()).param("code", wrong(secret, step)))
			.andExpect(redirectedUrl("/login?locked"));
		assertThat(next.isInvalid()).isTrue();
		mvc.perform(formLogin().user(name).password(STRONG_PASSWORD)).andExpect(redirectedUrl("/login?locked"));
	}

	@Test
	void theSecurityAdministratorResetsALostKeyAndAnyoneMayEnrolOne() throws Exception {
		String name = unique("tfr");
		Fixtures fixtures = new Fixtures(mvc);
		fixtures.account(name, "COUNTY", "LEADER");
		// a leader is not asked, but may enrol
		MockHttpSession session = signIn(name);
		assertThat(session.getAttribute(SecondFactor.PENDING)).isNull();
		mvc.perform(get("/dashboard").session(session)).andExpect(status().isOk());
		String secret = secretShownTo(session);
		mvc.perform(post("/two-factor").session(session).with(csrf()).param("code", Totp.code(secret, steadyStep())))
			.andExpect(redirectedUrl("/"));
		assertThat(signIn(name).getAttribute(SecondFactor.PENDING)).isEqualTo("/login/two-factor");

		long id = jdbc.sql("SELECT id FROM account WHERE username = ?").param(name).query(Long.class).single();
		// as with passwords: the security administrator resets administrators' keys, the system administrator everyone else's
		MockHttpSession security = fixtures.pageSession("security", IntegrationTest.SECURITY_PASSWORD);
		mvc.perform(post("/accounts/{id}/reset-second-factor", id).session(security).with(csrf())).andExpect(redirectedUrl("/accounts"));
		assertThat(jdbc.sql("SELECT totp_secret_cipher IS NULL FROM account WHERE id = ?").param(id).query(Boolean.class).single()).isFalse();
		MockHttpSession system = fixtures.pageSession("admin", IntegrationTest.ADMIN_PASSWORD);
		mvc.perform(post("/accounts/{id}/reset-second-factor", id).session(system).with(csrf())).andExpect(redirectedUrl("/accounts"));
		assertThat(jdbc.sql("SELECT totp_secret_cipher IS NULL FROM account WHERE id = ?").param(id).query(Boolean.class).single()).isTrue();
		assertThat(signIn(name).getAttribute(SecondFactor.PENDING)).as("a leader without a key is not asked").isNull();
	}

	@Test
	void someoneElsesCodeStillToComeDoesNotHoldTheNextSignInInTheSameBrowser() throws Exception {
		String administrator = unique("tfw");
		String leader = unique("tfv");
		Fixtures fixtures = new Fixtures(mvc);
		fixtures.account(administrator, "COUNTY", "COUNTY_ADMIN");
		fixtures.account(leader, "COUNTY", "LEADER");
		MockHttpSession browser = signIn(administrator);
		assertThat(browser.getAttribute(SecondFactor.PENDING)).isNotNull();
		mvc.perform(post("/login").param("username", leader).param("password", STRONG_PASSWORD).session(browser).with(csrf()))
			.andExpect(redirectedUrl("/"));
		mvc.perform(get("/dashboard").session(browser)).andExpect(status().isOk());
	}

	private long audit(String username, String action, String outcome) {
		return jdbc.sql("SELECT count(*) FROM audit_record WHERE actor = ? AND action = ? AND outcome = ?").params(username, action, outcome)
			.query(Long.class).single();
	}

	/** A six-digit code none of the neighbouring steps gives. */
	private static String wrong(String secret, long step) {
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!code.equals(Totp.code(secret, step - 1)) && !code.equals(Totp.code(secret, step)) && !code.equals(Totp.code(secret, step + 1))) {
				return code;
			}
		}
	}
}
