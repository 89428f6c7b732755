package org.banzi.security;

import java.util.EnumSet;

import org.banzi.organization.Units;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At first start with no accounts, creates {@code admin} (system and county administrator) with
 * {@code BANZI_ADMIN_PASSWORD} and {@code security} (security administrator) with {@code BANZI_SECURITY_ADMIN_PASSWORD}
 * at the root unit; a password not given is generated, printed once and must be changed at first sign-in. The
 * security administrator then creates the audit administrator: no account holds two of the three administrator roles.
 */
@Component
@Order(10)
class BootstrapAdmin implements ApplicationRunner {

	static final String USERNAME = "admin";
	static final String SECURITY_USERNAME = "security";
	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final AccountRepository accounts;
	private final AccountService service;
	private final Units units;
	private final SecurityProperties properties;

	private final SecondFactor secondFactor;

	BootstrapAdmin(AccountRepository accounts, AccountService service, Units units, SecurityProperties properties,
			SecondFactor secondFactor) {
		this.secondFactor = secondFactor;
		this.accounts = accounts;
		this.service = service;
		this.units = units;
		this.properties = properties;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (accounts.count() == 0) {
			createAdministrators();
		}
		// a configured key enrols the bootstrap accounts while they have none (installs provisioned by script)
		for (String username : java.util.List.of(USERNAME, SECURITY_USERNAME)) {
			accounts.findByUsername(username).ifPresent(secondFactor::enrolConfigured);
		}
	}

	private void createAdministrators() {
		create(USERNAME, "Administrator", EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTY_ADMIN), properties.firstAdminPassword(),
				"BANZI_ADMIN_PASSWORD");
		// the security administrator, the only one who grants administrator roles: with it the auditor is created
		create(SECURITY_USERNAME, "Security administrator", EnumSet.of(Role.SECURITY_ADMIN), properties.firstSecurityPassword(),
				"BANZI_SECURITY_ADMIN_PASSWORD");
	}

	private void create(String username, String displayName, java.util.Set<Role> roles, String configured, String variable) {
		boolean generated = configured.isBlank();
		String password = generated ? AccountService.generatePassword() : configured;
		try {
			service.bootstrap(new AccountService.NewAccount(username, displayName, roles, units.root().code(), password), generated);
		}
		catch (BusinessRuleException ex) {
			throw new IllegalStateException(variable + " does not meet the password policy (" + ex.messageKey()
					+ "): use at least " + properties.passwordMinLength()
					+ " characters, not a common password, not containing the account's name");
		}
		if (generated) {
			String banner = """

					==================================================================
					  Banzi: the account '%s' was created with the password
					      %s
					  It is shown only this once; change it at first sign-in.
					==================================================================
					""".formatted(username, password);
			System.out.println(banner);
			log.warn("Created the account '{}' with a generated password (printed once to the console)", username);
		}
		else {
			log.info("Created the account '{}' with the password from {}", username, variable);
		}
	}
}
