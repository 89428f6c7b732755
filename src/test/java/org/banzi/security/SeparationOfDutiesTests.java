package org.banzi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.security;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The three administrators kept apart (三员分立): no account holds two of them, only the security administrator grants
 * or removes them and resets or unlocks an administrator, and nobody changes their own roles. Each refusal changes
 * nothing.
 */
@IntegrationTest
class SeparationOfDutiesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;


	ResultActions create(org.springframework.test.web.servlet.request.RequestPostProcessor as, String username, String... roles)
			throws Exception {
		return mvc.perform(post("/api/accounts").with(as).contentType(MediaType.APPLICATION_JSON).content("""
				{"username":"%s","displayName":"%s","roles":["%s"],"homeUnit":"COUNTY","password":"%s"}
				""".formatted(username, username, String.join("\",\"", roles), Fixtures.STRONG_PASSWORD)));
	}

	List<String> roles(String username) {
		return jdbc.sql("SELECT r.role FROM account_role r JOIN account a ON a.id = r.account_id WHERE a.username = ? ORDER BY r.role")
			.param(username).query(String.class).list();
	}

	long id(String username) {
		return jdbc.sql("SELECT id FROM account WHERE username = ?").param(username).query(Long.class).single();
	}

	/** Disabling an account, taking a role from it or resetting its password ends its page sessions at once. */
	@Test
	void aChangedAccountsSessionsEndAtOnce() throws Exception {
		String leader = unique("lead");
		create(admin(), leader, "LEADER", "COUNTY_ADMIN").andExpect(status().isCreated());
		var session = new Fixtures(mvc).pageSession(leader, Fixtures.STRONG_PASSWORD);
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/units").session(session))
			.andExpect(status().isOk());
		// the county administration is taken away
		mvc.perform(post("/accounts/{id}", id(leader)).param("username", leader).param("displayName", leader).param("homeUnit", "COUNTY").param("roles", "LEADER")
			.param("enabled", "true").param("mustChangePassword", "false").with(user(accounts.loadUserByUsername("admin"))).with(csrf()))
			.andExpect(status().is3xxRedirection());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/units").session(session))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/login?expired"));
	}

	@Test
	void theFirstStartCreatesTheSecurityAdministratorApartFromTheSystemAdministrator() {
		assertThat(roles("admin")).containsExactlyInAnyOrder("COUNTY_ADMIN", "SYSTEM_ADMIN");
		assertThat(roles("security")).containsExactly("SECURITY_ADMIN");
	}

	@Test
	void onlyTheSecurityAdministratorCreatesAnAdministratorAndNeverOneWithTwoOfTheRoles() throws Exception {
		String auditor = unique("aud");
		create(admin(), auditor, "AUDIT_ADMIN").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("account.administrators.securityOnly"));
		assertThat(jdbc.sql("SELECT count(*) FROM account WHERE username = ?").param(auditor).query(Long.class).single()).isZero();
		create(security(), auditor, "AUDIT_ADMIN", "SYSTEM_ADMIN").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("account.roles.separated"));
		create(security(), auditor, "AUDIT_ADMIN").andExpect(status().isCreated());
		assertThat(roles(auditor)).containsExactly("AUDIT_ADMIN");
		// the security administrator does not manage everyone else
		create(security(), unique("lead"), "LEADER").andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.code").value("account.others.systemOnly"));
		create(admin(), unique("lead"), "LEADER").andExpect(status().isCreated());
	}

	@Test
	void theSystemAdministratorCannotGiveItselfAuditOrResetTheAuditor() throws Exception {
		String auditor = unique("aud");
		create(security(), auditor, "AUDIT_ADMIN").andExpect(status().isCreated());
		var page = user(accounts.loadUserByUsername("admin"));
		mvc.perform(post("/accounts/{id}", id("admin")).param("username", "admin").param("displayName", "Administrator")
			.param("homeUnit", "COUNTY").param("roles", "SYSTEM_ADMIN", "COUNTY_ADMIN", "AUDIT_ADMIN").param("enabled", "true").param("mustChangePassword", "false").with(page)
			.with(csrf())).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("三者分立")));
		assertThat(roles("admin")).containsExactlyInAnyOrder("COUNTY_ADMIN", "SYSTEM_ADMIN");
		String hash = jdbc.sql("SELECT password_hash FROM account WHERE username = ?").param(auditor).query(String.class).single();
		mvc.perform(post("/accounts/{id}/reset-password", id(auditor)).with(page).with(csrf()));
		assertThat(jdbc.sql("SELECT password_hash FROM account WHERE username = ?").param(auditor).query(String.class).single())
			.as("the auditor's password is not reset by the system administrator").isEqualTo(hash);
		// nor does the security administrator change its own roles
		var securityPage = user(accounts.loadUserByUsername("security"));
		mvc.perform(post("/accounts/{id}", id("security")).param("username", "security").param("displayName", "Security administrator")
			.param("homeUnit", "COUNTY").param("roles", "SECURITY_ADMIN", "COUNTY_ADMIN").param("enabled", "true").param("mustChangePassword", "false").with(securityPage)
			.with(csrf())).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("不能更改自己的角色")));
		assertThat(roles("security")).containsExactly("SECURITY_ADMIN");
		// the security administrator resets the auditor
		mvc.perform(post("/accounts/{id}/reset-password", id(auditor)).with(securityPage).with(csrf()));
		assertThat(jdbc.sql("SELECT password_hash FROM account WHERE username = ?").param(auditor).query(String.class).single())
			.isNotEqualTo(hash);
	}
}
