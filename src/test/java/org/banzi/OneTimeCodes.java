package org.banzi;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.banzi.platform.crypto.Totp;

/**
 * One-time codes for tests that sign in as an account with a second factor. The server accepts a code once, for the
 * step of the moment or a neighbour, so successive sign-ins take successive steps, waiting when they run ahead.
 */
public final class OneTimeCodes {

	/** The key the bootstrap {@code admin} and {@code security} accounts are enrolled with in tests (set by Surefire). */
	public static final String BOOTSTRAP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

	private static final Map<String, Long> lastStep = new HashMap<>();

	private OneTimeCodes() {
	}

	/** A code for the account's key that the server has not yet accepted. */
	public static synchronized String next(String secret) {
		long now = Totp.step(Instant.now());
		long step = Math.max(now, lastStep.getOrDefault(secret, Long.MIN_VALUE) + 1);
		// the server takes at most one step ahead of its clock
		while (step > Totp.step(Instant.now()) + 1) {
			try {
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		lastStep.put(secret, step);
		return Totp.code(secret, step);
	}
}
