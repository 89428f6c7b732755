package org.banzi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code BANZI_LOG_FORMAT=json} turns log lines into JSON objects, and every line written while a request is served
 * carries the request's id and the user; a request id that is not a plain token is replaced, never echoed.
 */
class LogFormatTests {

	@Configuration(proxyBeanMethods = false)
	static class Nothing {
	}

	@Test
	void theSettingImportsTheJsonFormatAndItsAbsenceImportsNothing() {
		try (ConfigurableApplicationContext json = context("--BANZI_LOG_FORMAT=json");
				ConfigurableApplicationContext plain = context()) {
			assertThat(json.getEnvironment().getProperty("logging.structured.format.console")).isEqualTo("logstash");
			assertThat(plain.getEnvironment().getProperty("logging.structured.format.console")).isNull();
		}
	}

	private static ConfigurableApplicationContext context(String... args) {
		SpringApplication application = new SpringApplication(Nothing.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// the settings file of the application, without starting it
		return application.run(args);
	}

	@Test
	void aRequestsLinesCarryItsIdAndUser() throws Exception {
		Map<String, String> seen = new HashMap<>();
		FilterChain chain = (request, response) -> {
			seen.put("requestId", MDC.get("requestId"));
			seen.put("user", MDC.get("user"));
		};
		SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("clerk", null, java.util.List.of()));
		try {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/units");
			request.addHeader(RequestLogContext.HEADER, "abc-123");
			MockHttpServletResponse response = new MockHttpServletResponse();
			new RequestLogContext().doFilter(request, response, chain);
			assertThat(seen).containsEntry("requestId", "abc-123").containsEntry("user", "clerk");
			assertThat(response.getHeader(RequestLogContext.HEADER)).isEqualTo("abc-123");
			assertThat(MDC.get("requestId")).as("nothing left for the next request on the thread").isNull();

			MockHttpServletRequest forged = new MockHttpServletRequest("GET", "/units");
			forged.addHeader(RequestLogContext.HEADER, "a forged line <script>");
			MockHttpServletResponse replaced = new MockHttpServletResponse();
			new RequestLogContext().doFilter(forged, replaced, chain);
			assertThat(seen.get("requestId")).doesNotContain("forged").matches("[0-9a-f-]{36}");
			assertThat(replaced.getHeader(RequestLogContext.HEADER)).isEqualTo(seen.get("requestId"));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}
}
