package org.banzi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API's OpenAPI description: it validates as OpenAPI 3.1, names HTTP Basic, and documents every endpoint under
 * {@code /api} with its method, so an endpoint added without showing in it fails here. Only administrators read it.
 */
@IntegrationTest
class OpenApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService accounts;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyApiEndpointIsDescribedInAValidDocument() throws Exception {
		String json = mvc.perform(get("/v3/api-docs").with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIParser().readContents(json, null, options);
		assertThat(parsed.getMessages()).as("the document validates").isEmpty();
		OpenAPI api = parsed.getOpenAPI();
		assertThat(api.getOpenapi()).startsWith("3.1");
		assertThat(api.getComponents().getSecuritySchemes()).containsKey("basic");
		assertThat(api.getComponents().getSecuritySchemes().get("basic").getScheme()).isEqualTo("basic");

		List<String> undocumented = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith("org.banzi")) {
				return;
			}
			for (String path : info.getPatternValues()) {
				if (!path.startsWith("/api/")) {
					continue;
				}
				PathItem item = api.getPaths().get(path);
				for (var method : info.getMethodsCondition().getMethods()) {
					if (item == null || item.readOperationsMap().keySet().stream()
						.noneMatch(documented -> documented.name().equals(method.name().toUpperCase(Locale.ROOT)))) {
						undocumented.add(method + " " + path);
					}
				}
			}
		});
		assertThat(undocumented).as("API endpoints the description leaves out").isEmpty();
		assertThat(api.getPaths()).hasSizeGreaterThan(30);

		// the headers no handler names: an idempotency key on every POST, the asynchronous answer of imports
		var importCadres = api.getPaths().get("/api/import/cadres").getPost();
		assertThat(importCadres.getParameters()).extracting(p -> p.getIn() + " " + p.getName())
			.contains("header Idempotency-Key", "header Prefer")
			.as("the service handed to import handlers is not a parameter").noneMatch(p -> p.endsWith(" jobs"));
		assertThat(importCadres.getResponses()).containsKey("202");
		assertThat(importCadres.getResponses().get("202").getHeaders()).containsKey("Location");
		assertThat(api.getPaths().get("/api/accounts").getPost().getParameters()).extracting(p -> p.getName()).contains("Idempotency-Key")
			.doesNotContain("Prefer");
		assertThat(api.getPaths()).containsKeys("/api/imports", "/api/imports/{id}");
	}

	@Test
	void onlyAdministratorsReadTheDescription() throws Exception {
		String cadre = Fixtures.unique("oa");
		new Fixtures(mvc).account(cadre, "COUNTY", "CADRE");
		mvc.perform(get("/v3/api-docs").with(user(accounts.loadUserByUsername(cadre)))).andExpect(status().isForbidden());
		mvc.perform(get("/v3/api-docs")).andExpect(status().is3xxRedirection());
		mvc.perform(get("/swagger-ui.html").with(user(accounts.loadUserByUsername("admin")))).andExpect(status().is3xxRedirection());
		mvc.perform(get("/swagger-ui/index.html").with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk());
		mvc.perform(get("/swagger-ui/index.html").with(user(accounts.loadUserByUsername(cadre)))).andExpect(status().isForbidden());
	}
}
