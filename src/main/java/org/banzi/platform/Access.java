package org.banzi.platform;

/** The authorization expressions endpoints use, so each rule is written once. */
public final class Access {

	/** County-wide or unit staff who read the organization and its records. */
	public static final String READ_ORGANIZATION = "hasAnyRole('COUNTY_ADMIN','UNIT_ADMIN','LEADER','INSPECTOR','TRAINING_ADMIN')";
	/** Staff who change the organization tree within their scope. */
	public static final String MANAGE_ORGANIZATION = "hasAnyRole('COUNTY_ADMIN','UNIT_ADMIN')";
	/** The readers above, and a cadre for their own records. */
	public static final String READ_ORGANIZATION_OR_SELF = "hasAnyRole('COUNTY_ADMIN','UNIT_ADMIN','LEADER','INSPECTOR','TRAINING_ADMIN','CADRE')";
	/** Only the county administrator, for acts such as revealing a full ID number. */
	public static final String COUNTY_ADMIN = "hasRole('COUNTY_ADMIN')";
	/** The party school's registrar and county staff, who record classes. */
	public static final String MANAGE_TRAINING = "hasAnyRole('TRAINING_ADMIN','COUNTY_ADMIN')";
	/** Accounts: the system administrator for everyone else, the security administrator for the administrators. */
	public static final String MANAGE_ACCOUNTS = "hasAnyRole('SYSTEM_ADMIN','SECURITY_ADMIN')";
	public static final String VIEW_ACCOUNTS = "hasAnyRole('SYSTEM_ADMIN','SECURITY_ADMIN')";
	public static final String UNLOCK_ACCOUNTS = "hasAnyRole('SYSTEM_ADMIN','SECURITY_ADMIN')";
	public static final String READ_AUDIT = "hasRole('AUDIT_ADMIN')";
	/** The statistics office enters the development indicators, and does nothing else. */
	public static final String ENTER_INDICATORS = "hasRole('STATISTICS')";
	/** The organization's readers and the statistics office read the indicators. */
	public static final String READ_INDICATORS = "hasAnyRole('COUNTY_ADMIN','UNIT_ADMIN','LEADER','INSPECTOR','TRAINING_ADMIN','STATISTICS')";
	public static final String SIGNED_IN = "isAuthenticated()";
	/** Everyone who imports some kind of file, and so may run imports as jobs and see their own. */
	public static final String IMPORT = "hasAnyRole('COUNTY_ADMIN','UNIT_ADMIN','TRAINING_ADMIN','INSPECTOR','STATISTICS')";

	private Access() {
	}
}
