package org.banzi.platform;

/** What an account may do. Separation of duties: the system, security and audit administrators are distinct. */
public enum Role {
	COUNTY_ADMIN, UNIT_ADMIN, CADRE, TRAINING_ADMIN, INSPECTOR, LEADER, SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN, STATISTICS;

	public String authority() {
		return "ROLE_" + name();
	}
}
