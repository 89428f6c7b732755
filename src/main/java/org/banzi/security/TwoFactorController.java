package org.banzi.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.crypto.Totp;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of signing in (the one-time code from an authenticator app) and the enrolment of a key: shown as
 * text to type into the app and as the {@code otpauth:} address, confirmed by a first code from it.
 */
@Controller
class TwoFactorController {

	static final String CODE_VIEW = "security/two-factor";
	static final String ENROL_VIEW = "security/two-factor-enrol";

	private final AccountRepository accounts;
	private final SecondFactor secondFactor;
	private final SessionRegistry sessions;

	TwoFactorController(AccountRepository accounts, SecondFactor secondFactor, SessionRegistry sessions) {
		this.sessions = sessions;
		this.accounts = accounts;
		this.secondFactor = secondFactor;
	}

	@GetMapping(SecondFactorPending.CODE_PAGE)
	@PreAuthorize(Access.SIGNED_IN)
	String codeForm(HttpSession session) {
		return session.getAttribute(SecondFactor.PENDING) == null ? "redirect:/" : CODE_VIEW;
	}

	@PostMapping(SecondFactorPending.CODE_PAGE)
	@PreAuthorize(Access.SIGNED_IN)
	String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, Model model) {
		HttpSession session = request.getSession();
		if (session.getAttribute(SecondFactor.PENDING) == null) {
			return "redirect:/";
		}
		Account account = me();
		return switch (secondFactor.verify(account, code)) {
			case ACCEPTED -> signedIn(request);
			case LOCKED -> locked(session);
			case REFUSED -> {
				model.addAttribute("error", "twoFactor.wrongCode");
				yield CODE_VIEW;
			}
		};
	}

	@GetMapping(SecondFactorPending.ENROL_PAGE)
	@PreAuthorize(Access.SIGNED_IN)
	String enrolForm(HttpSession session, Model model) {
		Account account = me();
		if (account.secondFactor()) {
			// a key is kept until the security administrator resets it; the code page asks for it
			model.addAttribute("enrolled", true);
			return session.getAttribute(SecondFactor.PENDING) != null ? "redirect:" + SecondFactorPending.CODE_PAGE : ENROL_VIEW;
		}
		showKey(session, account, model);
		return ENROL_VIEW;
	}

	@PostMapping(SecondFactorPending.ENROL_PAGE)
	@PreAuthorize(Access.SIGNED_IN)
	String enrol(@RequestParam(defaultValue = "") String code, HttpServletRequest request, Model model) {
		HttpSession session = request.getSession();
		Account account = me();
		if (account.secondFactor()) {
			return "redirect:" + SecondFactorPending.ENROL_PAGE;
		}
		String secret = (String) session.getAttribute(SecondFactor.NEW_SECRET);
		if (secret == null) {
			return "redirect:" + SecondFactorPending.ENROL_PAGE;
		}
		return switch (secondFactor.enrol(account, secret, code)) {
			case ACCEPTED -> {
				session.removeAttribute(SecondFactor.NEW_SECRET);
				yield signedIn(request);
			}
			case LOCKED -> locked(session);
			case REFUSED -> {
				model.addAttribute("error", "twoFactor.wrongCode");
				showKey(session, account, model);
				yield ENROL_VIEW;
			}
		};
	}

	private void showKey(HttpSession session, Account account, Model model) {
		String secret = (String) session.getAttribute(SecondFactor.NEW_SECRET);
		if (secret == null) {
			secret = secondFactor.newSecret();
			session.setAttribute(SecondFactor.NEW_SECRET, secret);
		}
		model.addAttribute("secret", secret);
		model.addAttribute("secretGroups", secret.replaceAll("(.{4})(?!$)", "$1 "));
		model.addAttribute("uri", Totp.uri(SecondFactor.ISSUER, account.username(), secret));
		model.addAttribute("pending", session.getAttribute(SecondFactor.PENDING) != null);
	}

	/**
	 * The code was right: the session is let through, under a new id, which the registry of sessions follows so that
	 * a change to the account still ends it.
	 */
	private String signedIn(HttpServletRequest request) {
		request.getSession().removeAttribute(SecondFactor.PENDING);
		String before = request.getSession().getId();
		String after = request.changeSessionId();
		SessionInformation registered = sessions.getSessionInformation(before);
		if (registered != null) {
			sessions.removeSessionInformation(before);
			sessions.registerNewSession(after, registered.getPrincipal());
		}
		return "redirect:/";
	}

	private static String locked(HttpSession session) {
		session.invalidate();
		return "redirect:/login?locked";
	}

	private Account me() {
		return accounts.findById(CurrentUsers.get().accountId()).orElseThrow();
	}
}
