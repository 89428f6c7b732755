package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class MemoTests {

	@Autowired
	Memo memo;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@org.springframework.beans.factory.annotation.Qualifier("migrationDataSource")
	javax.sql.DataSource migrationDataSource;

	@Autowired
	TransactionTemplate transactions;

	final AtomicInteger computed = new AtomicInteger();

	/** A statement on a table counts as a change even when it alters no row. */
	void touch(String table) {
		jdbc.sql("UPDATE " + table + " SET created_at = created_at WHERE false").update();
	}

	Integer remember(Object key, String... tables) {
		return memo.remember(List.of("memo-test", key), List.of(tables), computed::incrementAndGet);
	}

	@Test
	void keepsAResultUntilAChangeToOneOfItsTablesCommits() {
		Object key = new Object();
		assertThat(remember(key, "enrolment", "cadre")).isEqualTo(1);
		assertThat(remember(key, "enrolment", "cadre")).isEqualTo(1);
		touch("post");
		assertThat(remember(key, "enrolment", "cadre")).as("another table changed").isEqualTo(1);
		touch("cadre");
		assertThat(remember(key, "enrolment", "cadre")).as("one of its tables changed").isEqualTo(2);
		assertThat(remember(key, "enrolment", "cadre")).isEqualTo(2);
	}

	/** A change committed by another session (on another thread). */
	void touchElsewhere(String table) throws Exception {
		ExecutorService elsewhere = Executors.newSingleThreadExecutor();
		try {
			elsewhere.submit(() -> touch(table)).get(10, TimeUnit.SECONDS);
		}
		finally {
			elsewhere.shutdown();
		}
	}

	/**
	 * While a reading is open, each table's count is read once on this thread: another session's change is seen
	 * after the reading, or once a transaction that may have written commits on this thread.
	 */
	@Test
	void aReadingTakesEachCountOnceUntilThisThreadCommitsAChange() throws Exception {
		Object key = new Object();
		try (Memo.Reading reading = memo.readOnce()) {
			assertThat(remember(key, "cadre")).isEqualTo(1);
			touchElsewhere("cadre");
			assertThat(remember(key, "cadre")).as("the count as first read in the reading").isEqualTo(1);
			transactions.executeWithoutResult(status -> touch("post"));
			assertThat(remember(key, "cadre")).as("a transaction committed on this thread: the counts read anew").isEqualTo(2);
			touchElsewhere("cadre");
			transactions.executeWithoutResult(status -> assertThat(remember(key, "cadre"))
				.as("a transaction that may write reads the counts itself").isEqualTo(3));
		}
		touchElsewhere("cadre");
		assertThat(remember(key, "cadre")).as("after the reading").isEqualTo(4);
	}

	/** Many kept results checked with one reading of the counts: each as current as {@link Memo#remember} finds it. */
	@Test
	void stampsReadOnceTellWhichKeptResultsAreStillCurrent() {
		Object key = new Object();
		List<Object> full = List.of("memo-test", key);
		List<String> tables = List.of("enrolment", "cadre");
		Memo.Stamps none = memo.stamps(List.of("enrolment", "cadre", "post"));
		assertThat(memo.<Integer>kept(full, tables, none)).as("nothing kept yet").isEmpty();
		assertThat(remember(key, "enrolment", "cadre")).isEqualTo(1);
		Memo.Stamps now = memo.stamps(List.of("enrolment", "cadre", "post"));
		assertThat(now.of(tables)).isEqualTo(memo.stamp(tables));
		assertThat(memo.<Integer>kept(full, tables, now)).contains(1);
		touch("post");
		assertThat(memo.<Integer>kept(full, tables, memo.stamps(List.of("post", "cadre", "enrolment")))).as("another table").contains(1);
		touch("cadre");
		assertThat(memo.<Integer>kept(full, tables, now)).as("read before the change: still the same counts").contains(1);
		assertThat(memo.<Integer>kept(full, tables, memo.stamps(tables))).as("one of its tables changed").isEmpty();
		transactions.executeWithoutResult(status -> {
			assertThat(remember(key, "enrolment", "cadre")).isEqualTo(2);
			touch("enrolment");
			assertThat(memo.<Integer>kept(full, tables, memo.stamps(tables))).as("changed in this transaction").isEmpty();
			status.setRollbackOnly();
		});
		assertThat(memo.<Integer>kept(full, tables, memo.stamps(tables))).contains(2);
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> memo.kept(full, List.of("org_unit"), now))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aTransactionThatChangedATableComputesAfreshAndKeepsNothing() {
		Object key = new Object();
		assertThat(remember(key, "enrolment")).isEqualTo(1);
		transactions.executeWithoutResult(status -> {
			touch("enrolment");
			// inside the writing transaction its own change is seen: computed again, every time, and not kept
			assertThat(remember(key, "enrolment")).isEqualTo(2);
			touch("enrolment");
			assertThat(remember(key, "enrolment")).isEqualTo(3);
			status.setRollbackOnly();
		});
		// the change never committed: the count is back where it was, and so is the first result
		assertThat(remember(key, "enrolment")).isEqualTo(1);
		transactions.executeWithoutResult(status -> touch("enrolment"));
		assertThat(remember(key, "enrolment")).as("committed").isEqualTo(4);
	}

	@Test
	void aResultDuringWhichAChangeCommittedIsNotKept() {
		Object key = new Object();
		Integer first = memo.remember(List.of("memo-test", key), List.of("training_class"), () -> {
			touch("training_class");
			return computed.incrementAndGet();
		});
		assertThat(first).isEqualTo(1);
		assertThat(remember(key, "training_class")).isEqualTo(2);
		assertThat(remember(key, "training_class")).isEqualTo(2);
	}

	@Test
	void aTransactionCountsOnceHoweverManyStatementsItRuns() {
		long before = memo.stamp(List.of("study_note")).changes();
		transactions.executeWithoutResult(status -> {
			for (int i = 0; i < 50; i++) {
				touch("study_note");
			}
		});
		assertThat(memo.stamp(List.of("study_note")).changes()).isEqualTo(before + 1);
	}

	@Test
	void nothingKeptMatchesOnceTheCountsAreRestoredFromABackup() {
		Object key = new Object();
		assertThat(remember(key, "post")).isEqualTo(1);
		// what a restore does (as the tables' owner): the table of counts is created anew, with the very same counts
		JdbcClient owner = JdbcClient.create(migrationDataSource);
		owner.sql("""
				CREATE TABLE change_stamp_restored (LIKE change_stamp INCLUDING ALL);
				INSERT INTO change_stamp_restored SELECT * FROM change_stamp;
				DROP TABLE change_stamp;
				ALTER TABLE change_stamp_restored RENAME TO change_stamp;
				GRANT SELECT, INSERT, UPDATE, DELETE ON change_stamp TO banzi_app;
				""").update();
		assertThat(remember(key, "post")).isEqualTo(2);
		assertThat(remember(key, "post")).isEqualTo(2);
	}

	@Test
	void aResultAskedForLatelyIsComputedAgainInTheBackgroundWhenItsTablesChange() {
		// the kept results of other tests are refreshed too: only this test's computations are counted
		Object asked = new Object();
		Object other = new Object();
		assertThat(remember(asked, "group_session")).isEqualTo(1);
		memo.refresh(Duration.ZERO, Duration.ofMinutes(10));
		assertThat(computed.get()).as("nothing changed").isEqualTo(1);
		touch("group_session");
		memo.refresh(Duration.ofMinutes(1), Duration.ofMinutes(10));
		// the scheduled refresh of the running application may be the one computing it: wait for whichever does
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> computed.get() >= 2);
		assertThat(computed.get()).as("computed again, once").isEqualTo(2);
		assertThat(remember(asked, "group_session")).as("and found fresh").isEqualTo(2);
		touch("group_session");
		memo.refresh(Duration.ofMinutes(1), Duration.ofMinutes(10));
		assertThat(computed.get()).as("computed again in the background less than a minute ago").isEqualTo(2);
		memo.refresh(Duration.ZERO, Duration.ofMinutes(10));
		assertThat(computed.get()).isEqualTo(3);
		// a result not asked for within the time given is left until it is asked for
		assertThat(remember(other, "study_plan_item")).isEqualTo(4);
		touch("study_plan_item");
		memo.refresh(Duration.ZERO, Duration.ZERO);
		assertThat(computed.get()).isEqualTo(4);
		assertThat(remember(other, "study_plan_item")).isEqualTo(5);
	}

	@Test
	void whoeverAsksWhileTheSameResultIsBeingComputedWaitsForIt() throws Exception {
		List<Object> key = List.of("memo-test", new Object());
		AtomicInteger entered = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		java.util.function.Supplier<Integer> slow = () -> {
			entered.incrementAndGet();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return computed.incrementAndGet();
		};
		List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
		ExecutorService two = Executors.newFixedThreadPool(2, runnable -> {
			Thread thread = new Thread(runnable);
			threads.add(thread);
			return thread;
		});
		try {
			Future<Integer> first = two.submit(() -> memo.remember(key, List.of("training_stage"), slow));
			while (entered.get() == 0) {
				Thread.sleep(5);
			}
			Future<Integer> second = two.submit(() -> memo.remember(key, List.of("training_stage"), slow));
			// the second asker reaches a wait: on the first's result, or (were it to compute too) on the latch
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (threads.size() < 2 || threads.get(1).getState() != Thread.State.WAITING) {
				assertThat(System.nanoTime()).isLessThan(deadline);
				Thread.sleep(5);
			}
			assertThat(entered.get()).as("computed by the first asker only").isEqualTo(1);
			release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			assertThat(computed.get()).isEqualTo(1);
		}
		finally {
			release.countDown();
			two.shutdownNow();
		}
	}

	/**
	 * A result kept against one year's self-study (migration V29) is computed again when an entry of that year is
	 * written, moved into or out of the year, or deleted, and stays kept when an entry of another year is.
	 */
	@Test
	void aResultKeptAgainstAYearsEntriesStaysKeptWhileOtherYearsEntriesChange() throws Exception {
		long cadre = cadre();
		String ofThisYear = Memo.inYear("self_study", 2025);
		String ofNextYear = Memo.inYear("self_study", 2026);
		Object thisYear = new Object();
		Object nextYear = new Object();
		assertThat(remember(thisYear, ofThisYear, "cadre")).isEqualTo(1);
		long entry = selfStudy(cadre, java.time.LocalDate.of(2026, 3, 1));
		assertThat(remember(thisYear, ofThisYear, "cadre")).as("an entry of the next year").isEqualTo(1);
		assertThat(remember(nextYear, ofNextYear)).isEqualTo(2);
		selfStudy(cadre, java.time.LocalDate.of(2025, 3, 1));
		assertThat(remember(thisYear, ofThisYear, "cadre")).as("an entry of the year").isEqualTo(3);
		assertThat(remember(nextYear, ofNextYear)).isEqualTo(2);
		jdbc.sql("UPDATE self_study SET study_date = DATE '2025-04-01' WHERE id = ?").param(entry).update();
		assertThat(remember(thisYear, ofThisYear, "cadre")).as("an entry moved into the year").isEqualTo(4);
		assertThat(remember(nextYear, ofNextYear)).as("and out of the other").isEqualTo(5);
		jdbc.sql("DELETE FROM self_study WHERE id = ?").param(entry).update();
		assertThat(remember(thisYear, ofThisYear, "cadre")).as("an entry of the year deleted").isEqualTo(6);
		assertThat(remember(nextYear, ofNextYear)).isEqualTo(5);
		transactions.executeWithoutResult(status -> {
			selfStudy(cadre, java.time.LocalDate.of(2025, 5, 1));
			assertThat(remember(thisYear, ofThisYear, "cadre")).as("changed in this transaction: computed afresh").isEqualTo(7);
			assertThat(remember(nextYear, ofNextYear)).isEqualTo(5);
			status.setRollbackOnly();
		});
		assertThat(remember(thisYear, ofThisYear, "cadre")).as("rolled back").isEqualTo(6);
		// a truncation reaches every year counted (rolled back, on the owner's connection)
		try (java.sql.Connection owner = migrationDataSource.getConnection()) {
			owner.setAutoCommit(false);
			long before = changes(owner, ofThisYear);
			owner.createStatement().execute("TRUNCATE self_study");
			assertThat(changes(owner, ofThisYear)).isEqualTo(before + 1);
			owner.rollback();
		}
		assertThat(Memo.inCounties(List.of(ofThisYear, "self_study", "cadre"), List.of(3L)))
			.as("counted by county, a year's changes are the table's").containsExactly("self_study@0,3", "cadre@0,3");
	}

	private long selfStudy(long cadre, java.time.LocalDate day) {
		return jdbc.sql("INSERT INTO self_study (cadre_id, study_date, hours, material) VALUES (?, ?, 1, ?) RETURNING id")
			.params(cadre, day, org.banzi.Fixtures.unique("memo")).query(Long.class).single();
	}

	private static long changes(java.sql.Connection connection, String name) throws java.sql.SQLException {
		try (var statement = connection.prepareStatement("SELECT COALESCE(sum(changes), 0) FROM change_stamp WHERE table_name = ?")) {
			statement.setString(1, name);
			try (var rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private long cadre() {
		long root = jdbc.sql("SELECT id FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1").query(Long.class).single();
		String number = org.banzi.Fixtures.unique("MEMO");
		return jdbc.sql("""
				INSERT INTO cadre (cadre_no, name, gender, birth_date, rank, home_unit_id, id_number_cipher, id_number_index, id_number_masked)
				VALUES (?, ?, 'M', DATE '1980-01-01', 'SECTION_DEPUTY', ?, 'x', ?, '1101**********0011') RETURNING id
				""").params(number, "测试" + number, root, String.format("%064d", Math.abs(number.hashCode()) + System.nanoTime() % 1000))
			.query(Long.class).single();
	}

	@Test
	void foldingTheCountsOfEndedSessionsKeepsEverySum() {
		touch("self_study");
		jdbc.sql("INSERT INTO change_stamp (table_name, backend, changes) VALUES ('self_study', -7, 5), ('study_note', -7, 3)")
			.update();
		Memo.Stamp selfStudy = memo.stamp(List.of("self_study"));
		Memo.Stamp both = memo.stamp(List.of("self_study", "study_note"));
		memo.fold();
		assertThat(memo.stamp(List.of("self_study"))).isEqualTo(selfStudy);
		assertThat(memo.stamp(List.of("self_study", "study_note"))).isEqualTo(both);
		assertThat(jdbc.sql("SELECT count(*) FROM change_stamp WHERE backend = -7").query(Long.class).single()).isZero();
	}
}
