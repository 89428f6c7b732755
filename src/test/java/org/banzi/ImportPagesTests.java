package org.banzi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/** Every import page offers a file field and a template per kind of file, in Chinese and in English. */
@IntegrationTest
class ImportPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Test
	void everyImportPageOffersItsFilesAndTemplates() throws Exception {
		Map<String, String[]> pages = Map.of("/cadres/import", new String[] { "cadres", "posts", "team-members" },
				"/study/import", new String[] { "study-sessions", "self-study", "notes" },
				"/training/import", new String[] { "training-classes", "enrolments" });
		var admin = user(accounts.loadUserByUsername("admin"));
		for (var page : pages.entrySet()) {
			for (String language : new String[] { "zh_CN", "en" }) {
				String html = mvc.perform(get(page.getKey()).param("lang", language).with(admin))
					.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
				for (String kind : page.getValue()) {
					assertThat(html).as(page.getKey() + " " + kind).contains("id=\"file-" + kind + "\"").contains("kind=" + kind);
				}
			}
		}
		assertThat(mvc.perform(get("/units/import").with(admin)).andReturn().getResponse().getContentAsString()).contains("type=\"file\"");
		assertThat(mvc.perform(get("/rules/import").with(admin)).andReturn().getResponse().getContentAsString()).contains("type=\"file\"");
	}
}
