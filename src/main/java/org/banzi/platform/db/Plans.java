package org.banzi.platform.db;

/**
 * For a statement that must be planned for its own parameters. After five runs of a statement PostgreSQL may settle
 * on one plan for any parameters; for a scope's units ({@code path >= :scopeLow AND path < :scopeHigh}) or a name's
 * prefix ({@code LIKE :prefix}) that plan can be far off (it expects one unit where a county has hundreds, and cannot
 * use the name index). Run first in the statement's read-only transaction.
 */
public final class Plans {

	/** Plans every statement of the current transaction for its own parameters. */
	public static final String OWN = "SET LOCAL plan_cache_mode = force_custom_plan";

	private Plans() {
	}
}
