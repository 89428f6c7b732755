package org.banzi.security;

import java.time.Duration;
import java.util.Set;

import org.banzi.platform.Role;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in policy. The first passwords are named so that no environment variable binds to them by Spring's relaxed
 * binding: under the names {@code admin-password} and {@code security-admin-password}, {@code BANZI_SECURITY_ADMIN_PASSWORD}
 * set the password of {@code admin} as well.
 *
 * @param firstAdminPassword password of the bootstrap {@code admin} ({@code BANZI_ADMIN_PASSWORD}); blank: generated
 * @param firstSecurityPassword password of the bootstrap {@code security} administrator
 *        ({@code BANZI_SECURITY_ADMIN_PASSWORD}); blank: generated
 * @param passwordMinLength shortest password accepted
 * @param maxFailedLogins failed sign-ins in a row that lock an account
 * @param lockout how long a locked account stays locked
 * @param secondFactorRoles roles whose holders must give a one-time code (TOTP) after their password at the sign-in
 *        page; anyone else may enrol a key and is then asked too
 * @param bootstrapSecondFactor a Base32 TOTP key ({@code BANZI_BOOTSTRAP_TOTP_SECRET}) the bootstrap {@code admin} and
 *        {@code security} accounts are enrolled with while they have none, for installs provisioned by script; blank:
 *        they enrol at their first sign-in
 */
@ConfigurationProperties("banzi.security")
record SecurityProperties(String firstAdminPassword, String firstSecurityPassword, int passwordMinLength, int maxFailedLogins,
		Duration lockout, Set<Role> secondFactorRoles, String bootstrapSecondFactor) {

	SecurityProperties {
		if (firstAdminPassword == null) {
			firstAdminPassword = "";
		}
		if (firstSecurityPassword == null) {
			firstSecurityPassword = "";
		}
		if (passwordMinLength <= 0) {
			passwordMinLength = 12;
		}
		if (maxFailedLogins <= 0) {
			maxFailedLogins = 5;
		}
		if (lockout == null) {
			lockout = Duration.ofMinutes(30);
		}
		secondFactorRoles = secondFactorRoles == null ? Set.of() : Set.copyOf(secondFactorRoles);
		if (bootstrapSecondFactor == null) {
			bootstrapSecondFactor = "";
		}
	}
}
