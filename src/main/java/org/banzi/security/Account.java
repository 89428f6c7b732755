package org.banzi.security;

import java.time.Instant;
import java.util.Set;

import org.banzi.platform.Role;
import org.jspecify.annotations.Nullable;

/** A person's account: roles, home unit (their scope), and sign-in state. */
record Account(long id, String username, String displayName, String passwordHash, long homeUnitId, Set<Role> roles,
		boolean enabled, boolean mustChangePassword, int failedAttempts, @Nullable Instant lockedUntil,
		@Nullable Instant lastLoginAt, boolean secondFactor) {

	public boolean lockedAt(Instant now) {
		return lockedUntil != null && lockedUntil.isAfter(now);
	}
}
