package org.banzi.security;

import java.io.IOException;
import java.net.URI;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a write to the API that a browser says comes from another site. The API takes HTTP Basic without CSRF
 * tokens, for scripts; a browser that holds Basic credentials would otherwise send them with a form another site makes
 * it post. Browsers mark such requests ({@code Sec-Fetch-Site: cross-site} or {@code same-site}, or an {@code Origin}
 * that is not this server); scripts such as curl send neither and are not affected.
 */
final class CrossSiteWrites extends OncePerRequestFilter {

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
	private static final Set<String> OWN = Set.of("same-origin", "none");

	interface Refusal {
		void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException;
	}

	private final Refusal refusal;

	CrossSiteWrites(Refusal refusal) {
		this.refusal = refusal;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (WRITES.contains(request.getMethod()) && fromAnotherSite(request)) {
			refusal.refuse(request, response);
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean fromAnotherSite(HttpServletRequest request) {
		String fetchSite = request.getHeader("Sec-Fetch-Site");
		if (fetchSite != null && !OWN.contains(fetchSite.strip().toLowerCase(java.util.Locale.ROOT))) {
			return true;
		}
		String origin = request.getHeader("Origin");
		if (origin == null || origin.isBlank()) {
			return false;
		}
		try {
			URI from = URI.create(origin.strip());
			int port = from.getPort() == -1 ? ("https".equalsIgnoreCase(from.getScheme()) ? 443 : 80) : from.getPort();
			return !(request.getServerName().equalsIgnoreCase(from.getHost()) && request.getServerPort() == port
					&& request.getScheme().equalsIgnoreCase(from.getScheme()));
		}
		catch (IllegalArgumentException ex) {
			return true; // an Origin that is not a URL ("null", from a sandboxed frame) is not this server
		}
	}
}
