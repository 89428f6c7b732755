package org.banzi.platform.web;

import java.time.Clock;
import java.time.Year;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.servlet.HandlerInterceptor;

/** The year the user is working on, kept in view on every page; {@code ?year=2025} changes it for the session. */
public final class WorkingYear {

	static final String ATTRIBUTE = "banziWorkingYear";
	private static final int EARLIEST = 1949;

	private WorkingYear() {
	}

	public static int of(HttpServletRequest request) {
		Object year = request.getAttribute(ATTRIBUTE);
		// the interceptor sets it on every request through the dispatcher; a request it did not see works on this year
		return year instanceof Integer value ? value : Year.now().getValue();
	}

	static final class Interceptor implements HandlerInterceptor {

		private final Clock clock;

		Interceptor(Clock clock) {
			this.clock = clock;
		}

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			int current = Year.now(clock).getValue();
			HttpSession session = request.getSession(false);
			Integer year = session == null ? null : (Integer) session.getAttribute(ATTRIBUTE);
			String requested = request.getParameter("year");
			if (requested != null && requested.matches("\\d{4}")) {
				int value = Integer.parseInt(requested);
				if (value >= EARLIEST && value <= current + 1) {
					year = value;
					if (session != null) {
						session.setAttribute(ATTRIBUTE, year);
					}
				}
			}
			request.setAttribute(ATTRIBUTE, year == null ? current : year);
			return true;
		}
	}
}
