package org.banzi.platform.db;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * A transaction that may write keeps the plans PostgreSQL settles on for a statement run often ({@code
 * plan_cache_mode = auto}); the pool plans every statement for its own parameters ({@link DatabaseConfiguration}),
 * which is what reads of a scope need. An import runs the same insert or audit statement thousands of times, and
 * planning each run cost it half again: a 1,000,000-row self-study file took 44 s instead of 29 s.
 */
@Component
class WritePlans implements TransactionExecutionListener {

	private static final String SETTLED = "SET LOCAL plan_cache_mode = auto";

	private final JdbcClient jdbc;

	WritePlans(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
		if (beginFailure == null && transaction.isNewTransaction() && !transaction.isReadOnly()) {
			jdbc.sql(SETTLED).update();
		}
	}
}
