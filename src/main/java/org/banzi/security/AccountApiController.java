package org.banzi.security;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.Role;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accounts over the API: creation, for the system administrator only. */
@RestController
class AccountApiController {

	private final AccountService service;
	private final Units units;

	AccountApiController(AccountService service, Units units) {
		this.service = service;
		this.units = units;
	}

	record CreateAccount(@NotBlank(message = "{account.username.required}") String username,
			@NotBlank(message = "{account.displayName.required}") String displayName,
			@NotEmpty(message = "{account.roles.required}") Set<Role> roles,
			@NotBlank(message = "{account.homeUnit.required}") String homeUnit,
			@NotBlank(message = "{password.required}") String password, @org.jspecify.annotations.Nullable Boolean mustChangePassword) {
	}

	/** An account as created: its roles by name, in order, and its home unit by code. */
	record AccountJson(long id, String username, String displayName, SortedSet<String> roles, String homeUnit,
			boolean mustChangePassword) {
	}

	@PostMapping("/api/accounts")
	@PreAuthorize(Access.MANAGE_ACCOUNTS)
	@ResponseStatus(HttpStatus.CREATED)
	AccountJson create(@Valid @RequestBody CreateAccount request) {
		Account account = service.create(new AccountService.NewAccount(request.username(), request.displayName(),
				request.roles(), request.homeUnit(), request.password()), Boolean.TRUE.equals(request.mustChangePassword()));
		return new AccountJson(account.id(), account.username(), account.displayName(),
				new TreeSet<>(account.roles().stream().map(Role::name).toList()), units.findById(account.homeUnitId()).orElseThrow().code(),
				account.mustChangePassword());
	}
}
