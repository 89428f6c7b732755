package org.banzi.security;

import java.util.Map;

import jakarta.validation.Valid;

import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.Role;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Account administration: the system administrator manages accounts; the security administrator views and unlocks. */
@Controller
class AccountController {

	static final String LIST = "security/accounts";
	static final String FORM = "security/account-form";

	private final AccountRepository accounts;
	private final AccountService service;
	private final Units units;

	AccountController(AccountRepository accounts, AccountService service, Units units) {
		this.accounts = accounts;
		this.service = service;
		this.units = units;
	}

	@ModelAttribute("allRoles")
	Role[] allRoles() {
		return Role.values();
	}

	@GetMapping("/accounts")
	@PreAuthorize(Access.VIEW_ACCOUNTS)
	String list(@RequestParam(required = false) @Nullable String q, @RequestParam(defaultValue = "0") int page,
			Model model) {
		Page<Account> result = accounts.search(q, Math.max(page, 0), Page.size(50));
		model.addAttribute("page", result);
		model.addAttribute("q", q);
		model.addAttribute("unitCodes", unitCodes(result));
		return LIST;
	}

	@GetMapping("/accounts/new")
	@PreAuthorize(Access.MANAGE_ACCOUNTS)
	String newForm(Model model) {
		model.addAttribute("form", AccountForm.empty(units.root().code()));
		return FORM;
	}

	@PostMapping("/accounts")
	@PreAuthorize(Access.MANAGE_ACCOUNTS)
	String create(@Valid @ModelAttribute("form") AccountForm form, BindingResult errors, Model model, RedirectAttributes redirect) {
		if (errors.getTarget() == null) {
			// a post whose fields could not make a form at all (not one from the page): the empty form again
			model.addAttribute("form", AccountForm.empty(units.root().code()));
			return FORM;
		}
		if (form.password() == null || form.password().isBlank()) {
			errors.rejectValue("password", "password.required");
		}
		if (errors.hasErrors()) {
			return FORM;
		}
		try {
			Account account = service.create(new AccountService.NewAccount(form.username(), form.displayName(),
					form.roleSet(), form.homeUnit(), form.password()), form.mustChangePassword());
			redirect.addFlashAttribute("flash", "account.created");
			redirect.addFlashAttribute("flashArgs", new Object[] { account.username() });
			return "redirect:/accounts";
		}
		catch (BusinessRuleException ex) {
			errors.reject(ex.messageKey(), ex.arguments(), ex.messageKey());
			return FORM;
		}
	}

	@GetMapping("/accounts/{id}/edit")
	@PreAuthorize(Access.MANAGE_ACCOUNTS)
	String editForm(@PathVariable long id, Model model) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account.notFound", id));
		String home = units.findById(account.homeUnitId()).orElseThrow().code();
		model.addAttribute("account", account);
		model.addAttribute("form", new AccountForm(account.username(), account.displayName(), account.roles(), home, null,
				account.enabled(), account.mustChangePassword()));
		return FORM;
	}

	@PostMapping("/accounts/{id}")
	@PreAuthorize(Access.MANAGE_ACCOUNTS)
	String update(@PathVariable long id, @Valid @ModelAttribute("form") AccountForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account.notFound", id));
		model.addAttribute("account", account);
		if (errors.getTarget() == null) {
			return "redirect:/accounts/" + id + "/edit";
		}
		if (errors.hasErrors()) {
			return FORM;
		}
		try {
			service.update(id, form.displayName(), form.roleSet(), form.homeUnit(), form.enabled());
			redirect.addFlashAttribute("flash", "account.updated");
			redirect.addFlashAttribute("flashArgs", new Object[] { account.username() });
			return "redirect:/accounts";
		}
		catch (BusinessRuleException ex) {
			errors.reject(ex.messageKey(), ex.arguments(), ex.messageKey());
			return FORM;
		}
	}

	@PostMapping("/accounts/{id}/reset-password")
	@PreAuthorize(Access.MANAGE_ACCOUNTS)
	String resetPassword(@PathVariable long id, RedirectAttributes redirect) {
		try {
			String password = service.resetPassword(id);
			redirect.addFlashAttribute("flash", "account.passwordReset");
			redirect.addFlashAttribute("flashArgs", new Object[] { password });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
		}
		return "redirect:/accounts";
	}

	@PostMapping("/accounts/{id}/reset-second-factor")
	@PreAuthorize(Access.MANAGE_ACCOUNTS)
	String resetSecondFactor(@PathVariable long id, RedirectAttributes redirect) {
		return onAccount(id, service::resetSecondFactor, "account.secondFactorReset", redirect);
	}

	@PostMapping("/accounts/{id}/unlock")
	@PreAuthorize(Access.UNLOCK_ACCOUNTS)
	String unlock(@PathVariable long id, RedirectAttributes redirect) {
		return onAccount(id, service::unlock, "account.unlocked", redirect);
	}

	/** Does something to an account and says so on the list, or says why it was refused. */
	private static String onAccount(long id, java.util.function.LongConsumer action, String done, RedirectAttributes redirect) {
		try {
			action.accept(id);
			redirect.addFlashAttribute("flash", done);
			redirect.addFlashAttribute("flashArgs", new Object[] { id });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
		}
		return "redirect:/accounts";
	}

	private Map<Long, String> unitCodes(Page<Account> page) {
		Map<Long, String> codes = new java.util.HashMap<>();
		page.items().forEach(account -> units.findById(account.homeUnitId())
			.ifPresent(unit -> codes.put(account.homeUnitId(), unit.code() + " " + unit.name())));
		return codes;
	}
}
