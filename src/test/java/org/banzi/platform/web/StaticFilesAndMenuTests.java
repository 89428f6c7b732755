package org.banzi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Static files are served from their own paths, version-less WebJars paths included, and links are written as they
 * are, so a page's links are never looked up as files; the menu shows each role its own entries (#roles).
 */
@IntegrationTest
class StaticFilesAndMenuTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	ResourceUrlProvider resourceUrls;

	@Test
	void staticFilesAreServedFromTheirOwnPathsAlone() throws Exception {
		for (String path : new String[] { "/webjars/htmx.org/dist/htmx.min.js", "/webjars/bootstrap/dist/css/bootstrap.min.css",
				"/webjars/echarts/echarts.min.js", "/css/banzi.css", "/js/banzi.js", "/favicon.svg", "/favicon.ico" }) {
			mvc.perform(get(path)).andExpect(status().isOk());
		}
		// no handler for everything: a page's path is never a file to look for
		assertThat(resourceUrls.getHandlerMap().keySet()).extracting(Object::toString)
			.contains("/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg")
			.doesNotContain("/**");
		assertThat(mvc.perform(get("/banzi.css")).andReturn().getResponse().getStatus()).isNotEqualTo(200);
	}

	@Test
	void eachRoleSeesItsOwnMenuAndLinksAreWrittenAsTheyAre() throws Exception {
		Fixtures fixtures = new Fixtures(mvc);
		String cadre = Fixtures.unique("menuc");
		String countyAdmin = Fixtures.unique("menua");
		fixtures.account(cadre, "COUNTY", "CADRE");
		fixtures.account(countyAdmin, "COUNTY", "COUNTY_ADMIN");

		String cadrePage = page("/", cadre);
		assertThat(cadrePage).contains("href=\"/my/study\"").contains("href=\"/me\"")
			.doesNotContain("href=\"/dashboard\"").doesNotContain("href=\"/assessment\"").doesNotContain("href=\"/accounts\"");
		String adminPage = page("/rules", countyAdmin);
		assertThat(adminPage).contains("href=\"/dashboard\"").contains("href=\"/assessment\"").contains("href=\"/integrity\"")
			.doesNotContain("href=\"/my/study\"").doesNotContain("href=\"/accounts\"").doesNotContain("href=\"/audit\"");
		// as written: rewritten through the resource chain it would name the WebJar's version
		assertThat(adminPage).contains("href=\"/webjars/bootstrap/dist/css/bootstrap.min.css\"");
	}

	private String page(String path, String username) throws Exception {
		return mvc.perform(get(path).with(user(accounts.loadUserByUsername(username)))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
	}
}
