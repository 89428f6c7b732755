package org.banzi.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * A password must be long enough, must not be a common password (the list in {@code common-passwords.txt}), nor
 * the username, nor one character repeated.
 */
@Component
class PasswordPolicy {

	private final int minLength;
	private final Set<String> common;

	PasswordPolicy(SecurityProperties properties) {
		this.minLength = properties.passwordMinLength();
		try (InputStream in = new ClassPathResource("security/common-passwords.txt").getInputStream()) {
			this.common = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.map(line -> line.toLowerCase(Locale.ROOT))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int minLength() {
		return minLength;
	}

	/** The message key of the first rule the password breaks, if any. */
	Optional<String> check(String password, String username) {
		if (password.codePointCount(0, password.length()) < minLength) {
			return Optional.of("password.tooShort");
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (common.contains(lower) || common.contains(lower.replaceAll("[0-9!@#$%^&*.]+$", ""))) {
			return Optional.of("password.common");
		}
		if (lower.contains(username.toLowerCase(Locale.ROOT)) && !username.isBlank()) {
			return Optional.of("password.containsUsername");
		}
		if (password.chars().distinct().count() < 4) {
			return Optional.of("password.tooSimple");
		}
		return Optional.empty();
	}
}
