package org.banzi.platform.web;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The roles of whoever is signed in, as a page's template asks about them ({@code #roles}, see RolesDialect). */
public final class TemplateRoles {

	private static final String PREFIX = "ROLE_";

	private final boolean authenticated;

	private final Set<String> authorities;

	TemplateRoles(boolean authenticated, Set<String> authorities) {
		this.authenticated = authenticated;
		this.authorities = authorities;
	}

	static TemplateRoles signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return new TemplateRoles(false, Set.of());
		}
		return new TemplateRoles(true, authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toUnmodifiableSet()));
	}

	/**
	 * Everything {@code #roles} answers from, as a key (whether someone is signed in, their authorities sorted): a
	 * fragment rendered for one reader is shown to another only if their keys are equal.
	 */
	List<Object> key() {
		return List.of(authenticated, List.copyOf(new TreeSet<>(authorities)));
	}

	/** Whether someone is signed in. */
	public boolean authenticated() {
		return authenticated;
	}

	/** Whether the signed-in account holds the role ({@code COUNTY_ADMIN}, without the {@code ROLE_} prefix). */
	public boolean has(String role) {
		return authorities.contains(PREFIX + role);
	}

	/** Whether the signed-in account holds at least one of the roles. */
	public boolean any(String... roles) {
		for (String role : roles) {
			if (has(role)) {
				return true;
			}
		}
		return false;
	}
}
