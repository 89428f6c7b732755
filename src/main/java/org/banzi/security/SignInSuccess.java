package org.banzi.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.banzi.platform.BanziPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * After a right password: an account that must give a one-time code is sent to the code page (or, with no key yet,
 * to enrol one) and its session is held there until it does; any other goes where it was going.
 */
@Component
class SignInSuccess implements AuthenticationSuccessHandler {

	private final AccountRepository accounts;
	private final SecondFactor secondFactor;
	private final SavedRequestAwareAuthenticationSuccessHandler onward = new SavedRequestAwareAuthenticationSuccessHandler();

	SignInSuccess(AccountRepository accounts, SecondFactor secondFactor) {
		this.accounts = accounts;
		this.secondFactor = secondFactor;
		onward.setDefaultTargetUrl("/");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException, ServletException {
		Account account = authentication.getPrincipal() instanceof BanziPrincipal principal
				? accounts.findById(principal.user().accountId()).orElse(null) : null;
		if (account != null && secondFactor.asked(account)) {
			String next = account.secondFactor() ? SecondFactorPending.CODE_PAGE : SecondFactorPending.ENROL_PAGE;
			request.getSession().setAttribute(SecondFactor.PENDING, next);
			response.sendRedirect(request.getContextPath() + next);
			return;
		}
		// a sign-in in a browser where someone else's code was still to come: that wait is not this account's
		request.getSession().removeAttribute(SecondFactor.PENDING);
		onward.onAuthenticationSuccess(request, response, authentication);
	}
}
