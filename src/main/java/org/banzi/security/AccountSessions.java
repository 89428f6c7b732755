package org.banzi.security;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends an account's page sessions at once when it is disabled, locked, given fewer roles or a new password: the next
 * request of such a session signs in again, with what the account now holds. Done after the change commits, so a
 * change that rolls back ends nothing.
 */
@Component
class AccountSessions {

	private final SessionRegistry registry;

	AccountSessions(SessionRegistry registry) {
		this.registry = registry;
	}

	void end(String username) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					expire(username);
				}
			});
		}
		else {
			expire(username);
		}
	}

	private void expire(String username) {
		for (Object principal : registry.getAllPrincipals()) {
			if (principal instanceof UserDetails details && details.getUsername().equalsIgnoreCase(username)) {
				registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
			}
		}
	}
}
