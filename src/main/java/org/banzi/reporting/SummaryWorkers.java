package org.banzi.reporting;

import java.util.List;

import org.banzi.platform.summary.SummaryContribution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads the summary's parts are computed on, a pool Spring starts and stops with the application: at shutdown
 * it stops taking parts and waits briefly for those being computed, before the connection pool closes.
 */
@Configuration(proxyBeanMethods = false)
class SummaryWorkers {

	static final String NAME = "summaryPartsExecutor";

	@Bean(NAME)
	ThreadPoolTaskExecutor summaryPartsExecutor(ObjectProvider<SummaryContribution> contributions) {
		List<SummaryContribution> parts = contributions.orderedStream().toList();
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		// a figures part and a problems part per contribution may run at once
		int threads = Math.max(1, 2 * parts.size());
		executor.setCorePoolSize(threads);
		executor.setMaxPoolSize(threads);
		executor.setThreadNamePrefix("summary-parts-");
		executor.setDaemon(true);
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(10);
		return executor;
	}
}
