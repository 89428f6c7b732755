package org.banzi.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A page session whose password was right but whose one-time code is still to come reaches only the code page (or,
 * with no key enrolled yet, the enrolment page) and sign-out. The JSON API signs in by HTTP Basic on every request
 * and keeps no session, so this gate does not concern it (docs/adr/0012).
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
class SecondFactorPending extends OncePerRequestFilter {

	static final String CODE_PAGE = "/login/two-factor";
	static final String ENROL_PAGE = "/two-factor";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (session != null && session.getAttribute(SecondFactor.PENDING) != null && !path.startsWith("/api/") && !allowed(path)) {
			response.sendRedirect(request.getContextPath() + session.getAttribute(SecondFactor.PENDING));
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean allowed(String path) {
		return path.equals(CODE_PAGE) || path.equals(ENROL_PAGE) || path.equals("/logout") || path.startsWith("/webjars/")
				|| path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/error") || path.startsWith("/favicon.");
	}
}
