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

	/** An endpoint and the roles its rule lets in (null: any signed-in user). */
	record Endpoint(HttpMethod method, String path, boolean open, java.util.@org.jspecify.annotations.Nullable Set<String> roles) {
	}

	private static final java.util.regex.Pattern ROLE = java.util.regex.Pattern.compile("'([A-Z_]+)'");

	/** The roles a rule such as {@code hasAnyRole('A','B')} names; null for a rule any signed-in user meets. */
	static java.util.Set<String> roles(@org.jspecify.annotations.Nullable String rule) {
		if (rule == null || rule.equals("isAuthenticated()")) {
			return null;
		}
		java.util.Set<String> roles = new java.util.TreeSet<>();
		ROLE.matcher(rule).results().forEach(m -> roles.add(m.group(1)));
		return roles;
	}

	List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith("org.banzi")) {
				return;
			}
			boolean open = handler.hasMethodAnnotation(PermitAll.class);
			org.springframework.security.access.prepost.PreAuthorize rule = handler
				.getMethodAnnotation(org.springframework.security.access.prepost.PreAuthorize.class);
			for (String pattern : info.getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]+}", "COUNTY");
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), path, open, roles(rule == null ? null : rule.value())));
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

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	org.springframework.security.core.userdetails.UserDetailsService accounts;

	/**
	 * Every role against every endpoint, pages and API: a role the endpoint's rule does not name is refused (403, or 404
	 * where a module hides its records altogether, or 400 for a call whose arguments do not bind, as they are bound
	 * before the rule is asked), and a refused write changes nothing (no audit record is written); a role it names is
	 * not refused by the rule.
	 */
	@Test
	void everyRoleMeetsEachEndpointsRuleAndARefusedWriteChangesNothing() throws Exception {
		Fixtures fixtures = new Fixtures(mvc);
		List<Endpoint> endpoints = endpoints().stream().filter(e -> !e.open() && !e.path().equals("/logout")).toList();
		assertThat(endpoints).filteredOn(e -> e.roles() != null).hasSizeGreaterThan(60);
		int checked = 0;
		for (org.banzi.platform.Role role : org.banzi.platform.Role.values()) {
			String username = Fixtures.unique("matrix");
			fixtures.account(username, "COUNTY", role.name());
			var principal = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
				.user(accounts.loadUserByUsername(username));
			for (Endpoint endpoint : endpoints) {
				boolean allowed = endpoint.roles() == null || endpoint.roles().contains(role.name());
				boolean write = endpoint.method() != HttpMethod.GET;
				long auditBefore = jdbc.sql("SELECT count(*) FROM audit_record").query(Long.class).single();
				// path variables as a number no record has: numbers bind, and nothing real is written to
				String path = endpoint.path().replace("COUNTY", "987654321");
				// writes as multipart with a small file, which every write handler reads or ignores
				var call = write ? multipart(endpoint.method(), path).file(Fixtures.csv("code,name,type\n"))
						: request(endpoint.method(), path);
				int status;
				try {
					status = mvc.perform(call.with(principal).with(csrf())).andReturn().getResponse().getStatus();
				}
				catch (Exception ex) {
					throw new AssertionError(role + " " + endpoint + " failed on the server", ex);
				}
				if (!allowed) {
					// 400 when the call is malformed: arguments are bound before the method's rule is asked
					assertThat(status).as(role + " " + endpoint).isIn(400, 403, 404);
					if (write) {
						assertThat(jdbc.sql("SELECT count(*) FROM audit_record").query(Long.class).single())
							.as("a refused write changes nothing: " + role + " " + endpoint).isEqualTo(auditBefore);
					}
				}
				else {
					// let in by the rule; what the handler then answers to an empty call is never a server error
					assertThat(status).as(role + " " + endpoint).isNotEqualTo(403).isLessThan(500);
				}
				checked++;
			}
		}
		assertThat(checked).isEqualTo(endpoints.size() * org.banzi.platform.Role.values().length);
	}
}
