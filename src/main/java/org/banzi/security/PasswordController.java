package org.banzi.security;

import org.banzi.platform.Access;
import org.banzi.platform.BanziPrincipal;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUsers;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Each person changes their own password here; an account created with a generated one is sent here first. */
@Controller
class PasswordController {

	static final String VIEW = "security/password";

	private final AccountService service;
	private final AccountRepository accounts;
	private final PasswordPolicy policy;
	private final java.time.Clock clock;

	PasswordController(AccountService service, AccountRepository accounts, PasswordPolicy policy, java.time.Clock clock) {
		this.service = service;
		this.accounts = accounts;
		this.policy = policy;
		this.clock = clock;
	}

	@GetMapping("/password")
	@PreAuthorize(Access.SIGNED_IN)
	String form(Model model) {
		model.addAttribute("minLength", policy.minLength());
		return VIEW;
	}

	@PostMapping("/password")
	@PreAuthorize(Access.SIGNED_IN)
	String change(@RequestParam String current, @RequestParam String next, @RequestParam String confirm, Model model,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
		model.addAttribute("minLength", policy.minLength());
		long id = CurrentUsers.get().accountId();
		if (!next.equals(confirm)) {
			model.addAttribute("error", "password.mismatch");
			return VIEW;
		}
		try {
			service.changeOwnPassword(id, current, next);
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("error", ex.messageKey());
			model.addAttribute("errorArgs", ex.arguments());
			return VIEW;
		}
		refreshPrincipal(id, request, response);
		redirect.addFlashAttribute("flash", "password.changed");
		return "redirect:/";
	}

	/** The session keeps the principal of sign-in: replace it so the change-password gate opens. */
	private void refreshPrincipal(long id, HttpServletRequest request, HttpServletResponse response) {
		BanziPrincipal principal = AccountDetailsService.principal(accounts.findById(id).orElseThrow(), clock);
		principal.eraseCredentials();
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null,
				principal.getAuthorities());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		new HttpSessionSecurityContextRepository().saveContext(context, request, response);
	}
}
