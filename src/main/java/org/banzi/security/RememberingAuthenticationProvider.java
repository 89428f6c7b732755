package org.banzi.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.banzi.platform.LeastRecentlyUsed;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a username and password with the slow hash, and remembers a successful check for a few minutes so that
 * scripts using HTTP Basic (which send the password with every request) do not pay the slow hash each time. The
 * account is loaded on every request, so a lock, a disabled account or a changed password takes effect at once: the
 * remembered key covers the stored hash, and a new password hash matches no remembered key.
 */
@Component
class RememberingAuthenticationProvider implements AuthenticationProvider {

	private static final Duration REMEMBER = Duration.ofMinutes(5);
	private static final int CAPACITY = 1_000;

	private final AccountDetailsService accounts;
	private final PasswordEncoder encoder;
	private final Clock clock;
	private final Map<String, Instant> verified = java.util.Collections
		.synchronizedMap(LeastRecentlyUsed.<String, Instant>map(CAPACITY));

	RememberingAuthenticationProvider(AccountDetailsService accounts, PasswordEncoder encoder, Clock clock) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		String password = String.valueOf(authentication.getCredentials());
		UserDetails user;
		try {
			user = accounts.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			// spend the time a real check would, so that a missing account cannot be told from a wrong password
			encoder.matches(password, "{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z1aWgGuOvFcbJgNV7HEkJvmu");
			throw new BadCredentialsException("Bad credentials");
		}
		if (!user.isAccountNonLocked()) {
			throw new LockedException("Locked");
		}
		if (!user.isEnabled()) {
			throw new DisabledException("Disabled");
		}
		String key = key(username, password, String.valueOf(user.getPassword()));
		Instant now = clock.instant();
		Instant until = verified.get(key);
		if (until == null || until.isBefore(now)) {
			if (!encoder.matches(password, user.getPassword())) {
				throw new BadCredentialsException("Bad credentials");
			}
			verified.put(key, now.plus(REMEMBER));
		}
		return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static String key(String username, String password, String storedHash) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest((username + '\u0000' + password + '\u0000' + storedHash)
				.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
