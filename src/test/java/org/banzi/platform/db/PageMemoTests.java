package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class PageMemoTests {

	@Autowired
	Memo memo;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	final AtomicInteger rendered = new AtomicInteger();

	void touch(String table) {
		jdbc.sql("UPDATE " + table + " SET created_at = created_at WHERE false").update();
	}

	String render() {
		return "part " + rendered.incrementAndGet();
	}

	@Test
	void aPartIsRenderedAgainOnlyWhenOneOfItsTablesChanges() {
		PageMemo kept = new PageMemo(memo, 8, new SimpleMeterRegistry());
		List<String> tables = List.of("post", "org_unit");
		assertThat(kept.remember(List.of("a"), tables, this::render)).isEqualTo("part 1");
		assertThat(kept.remember(List.of("a"), tables, this::render)).isEqualTo("part 1");
		touch("cadre");
		assertThat(kept.remember(List.of("a"), tables, this::render)).isEqualTo("part 1");
		touch("post");
		assertThat(kept.remember(List.of("a"), tables, this::render)).isEqualTo("part 2");
		assertThat(kept.remember(List.of("b"), tables, this::render)).isEqualTo("part 3");
		assertThat(kept.remember(List.of("a"), tables, this::render)).isEqualTo("part 2");
	}

	@Test
	void aPartDuringWhoseRenderingAChangeCommittedIsNotKept() {
		PageMemo kept = new PageMemo(memo, 8, new SimpleMeterRegistry());
		List<String> tables = List.of("post");
		kept.remember(List.of("a"), tables, () -> {
			transactions.executeWithoutResult(status -> touch("post"));
			return render();
		});
		assertThat(kept.size()).isZero();
		assertThat(kept.remember(List.of("a"), tables, this::render)).isEqualTo("part 2");
		assertThat(kept.remember(List.of("a"), tables, this::render)).isEqualTo("part 2");
	}

	@Test
	void aTransactionThatChangedATableRendersThePartItself() {
		PageMemo kept = new PageMemo(memo, 8, new SimpleMeterRegistry());
		List<String> tables = List.of("post");
		assertThat(kept.remember(List.of("a"), tables, this::render)).isEqualTo("part 1");
		String inside = transactions.execute(status -> {
			touch("post");
			return kept.remember(List.of("a"), tables, this::render);
		});
		// it sees its own change, which the kept part does not hold
		assertThat(inside).isEqualTo("part 2");
	}

	@Test
	void theLeastRecentlyAskedPartGoesFirstWhenTheStoreIsFull() {
		PageMemo kept = new PageMemo(memo, 2, new SimpleMeterRegistry());
		List<String> tables = List.of("post");
		kept.remember(List.of("a"), tables, this::render);
		kept.remember(List.of("b"), tables, this::render);
		kept.remember(List.of("a"), tables, this::render);
		kept.remember(List.of("c"), tables, this::render);
		assertThat(kept.size()).isEqualTo(2);
		assertThat(kept.remember(List.of("a"), tables, this::render)).isEqualTo("part 1");
		assertThat(kept.remember(List.of("b"), tables, this::render)).isEqualTo("part 4");
	}
}
