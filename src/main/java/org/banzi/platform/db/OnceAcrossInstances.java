package org.banzi.platform.db;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled work over the whole database (folding change stamps, expiring idempotency keys, audit checkpoints, ending
 * import jobs whose instance died) runs on one instance at a time, however many share the database: each such task is
 * marked {@code @SchedulerLock} and takes ShedLock's row in the table {@code shedlock}, timed by the database's
 * clock. Work on an instance's own memory (computing its kept results again) runs on every instance.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class OnceAcrossInstances {

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
	}
}
