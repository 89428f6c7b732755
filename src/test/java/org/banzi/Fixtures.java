package org.banzi;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Builds test data through the public API, as a script would. */
public final class Fixtures {

	public static final String STRONG_PASSWORD = "Qingshan-Lvshui-77";
	private static final AtomicInteger sequence = new AtomicInteger();

	private final MockMvc mvc;

	public Fixtures(MockMvc mvc) {
		this.mvc = mvc;
	}

	/** A prefix no other test uses, for unit codes and usernames. */
	public static String unique(String stem) {
		return stem + System.nanoTime() % 1_000_000 + "x" + sequence.incrementAndGet();
	}

	public static RequestPostProcessor admin() {
		return httpBasic("admin", IntegrationTest.ADMIN_PASSWORD);
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
		mvc.perform(post("/api/accounts").with(admin())
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"username":"%s","displayName":"%s","roles":["%s"],"homeUnit":"%s","password":"%s"}
					""".formatted(username, username, roleList, homeUnit, STRONG_PASSWORD)))
			.andExpect(status().isCreated());
	}
}
