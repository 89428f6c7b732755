package org.banzi.platform;

import java.io.Serializable;
import java.util.Set;

/**
 * The signed-in person as the modules see them: who, with which roles, and the home unit whose subtree is their
 * scope. Serializable, as a signed-in page session is when kept in the database.
 */
public record CurrentUser(long accountId, String username, String displayName, Set<Role> roles, long homeUnitId)
		implements Serializable {

	public CurrentUser {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public boolean hasAny(Role... wanted) {
		for (Role role : wanted) {
			if (roles.contains(role)) {
				return true;
			}
		}
		return false;
	}
}
