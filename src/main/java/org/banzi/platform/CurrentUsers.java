package org.banzi.platform;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Reads the signed-in user from the security context. */
public final class CurrentUsers {

	private CurrentUsers() {
	}

	public static Optional<CurrentUser> find() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof BanziPrincipal principal) {
			return Optional.of(principal.user());
		}
		return Optional.empty();
	}

	/** The signed-in user; every endpoint that calls this is behind authentication. */
	public static CurrentUser get() {
		return find().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("not signed in"));
	}

	/** Who to name in the audit trail: the user, or the system for work nobody signed in for. */
	public static String actorName() {
		return find().map(CurrentUser::username).orElse("system");
	}
}
