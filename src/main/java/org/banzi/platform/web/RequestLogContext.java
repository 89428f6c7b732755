package org.banzi.platform.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's id (the caller's {@code X-Request-Id} when it is a plain token, else a new one, given back in the
 * response) and the signed-in user's name into every log line written while the request is served; JSON log lines
 * ({@code BANZI_LOG_FORMAT=json}) carry them as fields. Nothing else of the request: no parameters, no ID numbers.
 */
@Component
class RequestLogContext extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = given != null && TOKEN.matcher(given).matches() ? given : UUID.randomUUID().toString();
		response.setHeader(HEADER, id);
		MDC.put("requestId", id);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()) {
			MDC.put("user", authentication.getName());
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("requestId");
			MDC.remove("user");
		}
	}
}
