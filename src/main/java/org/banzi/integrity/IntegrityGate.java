package org.banzi.integrity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.Role;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Integrity does not exist for a unit administrator, a leader or a training administrator: every page and endpoint
 * answers them 404 before anything else is looked at (their parameters included), and the tip-offs answer 404 to
 * anyone but an inspector. Cadres reach their own records through the handlers' own checks.
 */
@Configuration(proxyBeanMethods = false)
class IntegrityGate implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/integrity", "/integrity/**", "/api/integrity/**",
				"/api/import/personal-matters-filings", "/api/import/event-filings", "/api/import/holidays");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		CurrentUser user = CurrentUsers.find().orElse(null);
		if (user == null) {
			return true;
		}
		boolean officer = user.hasAny(Role.INSPECTOR, Role.COUNTY_ADMIN);
		boolean closedOut = user.hasAny(Role.UNIT_ADMIN, Role.LEADER, Role.TRAINING_ADMIN) && !officer && !user.has(Role.CADRE);
		boolean tipOffs = request.getRequestURI().startsWith(request.getContextPath() + "/integrity/tipoffs");
		if (closedOut || (tipOffs && !user.has(Role.INSPECTOR))) {
			throw new NotFoundException("integrity.notFound", "-");
		}
		return true;
	}
}
