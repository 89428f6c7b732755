package org.banzi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
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

	String cadre;

	String countyAdmin;

	@BeforeEach
	void aCadreAndACountyAdministrator() throws Exception {
		Fixtures fixtures = new Fixtures(mvc);
		cadre = Fixtures.unique("menuc");
		countyAdmin = Fixtures.unique("menua");
		fixtures.account(cadre, "COUNTY", "CADRE");
		fixtures.account(countyAdmin, "COUNTY", "COUNTY_ADMIN");
	}

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
		String cadrePage = page("/", cadre);
		assertThat(cadrePage).contains("href=\"/my/study\"").contains("href=\"/me\"")
			.doesNotContain("href=\"/dashboard\"").doesNotContain("href=\"/assessment\"").doesNotContain("href=\"/accounts\"");
		String adminPage = page("/rules", countyAdmin);
		assertThat(adminPage).contains("href=\"/dashboard\"").contains("href=\"/assessment\"").contains("href=\"/integrity\"")
			.doesNotContain("href=\"/my/study\"").doesNotContain("href=\"/accounts\"").doesNotContain("href=\"/audit\"");
		// as written: rewritten through the resource chain it would name the WebJar's version
		assertThat(adminPage).contains("href=\"/webjars/bootstrap/dist/css/bootstrap.min.css\"");
	}

	@Test
	void theMenuIsKeptApartForEachLanguageAndRoleAndAPageOfAnErrorHasItToo() throws Exception {
		for (int round = 0; round < 2; round++) {
			assertThat(menu(page("/", cadre))).contains(">我的学习<").doesNotContain("My study", "href=\"/dashboard\"");
			assertThat(menu(page("/?lang=en", cadre))).contains(">My study<").doesNotContain("我的学习", "href=\"/dashboard\"");
			assertThat(menu(page("/rules?lang=zh_CN", countyAdmin))).contains(">工作台<", "href=\"/dashboard\"")
				.doesNotContain("href=\"/my/study\"");
		}
		// an error's page is rendered without the pages' model: its menu is rendered in place
		String missing = mvc.perform(get("/cadres/NO-SUCH-CADRE").with(user(accounts.loadUserByUsername(countyAdmin))))
			.andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
		assertThat(menu(missing)).contains("href=\"/dashboard\"").doesNotContain("href=\"/my/study\"");
	}

	@Test
	void aFormPageWhoseMenuIsRenderedForTheFirstTimeKeepsItsForm() throws Exception {
		// a language no page has been shown in yet: the menu is rendered in the middle of the page, before the form
		String form = mvc.perform(get("/rules/study.group.sessions").param("lang", "en_GB")
			.with(user(accounts.loadUserByUsername(countyAdmin)))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(menu(form)).contains("href=\"/dashboard\"");
		assertThat(form).contains("name=\"sourceTitle\"");
	}

	/** The menu's list of a page. */
	private static String menu(String page) {
		int start = page.indexOf("<ul class=\"navbar-nav");
		assertThat(start).as("the page has a menu").isNotNegative();
		return page.substring(start, page.indexOf("</ul>", start));
	}

	private String page(String path, String username) throws Exception {
		return mvc.perform(get(path).with(user(accounts.loadUserByUsername(username)))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}
}
