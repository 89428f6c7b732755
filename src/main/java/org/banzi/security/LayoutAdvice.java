package org.banzi.security;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.web.KeptFragments;
import org.banzi.platform.web.WorkingYear;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

/** What the layout shows on every page: who is signed in, their unit, and the year in view. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

	/** How many past years the year selector offers. */
	private static final int YEARS_BACK = 6;

	private final Units units;
	private final Clock clock;
	private final KeptFragments fragments;

	LayoutAdvice(Units units, Clock clock, KeptFragments fragments) {
		this.units = units;
		this.clock = clock;
		this.fragments = fragments;
	}

	/**
	 * The menu, rendered once for each language and set of roles and kept: it was a fifth of a small page's
	 * template. Rendered when the page's template asks for it, not for a request that redirects.
	 */
	@ModelAttribute("navigation")
	LazyContextVariable<String> navigation(HttpServletRequest request, HttpServletResponse response) {
		return new LazyContextVariable<>() {
			@Override
			protected String loadValue() {
				return fragments.fixed("layout/nav :: nav", request, response);
			}
		};
	}

	@ModelAttribute("currentUser")
	@Nullable CurrentUser currentUser() {
		return CurrentUsers.find().orElse(null);
	}

	@ModelAttribute("homeUnit")
	@Nullable Unit homeUnit() {
		// from the kept look-up: this is on every page
		return CurrentUsers.find().map(user -> units.of(units.lookup(), user.homeUnitId())).orElse(null);
	}

	@ModelAttribute("workingYear")
	int workingYear(HttpServletRequest request) {
		return WorkingYear.of(request);
	}

	/** The years offered in the selector: from next year back over the recent past, and the one in view. */
	@ModelAttribute("yearOptions")
	java.util.List<Integer> yearOptions(HttpServletRequest request) {
		int current = java.time.Year.now(clock).getValue();
		java.util.TreeSet<Integer> years = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
		for (int year = current; year >= current - YEARS_BACK; year--) {
			years.add(year);
		}
		years.add(WorkingYear.of(request));
		return java.util.List.copyOf(years);
	}

	@ModelAttribute("requestPath")
	String requestPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}
}
