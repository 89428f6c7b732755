package org.banzi.security;

import java.util.EnumSet;
import java.util.Set;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.banzi.platform.Role;
import org.jspecify.annotations.Nullable;

/** The account form: on creation the administrator sets a first password the holder must change. */
record AccountForm(
		@NotBlank(message = "{account.username.required}") @Size(max = 64) @Nullable String username,
		@NotBlank(message = "{account.displayName.required}") @Size(max = 100) @Nullable String displayName,
		@NotEmpty(message = "{account.roles.required}") @Nullable Set<Role> roles,
		@NotBlank(message = "{account.homeUnit.required}") @Nullable String homeUnit,
		@Nullable String password,
		boolean enabled,
		boolean mustChangePassword) {

	static AccountForm empty(String homeUnit) {
		return new AccountForm("", "", EnumSet.noneOf(Role.class), homeUnit, "", true, true);
	}

	Set<Role> roleSet() {
		return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
	}
}
