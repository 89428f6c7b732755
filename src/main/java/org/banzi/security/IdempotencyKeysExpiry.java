package org.banzi.security;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Lets the answers kept for idempotency keys go once they are older than {@link IdempotentWrites#KEPT}. */
@Component
class IdempotencyKeysExpiry {

	private final JdbcClient jdbc;

	IdempotencyKeysExpiry(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
	@SchedulerLock(name = "idempotency-keys-expiry", lockAtMostFor = "PT30M")
	void expire() {
		jdbc.sql("DELETE FROM idempotency_key WHERE created_at < now() - make_interval(secs => ?)")
			.param((double) IdempotentWrites.KEPT.toSeconds())
			.update();
	}
}
