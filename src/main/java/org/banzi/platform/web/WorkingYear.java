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
	/** The default in force for a request the user has chosen no year on, decided when first asked. */
	static final String DEFAULT = "banziDefaultYear";
	private static final int EARLIEST = 1949;

	private WorkingYear() {
	}

	public static int of(HttpServletRequest request) {
		Object year = request.getAttribute(ATTRIBUTE);
		if (year instanceof Integer value) {
			return value;
		}
		// no year chosen: the default, decided once and kept for the session
		if (request.getAttribute(DEFAULT) instanceof Default decided) {
			int value = decided.year();
			request.setAttribute(ATTRIBUTE, value);
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.setAttribute(ATTRIBUTE, value);
			}
			return value;
		}
		// a request the interceptor did not see works on this year
		return Year.now().getValue();
	}

	/** The policy and the current year, asked only when a page needs the year. */
	private record Default(DefaultYear policy, int current) {

		int year() {
			return policy.defaultYear(current);
		}
	}

	static final class Interceptor implements HandlerInterceptor {

		private final Clock clock;
		private final DefaultYear defaults;

		Interceptor(Clock clock, DefaultYear defaults) {
			this.clock = clock;
			this.defaults = defaults;
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
			if (year == null) {
				request.setAttribute(DEFAULT, new Default(defaults, current));
			}
			else {
				request.setAttribute(ATTRIBUTE, year);
			}
			return true;
		}
	}
}
