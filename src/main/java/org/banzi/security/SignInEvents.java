package org.banzi.security;

import java.time.Clock;
import java.util.Map;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.platform.BanziPrincipal;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins and locks an account at the limit; records every sign-in and failed sign-in in the audit
 * trail. Interactive (form) sign-ins are recorded; scripts using HTTP Basic are recorded when they fail.
 */
@Component
class SignInEvents {

	private final AccountRepository accounts;
	private final AuditTrail audit;
	private final SecurityProperties properties;
	private final Clock clock;
	private final AccountSessions sessions;

	private final SecondFactor secondFactor;

	SignInEvents(AccountRepository accounts, AuditTrail audit, SecurityProperties properties, Clock clock, AccountSessions sessions,
			SecondFactor secondFactor) {
		this.secondFactor = secondFactor;
		this.sessions = sessions;
		this.accounts = accounts;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener
	@Transactional
	public void signedIn(InteractiveAuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof BanziPrincipal principal) {
			// an account asked for a one-time code has not signed in until the code is right: failed codes keep counting
			boolean codeToCome = accounts.findById(principal.user().accountId()).filter(secondFactor::asked).isPresent();
			if (!codeToCome) {
				accounts.recordSuccess(principal.user().accountId(), clock.instant());
			}
			audit.recordAs(principal.getUsername(), AuditEntry.success("login", AccountService.AUDIT_TYPE,
					principal.getUsername(), principal.user().homeUnitId(), codeToCome ? Map.of("secondFactor", "pending") : Map.of()));
		}
	}

	@EventListener
	@Transactional
	public void failed(AbstractAuthenticationFailureEvent event) {
		String username = String.valueOf(event.getAuthentication().getName());
		String reason = event.getException().getClass().getSimpleName();
		var account = accounts.findByUsername(username);
		boolean lockedNow = false;
		if (event instanceof AuthenticationFailureBadCredentialsEvent && account.isPresent()) {
			lockedNow = accounts.recordFailure(account.get().id(), properties.maxFailedLogins(),
					clock.instant().plus(properties.lockout())) == 1;
			if (lockedNow) {
				// locked by failed sign-ins: a session opened before ends too
				sessions.end(account.get().username());
			}
		}
		audit.recordAs(username.length() > 64 ? username.substring(0, 64) : username,
				new AuditEntry("login", AccountService.AUDIT_TYPE, username, account.map(Account::homeUnitId).orElse(null),
						AuditEntry.Outcome.FAILURE, Map.of("reason", reason, "locked", lockedNow)));
	}
}
