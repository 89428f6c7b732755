package org.banzi.security;

import jakarta.servlet.http.HttpServletRequest;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.web.WorkingYear;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout shows on every page: who is signed in, their unit, and the year in view. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

	private final Units units;

	LayoutAdvice(Units units) {
		this.units = units;
	}

	@ModelAttribute("currentUser")
	@Nullable CurrentUser currentUser() {
		return CurrentUsers.find().orElse(null);
	}

	@ModelAttribute("homeUnit")
	@Nullable Unit homeUnit() {
		return CurrentUsers.find().flatMap(user -> units.findById(user.homeUnitId())).orElse(null);
	}

	@ModelAttribute("workingYear")
	int workingYear(HttpServletRequest request) {
		return WorkingYear.of(request);
	}

	@ModelAttribute("requestPath")
	String requestPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}
}
