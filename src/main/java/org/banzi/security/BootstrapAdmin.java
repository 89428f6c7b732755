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
 * At first start with no accounts, creates {@code admin} (system and county administrator) at the root unit, with
 * {@code BANZI_ADMIN_PASSWORD}, or a random password printed once that must be changed at first sign-in.
 */
@Component
@Order(10)
class BootstrapAdmin implements ApplicationRunner {

	static final String USERNAME = "admin";
	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final AccountRepository accounts;
	private final AccountService service;
	private final Units units;
	private final SecurityProperties properties;

	BootstrapAdmin(AccountRepository accounts, AccountService service, Units units, SecurityProperties properties) {
		this.accounts = accounts;
		this.service = service;
		this.units = units;
		this.properties = properties;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (accounts.count() > 0) {
			return;
		}
		boolean generated = properties.adminPassword().isBlank();
		String password = generated ? AccountService.generatePassword() : properties.adminPassword();
		try {
			service.create(new AccountService.NewAccount(USERNAME, "Administrator",
					EnumSet.of(Role.SYSTEM_ADMIN, Role.COUNTY_ADMIN), units.root().code(), password), generated);
		}
		catch (BusinessRuleException ex) {
			throw new IllegalStateException("BANZI_ADMIN_PASSWORD does not meet the password policy (" + ex.messageKey()
					+ "): use at least " + properties.passwordMinLength()
					+ " characters, not a common password, not containing 'admin'");
		}
		if (generated) {
			String banner = """

					==================================================================
					  Banzi: the account 'admin' was created with the password
					      %s
					  It is shown only this once; change it at first sign-in.
					==================================================================
					""".formatted(password);
			System.out.println(banner);
			log.warn("Created the account 'admin' with a generated password (printed once to the console)");
		}
		else {
			log.info("Created the account 'admin' with the password from BANZI_ADMIN_PASSWORD");
		}
	}
}
