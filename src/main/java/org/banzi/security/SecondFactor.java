package org.banzi.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.platform.crypto.FieldCipher;
import org.banzi.platform.crypto.Totp;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-time code (TOTP, RFC 6238) some accounts give after their password at the sign-in page: holders of the
 * configured roles must, anyone who enrolled a key is asked too. A code is accepted once; a wrong code counts as a
 * failed sign-in, so codes cannot be tried without end. The key is kept encrypted like the other secrets at rest.
 */
@Service
class SecondFactor {

	/** Session attribute: the password was right, the code is still to come. */
	static final String PENDING = "banzi.secondFactor.pending";
	/** Session attribute: the key being enrolled, until a code from it confirms it. */
	static final String NEW_SECRET = "banzi.secondFactor.newSecret";
	static final String ISSUER = "Banzi";

	private final AccountRepository accounts;
	private final FieldCipher cipher;
	private final SecurityProperties properties;
	private final AuditTrail audit;
	private final AccountSessions sessions;
	private final Clock clock;
	private final SecureRandom random = new SecureRandom();

	SecondFactor(AccountRepository accounts, FieldCipher cipher, SecurityProperties properties, AuditTrail audit,
			AccountSessions sessions, Clock clock) {
		this.accounts = accounts;
		this.cipher = cipher;
		this.properties = properties;
		this.audit = audit;
		this.sessions = sessions;
		this.clock = clock;
	}

	/** Whether the account must give a code after its password. */
	boolean asked(Account account) {
		return account.secondFactor() || account.roles().stream().anyMatch(properties.secondFactorRoles()::contains);
	}

	String newSecret() {
		return Totp.newSecret(random);
	}

	/** What a code gave: accepted, wrong, or wrong and the account is now locked. */
	enum Outcome {
		ACCEPTED, REFUSED, LOCKED
	}

	/** Checks a code against the account's enrolled key. */
	@Transactional
	Outcome verify(Account account, String code) {
		String secret = accounts.secondFactorCipher(account.id()).map(cipher::decrypt).orElse(null);
		if (secret == null) {
			return Outcome.REFUSED;
		}
		return accept(account, Totp.matchingStep(secret, code, clock.instant()), "second-factor", Map.of());
	}

	/** Enrols a key once a code from it is given; the code is then used. */
	@Transactional
	Outcome enrol(Account account, String secret, String code) {
		OptionalLong step = Totp.matchingStep(secret, code, clock.instant());
		if (step.isPresent()) {
			accounts.enrolSecondFactor(account.id(), cipher.encrypt(secret), clock.instant(), step.getAsLong());
			audit.recordAs(account.username(), AuditEntry.success("enrol-second-factor", AccountService.AUDIT_TYPE, account.username(),
					account.homeUnitId(), Map.of()));
			accounts.recordSuccess(account.id(), clock.instant());
			return Outcome.ACCEPTED;
		}
		return accept(account, step, "enrol-second-factor", Map.of());
	}

	/** Enrols the bootstrap accounts with a configured key while they have none (installs provisioned by script). */
	@Transactional
	void enrolConfigured(Account account) {
		String secret = properties.bootstrapSecondFactor().strip();
		if (secret.isEmpty() || account.secondFactor()) {
			return;
		}
		accounts.enrolSecondFactor(account.id(), cipher.encrypt(secret), clock.instant(), Totp.step(clock.instant()) - 2);
		audit.record(AuditEntry.success("enrol-second-factor", AccountService.AUDIT_TYPE, account.username(), account.homeUnitId(),
				Map.of("by", "BANZI_BOOTSTRAP_TOTP_SECRET")));
	}

	/** Removes an account's key (a lost phone): it enrols again at its next sign-in, and its sessions end. */
	@Transactional
	void reset(Account account) {
		accounts.clearSecondFactor(account.id());
		sessions.end(account.username());
		audit.record(AuditEntry.success("reset-second-factor", AccountService.AUDIT_TYPE, account.username(), account.homeUnitId(),
				Map.of()));
	}

	private Outcome accept(Account account, OptionalLong step, String action, Map<String, Object> details) {
		if (step.isPresent() && accounts.useSecondFactorStep(account.id(), step.getAsLong())) {
			accounts.recordSuccess(account.id(), clock.instant());
			audit.recordAs(account.username(), AuditEntry.success(action, AccountService.AUDIT_TYPE, account.username(),
					account.homeUnitId(), details));
			return Outcome.ACCEPTED;
		}
		boolean locked = accounts.recordFailure(account.id(), properties.maxFailedLogins(),
				clock.instant().plus(properties.lockout())) == 1;
		String reason = step.isPresent() ? "code already used" : "wrong code";
		audit.recordAs(account.username(), new AuditEntry(action, AccountService.AUDIT_TYPE, account.username(), account.homeUnitId(),
				AuditEntry.Outcome.FAILURE, Map.of("reason", reason, "locked", locked)));
		if (locked) {
			sessions.end(account.username());
			return Outcome.LOCKED;
		}
		return Outcome.REFUSED;
	}
}
