package org.banzi.platform.db;

import java.io.IOException;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Which requests read the replica: a {@code GET} of one of {@code banzi.replica.read-paths} (the dashboard, the
 * summary, statistics, lists), unless the same browser wrote something within the replica's allowed lag (a page that
 * follows a save reads the primary, so the user sees what they saved). Without a replica, nothing changes.
 */
@Configuration(proxyBeanMethods = false)
class ReplicaReads {

	static final String WROTE_COOKIE = "banzi-read-primary-until";

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> replicaReadsFilter(DataSource dataSource, ReplicaProperties replica) {
		Set<String> paths = Set.copyOf(replica.readPaths());
		long holdMillis = replica.maxLag().toMillis() + 1000;
		OncePerRequestFilter filter = new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
				if (!read) {
					Cookie wrote = new Cookie(WROTE_COOKIE, String.valueOf(System.currentTimeMillis() + holdMillis));
					wrote.setPath("/");
					wrote.setHttpOnly(true);
					wrote.setMaxAge((int) (holdMillis / 1000) + 1);
					wrote.setAttribute("SameSite", "Lax");
					response.addCookie(wrote);
				}
				boolean replicaRead = read && paths.contains(request.getRequestURI()) && !wroteLately(request);
				ReadRouting.markReplicaRead(replicaRead);
				try {
					chain.doFilter(request, response);
				}
				finally {
					ReadRouting.markReplicaRead(false);
				}
			}
		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(dataSource instanceof ReadRouting);
		// inside the session filter (its reads and writes go to the primary) and the security filters
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return registration;
	}

	static boolean wroteLately(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return false;
		}
		for (Cookie cookie : cookies) {
			if (WROTE_COOKIE.equals(cookie.getName())) {
				try {
					return Long.parseLong(cookie.getValue()) > System.currentTimeMillis();
				}
				catch (NumberFormatException ex) {
					return true;
				}
			}
		}
		return false;
	}
}
