package org.banzi.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.banzi.platform.db.Memo;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that only reads (GET, HEAD) reads each table's change count once ({@link Memo#readOnce}): a page of many
 * kept results, with the menu's, asks the database once for them.
 */
@Component
class ReadOnce extends OncePerRequestFilter {

	private final Memo memo;

	ReadOnce(Memo memo) {
		this.memo = memo;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try (Memo.Reading reading = memo.readOnce()) {
			chain.doFilter(request, response);
		}
	}
}
