package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

/** When a bulk write analyzes the tables it wrote, and when a load that refreshes the statistics itself defers that. */
class BulkStatisticsTests {

	/** A database that counts the connections asked for to analyze, and refuses them (a failed analyze is only logged). */
	private final AtomicInteger analyzes = new AtomicInteger();
	private final DataSource database = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
				if (method.getName().equals("getConnection")) {
					analyzes.incrementAndGet();
					throw new SQLException("no database in this test");
				}
				throw new UnsupportedOperationException(method.getName());
			});
	private final BulkStatistics statistics = new BulkStatistics(database, 100);

	@Test
	void aWriteOfAtLeastTheThresholdAnalyzesAndASmallerOneDoesNot() {
		statistics.afterBulkWrite(99, "cadre");
		assertThat(analyzes).hasValue(0);
		statistics.afterBulkWrite(100, "cadre");
		assertThat(analyzes).hasValue(1);
	}

	@Test
	void aDeferringLoadLeavesItsWritesUnanalyzedAndWhatFollowsIsAnalyzedAgain() {
		statistics.deferring(() -> {
			statistics.afterBulkWrite(10_000, "post");
			statistics.deferring(() -> statistics.afterBulkWrite(10_000, "post"));
			// the inner load's end does not end the outer's deferral
			statistics.afterBulkWrite(10_000, "post");
		});
		assertThat(analyzes).hasValue(0);
		statistics.afterBulkWrite(10_000, "post");
		assertThat(analyzes).hasValue(1);
	}

	@Test
	void anotherThreadsWritesAreAnalyzedWhileOneDefers() throws Exception {
		statistics.deferring(() -> {
			Thread other = new Thread(() -> statistics.afterBulkWrite(10_000, "enrolment"));
			other.start();
			try {
				other.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(analyzes).hasValue(1);
	}
}
