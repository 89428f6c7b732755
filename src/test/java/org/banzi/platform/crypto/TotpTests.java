package org.banzi.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The one-time codes against the test vectors of RFC 6238 (appendix B, SHA-1) and RFC 4648 (Base32). */
class TotpTests {

	static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void theCodesOfTheRfcAppendix() {
		assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(59)), 8)).isEqualTo("94287082");
		assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1111111109)), 8)).isEqualTo("07081804");
		assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(1234567890)), 8)).isEqualTo("89005924");
		assertThat(Totp.code(RFC_KEY, Totp.step(Instant.ofEpochSecond(20000000000L)), 8)).isEqualTo("65353130");
		// six digits are the last six of eight
		assertThat(Totp.code(Totp.base32(RFC_KEY), Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
	}

	@Test
	void base32AsRfc4648WritesIt() {
		assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(new String(Totp.decode("mzxw 6ytb oi"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
		String secret = Totp.newSecret(new SecureRandom());
		assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
		assertThat(Totp.base32(Totp.decode(secret))).isEqualTo(secret);
	}

	@Test
	void aCodeMatchesItsStepAndItsNeighboursOnly() {
		String secret = Totp.base32(RFC_KEY);
		Instant now = Instant.ofEpochSecond(1234567890);
		long step = Totp.step(now);
		assertThat(Totp.matchingStep(secret, Totp.code(secret, step), now)).hasValue(step);
		assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 1), now)).hasValue(step - 1);
		assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 1), now)).hasValue(step + 1);
		assertThat(Totp.matchingStep(secret, Totp.code(secret, step + 2), now)).isEmpty();
		assertThat(Totp.matchingStep(secret, Totp.code(secret, step - 2), now)).isEmpty();
		assertThat(Totp.matchingStep(secret, "12345", now)).isEmpty();
		assertThat(Totp.matchingStep(secret, "abcdef", now)).isEmpty();
	}
}
