package org.banzi.security;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.Role;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and changes accounts; every change, role changes above all, goes to the audit trail. */
@Service
class AccountService {

	static final String AUDIT_TYPE = "account";
	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	private final AccountRepository accounts;
	private final Units units;
	private final PasswordEncoder encoder;
	private final PasswordPolicy policy;
	private final AuditTrail audit;
	private final AccountSessions sessions;

	private final SecondFactor secondFactor;

	AccountService(AccountRepository accounts, Units units, PasswordEncoder encoder, PasswordPolicy policy,
			AuditTrail audit, AccountSessions sessions, SecondFactor secondFactor) {
		this.secondFactor = secondFactor;
		this.sessions = sessions;
		this.accounts = accounts;
		this.units = units;
		this.encoder = encoder;
		this.policy = policy;
		this.audit = audit;
	}

	record NewAccount(String username, String displayName, Set<Role> roles, String homeUnitCode, String password) {
	}

	/** The three administrators kept apart (三员分立): no account holds two of them. */
	static final Set<Role> ADMINISTRATORS = EnumSet.of(Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN);

	/**
	 * Who may make a change to an account's roles: an account holding (before or after) an administrator role is the
	 * security administrator's to change, any other the system administrator's; nobody changes their own roles; and
	 * no account ends with two administrator roles.
	 */
	static void checkRoles(CurrentUser caller, long targetId, Set<Role> before, Set<Role> after) {
		if (after.stream().filter(ADMINISTRATORS::contains).count() > 1) {
			throw new BusinessRuleException("account.roles.separated");
		}
		if (targetId == caller.accountId() && !new java.util.HashSet<>(before).equals(new java.util.HashSet<>(after))) {
			throw new BusinessRuleException("account.roles.own");
		}
		checkCaller(caller, before, after);
	}

	/** The administrator who may act on an account with these roles (before and after the change). */
	static void checkCaller(CurrentUser caller, Set<Role> before, Set<Role> after) {
		boolean administrator = before.stream().anyMatch(ADMINISTRATORS::contains) || after.stream().anyMatch(ADMINISTRATORS::contains);
		if (administrator && !caller.has(Role.SECURITY_ADMIN)) {
			throw new BusinessRuleException("account.administrators.securityOnly");
		}
		if (!administrator && !caller.has(Role.SYSTEM_ADMIN)) {
			throw new BusinessRuleException("account.others.systemOnly");
		}
	}

	/** The accounts a first start creates, before anyone is signed in to make them. */
	@Transactional
	Account bootstrap(NewAccount request, boolean mustChangePassword) {
		return insert(request, mustChangePassword);
	}

	@Transactional
	Account create(NewAccount request, boolean mustChangePassword) {
		checkRoles(CurrentUsers.get(), -1, EnumSet.noneOf(Role.class), request.roles());
		return insert(request, mustChangePassword);
	}

	private Account insert(NewAccount request, boolean mustChangePassword) {
		String username = request.username().strip();
		if (!username.matches("[A-Za-z0-9_.\\-]{2,64}")) {
			throw new BusinessRuleException("account.username.pattern");
		}
		if (accounts.findByUsername(username).isPresent()) {
			throw new BusinessRuleException("account.username.taken", username);
		}
		if (request.roles().isEmpty()) {
			throw new BusinessRuleException("account.roles.required");
		}
		Unit home = units.findByCode(request.homeUnitCode().strip())
			.orElseThrow(() -> new BusinessRuleException("account.homeUnit.unknown", request.homeUnitCode()));
		policy.check(request.password(), username).ifPresent(rule -> {
			throw new BusinessRuleException(rule, policy.minLength());
		});
		long id = accounts.insert(username, request.displayName().strip(), encoder.encode(request.password()), home.id(),
				request.roles(), mustChangePassword);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("username", username);
		after.put("displayName", request.displayName().strip());
		after.put("homeUnit", home.code());
		after.put("roles", new TreeSet<>(request.roles().stream().map(Role::name).toList()));
		audit.record(AuditEntry.success("create", AUDIT_TYPE, username, home.id(), AuditEntry.changes(Map.of(), after)));
		return accounts.findById(id).orElseThrow();
	}

	@Transactional
	Account update(long id, String displayName, Set<Role> roles, String homeUnitCode, boolean enabled) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account.notFound", id));
		if (roles.isEmpty()) {
			throw new BusinessRuleException("account.roles.required");
		}
		checkRoles(CurrentUsers.get(), id, account.roles(), roles);
		Unit home = units.findByCode(homeUnitCode.strip())
			.orElseThrow(() -> new BusinessRuleException("account.homeUnit.unknown", homeUnitCode));
		Unit oldHome = units.findById(account.homeUnitId()).orElseThrow();
		accounts.update(id, displayName.strip(), home.id(), roles, enabled);
		Map<String, Object> before = snapshot(account.displayName(), oldHome.code(), account.roles(), account.enabled());
		Map<String, Object> after = snapshot(displayName.strip(), home.code(), roles, enabled);
		String action = account.roles().equals(EnumSet.copyOf(roles)) ? "update" : "role-change";
		// disabled, or a role taken away: its sessions end now, not when they time out
		if (account.enabled() && !enabled || !roles.containsAll(account.roles())) {
			sessions.end(account.username());
		}
		audit.record(AuditEntry.success(action, AUDIT_TYPE, account.username(), home.id(), AuditEntry.changes(before, after)));
		return accounts.findById(id).orElseThrow();
	}

	/** Sets a new password chosen by an administrator; the holder must change it at next sign-in. */
	@Transactional
	String resetPassword(long id) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account.notFound", id));
		checkCaller(CurrentUsers.get(), account.roles(), account.roles());
		String password = generatePassword();
		accounts.setPassword(id, encoder.encode(password), true);
		sessions.end(account.username());
		audit.record(AuditEntry.success("reset-password", AUDIT_TYPE, account.username(), account.homeUnitId(), Map.of()));
		return password;
	}

	/** Removes the one-time-code key of someone who lost it; they enrol a new one at their next sign-in. */
	@Transactional
	void resetSecondFactor(long id) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account.notFound", id));
		checkCaller(CurrentUsers.get(), account.roles(), account.roles());
		secondFactor.reset(account);
	}

	/** The holder changes their own password, proving they know the current one. */
	@Transactional
	void changeOwnPassword(long id, String current, String next) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account.notFound", id));
		if (!encoder.matches(current, account.passwordHash())) {
			throw new BusinessRuleException("password.currentWrong");
		}
		if (current.equals(next)) {
			throw new BusinessRuleException("password.same");
		}
		policy.check(next, account.username()).ifPresent(rule -> {
			throw new BusinessRuleException(rule, policy.minLength());
		});
		accounts.setPassword(id, encoder.encode(next), false);
		audit.record(AuditEntry.success("change-password", AUDIT_TYPE, account.username(), account.homeUnitId(), Map.of()));
	}

	@Transactional
	void unlock(long id) {
		Account account = accounts.findById(id).orElseThrow(() -> new NotFoundException("account.notFound", id));
		// an administrator is unlocked by the security administrator alone; anyone else by either administrator
		if (account.roles().stream().anyMatch(ADMINISTRATORS::contains) && !CurrentUsers.get().has(Role.SECURITY_ADMIN)) {
			throw new BusinessRuleException("account.administrators.securityOnly");
		}
		accounts.unlock(id);
		audit.record(AuditEntry.success("unlock", AUDIT_TYPE, account.username(), account.homeUnitId(), Map.of()));
	}

	static String generatePassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	private static Map<String, Object> snapshot(String displayName, String homeUnit, Set<Role> roles, boolean enabled) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("displayName", displayName);
		fields.put("homeUnit", homeUnit);
		fields.put("roles", new TreeSet<>(roles.stream().map(Role::name).toList()).toString());
		fields.put("enabled", enabled);
		return fields;
	}
}
