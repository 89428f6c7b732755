package org.banzi.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Lets tests outside the module verify a trail in another database. */
public final class AuditVerifierAccess {

	private final AuditVerifier verifier;

	public AuditVerifierAccess(JdbcClient jdbc) {
		this.verifier = new AuditVerifier(jdbc);
	}

	public AuditVerifier.Result verify() {
		return verifier.verify();
	}
}
