package org.banzi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.List;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import jakarta.annotation.security.PermitAll;

/**
 * Calls every endpoint the application maps: without signing in, each must send the caller to sign in (pages) or
 * answer 401 (API); signed in as a cadre with no administrative role, each administrative one must refuse.
 */
@IntegrationTest
class AuthorizationCoverageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	record Endpoint(HttpMethod method, String path, boolean open) {
	}

	List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith("org.banzi")) {
				return;
			}
			boolean open = handler.hasMethodAnnotation(PermitAll.class);
			for (String pattern : info.getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]+}", "COUNTY");
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), path, open));
				}
			}
		});
		return endpoints;
	}

	@Test
	void everyEndpointAsksAStrangerToSignIn() throws Exception {
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).hasSizeGreaterThan(20);
		for (Endpoint endpoint : endpoints) {
			if (endpoint.open()) {
				continue;
			}
			int status = mvc.perform(request(endpoint.method(), endpoint.path()).with(csrf()))
				.andReturn()
				.getResponse()
				.getStatus();
			if (endpoint.path().startsWith("/api/")) {
				assertThat(status).as(endpoint.toString()).isEqualTo(401);
			}
			else {
				assertThat(status).as(endpoint.toString()).isEqualTo(302);
			}
		}
	}

	@Test
	void aCadreReachesNoAdministrativeEndpoint() throws Exception {
		String cadre = Fixtures.unique("cadre");
		new Fixtures(mvc).account(cadre, "COUNTY", "CADRE");
		for (Endpoint endpoint : endpoints()) {
			if (endpoint.open() || endpoint.path().equals("/") || endpoint.path().startsWith("/password")
					|| !endpoint.path().startsWith("/api/")) {
				continue;
			}
			var call = endpoint.path().startsWith("/api/import/")
					? multipart(endpoint.path()).file(Fixtures.csv("code,name,type\n"))
					: request(endpoint.method(), endpoint.path());
			int status = mvc.perform(call.with(httpBasic(cadre, Fixtures.STRONG_PASSWORD)))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(status).as(endpoint.toString()).isEqualTo(403);
		}
	}
}
