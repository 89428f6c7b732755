package org.banzi.security;

import java.time.Clock;

import org.banzi.platform.BanziPrincipal;
import org.banzi.platform.CurrentUser;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads an account for sign-in, as a principal that knows the account's scope. */
@Service
class AccountDetailsService implements UserDetailsService {

	private final AccountRepository accounts;
	private final Clock clock;

	AccountDetailsService(AccountRepository accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = accounts.findByUsername(username).orElseThrow(() -> new UsernameNotFoundException(username));
		return principal(account, clock);
	}

	static BanziPrincipal principal(Account account, Clock clock) {
		CurrentUser user = new CurrentUser(account.id(), account.username(), account.displayName(), account.roles(),
				account.homeUnitId());
		return new BanziPrincipal(user, account.passwordHash(), account.enabled(), account.lockedAt(clock.instant()),
				account.mustChangePassword());
	}
}
