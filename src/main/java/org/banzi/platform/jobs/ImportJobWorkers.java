package org.banzi.platform.jobs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads import jobs run on, few (each holds its file and a connection for its transaction): more jobs wait
 * their turn, up to {@code banzi.imports.queue}; beyond, a job is refused. At shutdown running jobs are given a while to finish; one that does not is rolled back with the
 * connection, and the next start marks it interrupted.
 */
@Configuration(proxyBeanMethods = false)
class ImportJobWorkers {

	static final String NAME = "importJobsExecutor";

	@Bean(NAME)
	ThreadPoolTaskExecutor importJobsExecutor(@Value("${banzi.imports.workers:2}") int workers,
			@Value("${banzi.imports.queue:8}") int queue) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(workers);
		executor.setMaxPoolSize(workers);
		// waiting jobs hold their files in memory: beyond these, a new one is refused until one has started
		executor.setQueueCapacity(queue);
		executor.setThreadNamePrefix("import-jobs-");
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(30);
		return executor;
	}
}
