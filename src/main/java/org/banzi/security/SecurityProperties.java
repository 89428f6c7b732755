package org.banzi.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in policy.
 *
 * @param adminPassword password of the bootstrap {@code admin} ({@code BANZI_ADMIN_PASSWORD}); blank: generated
 * @param securityAdminPassword password of the bootstrap {@code security} administrator
 *        ({@code BANZI_SECURITY_ADMIN_PASSWORD}); blank: generated
 * @param passwordMinLength shortest password accepted
 * @param maxFailedLogins failed sign-ins in a row that lock an account
 * @param lockout how long a locked account stays locked
 */
@ConfigurationProperties("banzi.security")
record SecurityProperties(String adminPassword, String securityAdminPassword, int passwordMinLength, int maxFailedLogins,
		Duration lockout) {

	SecurityProperties {
		if (adminPassword == null) {
			adminPassword = "";
		}
		if (securityAdminPassword == null) {
			securityAdminPassword = "";
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
	}
}
