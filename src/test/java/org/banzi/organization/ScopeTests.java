package org.banzi.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.as;
import static org.banzi.Fixtures.csv;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A unit administrator of township A sees and changes only A's subtree, in the pages and in the API. */
@IntegrationTest
class ScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	String a;
	String b;
	String adminOfA;

	@BeforeEach
	void twoTownships() throws Exception {
		a = unique("SA");
		b = unique("SB");
		Fixtures fixtures = new Fixtures(mvc);
		fixtures.units("""
				%1$s,甲镇,TOWNSHIP,
				%1$s-V,甲村,VILLAGE,%1$s
				%2$s,乙镇,TOWNSHIP,
				%2$s-V,乙村,VILLAGE,%2$s
				""".formatted(a, b));
		adminOfA = unique("ua");
		fixtures.account(adminOfA, a, "UNIT_ADMIN");
	}

	RequestPostProcessor page() {
		return user(accounts.loadUserByUsername(adminOfA));
	}

	@Test
	void theApiAnswers404ForAnyUnitOfAnotherTownship() throws Exception {
		mvc.perform(get("/api/units/{code}", a + "-V").with(as(adminOfA))).andExpect(status().isOk());
		mvc.perform(get("/api/units/{code}", b).with(as(adminOfA))).andExpect(status().isNotFound());
		mvc.perform(get("/api/units/{code}", b + "-V").with(as(adminOfA))).andExpect(status().isNotFound());
		mvc.perform(get("/api/units/{code}", "COUNTY").with(as(adminOfA))).andExpect(status().isNotFound());
	}

	@Test
	void theApiListHoldsOnlyTheOwnSubtree() throws Exception {
		mvc.perform(get("/api/units").param("size", "500").with(as(adminOfA)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[0].code").value(a))
			.andExpect(jsonPath("$.items[1].code").value(a + "-V"));
	}

	@Test
	void thePagesAnswer404ForAnotherTownship() throws Exception {
		mvc.perform(get("/units/{code}", a).with(page())).andExpect(status().isOk());
		mvc.perform(get("/units/{code}", b).with(page())).andExpect(status().isNotFound());
		mvc.perform(get("/units/{code}/edit", b).with(page())).andExpect(status().isNotFound());
		mvc.perform(get("/units/new").param("parent", b).with(page())).andExpect(status().isNotFound());
		mvc.perform(post("/units/{code}/retire", b + "-V").with(page()).with(csrf())).andExpect(status().isNotFound());
		mvc.perform(post("/units/{code}/move", a + "-V").param("newParent", b).with(page()).with(csrf()))
			.andExpect(status().isOk());
		assertThat(parentOf(a + "-V")).isEqualTo(a);
		String list = mvc.perform(get("/units").param("size", "500").with(page()))
			.andReturn().getResponse().getContentAsString();
		assertThat(list).contains(a).doesNotContain(b);
	}

	@Test
	void theExportHoldsOnlyTheOwnSubtree() throws Exception {
		String exported = new String(mvc.perform(get("/units/export").param("format", "csv").with(page()))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(exported).contains(a + "-V").doesNotContain(b).doesNotContain("COUNTY,");
	}

	@Test
	void anImportCannotTouchAnotherTownship() throws Exception {
		mvc.perform(multipart("/api/import/units").file(csv("code,name,type,parent_code\n%s,改名,TOWNSHIP,\n".formatted(b)))
			.with(as(adminOfA)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].column").value("code"));
		mvc.perform(multipart("/api/import/units")
			.file(csv("code,name,type,parent_code\n%s-N,新村,VILLAGE,%s\n".formatted(a, b)))
			.with(as(adminOfA)))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].column").value("parent_code"));
		assertThat(jdbc.sql("SELECT name FROM org_unit WHERE code = ?").param(b).query(String.class).single()).isEqualTo("乙镇");
		mvc.perform(multipart("/api/import/units")
			.file(csv("code,name,type,parent_code\n%1$s-N,新村,VILLAGE,%1$s\n".formatted(a)))
			.with(as(adminOfA)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inserted").value(1));
	}

	@Test
	void aUnitAdminCannotCreateAccounts() throws Exception {
		mvc.perform(post("/api/accounts").with(as(adminOfA)).contentType("application/json").content("{}"))
			.andExpect(status().isForbidden());
	}

	String parentOf(String code) {
		return jdbc.sql("SELECT p.code FROM org_unit u JOIN org_unit p ON p.id = u.parent_id WHERE u.code = ?")
			.param(code)
			.query(String.class)
			.single();
	}
}
