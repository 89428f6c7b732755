package org.banzi.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.banzi.platform.BanziPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** An account whose password must be changed reaches only the password page until it is changed. */
@Component
class PasswordChangeRequired extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof BanziPrincipal principal
				&& principal.mustChangePassword() && !allowed(request.getRequestURI().substring(request.getContextPath().length()))) {
			if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
				response.sendError(HttpServletResponse.SC_FORBIDDEN, "password change required");
			}
			else {
				response.sendRedirect(request.getContextPath() + "/password");
			}
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean allowed(String path) {
		return path.equals("/password") || SecondFactorPending.allowed(path);
	}
}
