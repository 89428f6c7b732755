package org.banzi.platform;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The authenticated principal kept in the security context. */
public final class BanziPrincipal implements UserDetails, CredentialsContainer {

	private final CurrentUser user;
	private @Nullable String passwordHash;
	private final boolean locked;
	private final boolean enabled;
	private final boolean mustChangePassword;

	public BanziPrincipal(CurrentUser user, @Nullable String passwordHash, boolean enabled, boolean locked,
			boolean mustChangePassword) {
		this.user = user;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
		this.locked = locked;
		this.mustChangePassword = mustChangePassword;
	}

	public CurrentUser user() {
		return user;
	}

	public boolean mustChangePassword() {
		return mustChangePassword;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		List<GrantedAuthority> authorities = user.roles().stream()
			.map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
			.toList();
		return authorities;
	}

	@Override
	public @Nullable String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return user.username();
	}

	@Override
	public boolean isAccountNonLocked() {
		return !locked;
	}

	@Override
	public boolean isEnabled() {
		return enabled;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof BanziPrincipal that && that.user.accountId() == user.accountId();
	}

	@Override
	public int hashCode() {
		return Long.hashCode(user.accountId());
	}

	@Override
	public String toString() {
		return "BanziPrincipal[" + user.username() + "]";
	}
}
