package org.banzi.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.banzi.rules.Rules;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A province of two demo counties, in a database of its own (ADR 0013, migration V27): each change counts in the
 * county it fell in; the province's figures are its counties' added to what lies outside them, equal to the figures
 * computed over the whole province, with records above the counties and cadres counted in two places; after a
 * change in one county only that county's figures are computed again.
 */
// in this order: the later ones tie the two counties together, after which a change in either recomputes the rest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(properties = { "banzi.data-dir=target/test-province-data", "banzi.embedded-fresh=true", "banzi.demo=province",
		"banzi.demo-counties=2", "banzi.memo.refresh=false" })
class ProvinceByCountyTests {

	private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Units units;

	@Autowired
	SummaryCalculator calculator;

	@Autowired
	List<SummaryContribution> contributions;

	@Autowired
	TransactionTemplate transactions;

	@MockitoSpyBean(name = "orgLifeFigures")
	SummaryContribution orgLife;

	final int year = LocalDate.now().getYear() - 1;

	private static final java.util.concurrent.atomic.AtomicInteger copies = new java.util.concurrent.atomic.AtomicInteger();

	/** Copies a meeting of the year in a county, to another unit if given, on a day no copied meeting has taken yet. */
	private void copyMeeting(String countyCode, @org.jspecify.annotations.Nullable Long unitId) {
		LocalDate day = LocalDate.of(year, 12, 31).minusDays(copies.incrementAndGet());
		Map<String, Object> set = new HashMap<>(Map.of("meeting_date", day, "topic_reported_on", day, "report_submitted_on", day));
		if (unitId != null) {
			set.put("unit_id", unitId);
		}
		copy("life_meeting", anyRowAt("life_meeting", countyCode), set);
	}

	@Test
	@Order(3)
	void aChangeCountsInTheCountiesItsRowsReach() {
		long p1 = county("P001CC");
		long p2 = county("P002CC");
		long cadre = cadreOnlyIn("P002CC");
		Map<Long, Long> before = changes("self_study");
		jdbc.sql("INSERT INTO self_study (cadre_id, study_date, hours, material) VALUES (:c, :d, 1, 'test')")
			.param("c", cadre).param("d", LocalDate.of(year, 6, 1)).update();
		Map<Long, Long> after = changes("self_study");
		assertThat(after.getOrDefault(p2, 0L)).as("the cadre's county").isEqualTo(before.getOrDefault(p2, 0L) + 1);
		assertThat(after.getOrDefault(p1, 0L)).as("the other county").isEqualTo(before.getOrDefault(p1, 0L));
		assertThat(after.getOrDefault(0L, 0L)).as("everywhere").isEqualTo(before.getOrDefault(0L, 0L));
		assertThat(entangled()).as("counties tied together").doesNotContain(p1, p2);

		jdbc.sql("UPDATE self_study SET hours = hours WHERE false").update();
		assertThat(changes("self_study")).as("a statement that changed no row").isEqualTo(after);

		// a post in the other county reaches both, and ties them together
		Map<Long, Long> posts = changes("post");
		long p1Cadre = cadreOnlyIn("P001CC");
		long p2Unit = jdbc.sql("SELECT unit_id FROM post WHERE cadre_id = :c LIMIT 1").param("c", cadre).query(Long.class).single();
		jdbc.sql("""
				INSERT INTO post (cadre_id, unit_id, title, start_date, reason)
				SELECT :c, :u, title, :d, 'EXCHANGE' FROM post WHERE cadre_id = :c LIMIT 1""")
			.param("c", p1Cadre).param("u", p2Unit).param("d", LocalDate.of(year, 3, 1)).update();
		Map<Long, Long> postsAfter = changes("post");
		assertThat(postsAfter.getOrDefault(p1, 0L)).isEqualTo(posts.getOrDefault(p1, 0L) + 1);
		assertThat(postsAfter.getOrDefault(p2, 0L)).isEqualTo(posts.getOrDefault(p2, 0L) + 1);
		assertThat(entangled()).contains(p1, p2);

		// a default rule reaches every county
		Map<Long, Long> rules = changes("rule_value");
		jdbc.sql("UPDATE rule_value SET note = note WHERE id = (SELECT min(id) FROM rule_value WHERE unit_id IS NULL)").update();
		assertThat(changes("rule_value").getOrDefault(0L, 0L)).isEqualTo(rules.getOrDefault(0L, 0L) + 1);
	}

	/** Each table's trigger runs on a row of the demo province and counts the change in some county. */
	@Test
	@Order(2)
	void everyTablesTriggerFindsTheCountiesOfItsRows() {
		List<String> tables = jdbc.sql("""
				SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
				 WHERE t.tgname = c.relname || '_county_update' ORDER BY 1""").query(String.class).list();
		assertThat(tables).hasSizeGreaterThanOrEqualTo(40);
		List<String> counted = new java.util.ArrayList<>();
		List<String> refused = new java.util.ArrayList<>();
		for (String table : tables) {
			String column = jdbc.sql("""
					SELECT column_name FROM information_schema.columns
					 WHERE table_name = :t AND table_schema = current_schema() AND is_identity = 'NO' AND is_generated = 'NEVER'
					 ORDER BY ordinal_position LIMIT 1""")
				.param("t", table).query(String.class).single();
			try {
				transactions.executeWithoutResult(status -> {
					int rows = jdbc.sql("UPDATE " + table + " SET " + column + " = " + column + " WHERE ctid = (SELECT ctid FROM " + table
							+ " LIMIT 1)").update();
					long changes = jdbc.sql("SELECT COALESCE(sum(changes), 0) FROM change_stamp_county WHERE table_name = :t AND backend = pg_backend_pid()"
							+ " AND current_setting('banzi_changed_county.' || table_name || '_' || replace(CAST(county_id AS text), '-', 'm'), true) = '1'")
						.param("t", table).query(Long.class).single();
					if (rows == 1 && changes > 0) {
						counted.add(table);
					}
					status.setRollbackOnly();
				});
			}
			catch (org.springframework.dao.DataAccessException ex) {
				// another trigger may refuse the change (a signed grade), never the county's
				String message = ex.getMostSpecificCause().toString();
				assertThat(message).as(table).doesNotContain("note_county_change");
				refused.add(table + ": " + message);
			}
		}
		// the demo province leaves a few tables empty (the calendar, training stages, assessment cycles)
		assertThat(counted).as("tables whose change was counted by county; refused: " + refused).hasSizeGreaterThanOrEqualTo(34);
	}

	@Test
	@Order(4)
	void theProvincesFiguresAreItsCountiesAddedToWhatLiesOutsideThem() {
		Unit root = units.root();
		assertThat(splitParts()).as("parts that add up by county").hasSizeGreaterThanOrEqualTo(5);
		assertSameAsWhole(root);

		// records above the counties, and cadres counted in both a county and above it
		long p1Cadre = jdbc.sql("""
				SELECT m.cadre_id FROM team_membership m JOIN org_unit u ON u.id = m.unit_id
				 WHERE u.code = 'P001CC' AND m.end_date IS NULL ORDER BY m.id LIMIT 1""").query(Long.class).single();
		jdbc.sql("INSERT INTO team_membership (cadre_id, unit_id, team_role, start_date) VALUES (:c, :u, 'MEMBER', :d)")
			.param("c", p1Cadre).param("u", root.id()).param("d", LocalDate.of(year, 1, 1)).update();
		copyMeeting("P001CC", root.id());
		long rootClass = copy("training_class", anyRowAt("training_class", "P001CC", "organizer_unit_id"),
				Map.of("organizer_unit_id", root.id(), "code", "PROVINCE-K1"));
		jdbc.sql("""
				INSERT INTO enrolment (class_id, cadre_id, absent_hours)
				SELECT :k, e.cadre_id, 0 FROM enrolment e JOIN training_class k ON k.id = e.class_id
				  JOIN org_unit u ON u.id = k.organizer_unit_id
				 WHERE k.start_date >= :from AND u.path LIKE ANY (ARRAY[(SELECT path FROM org_unit WHERE code = 'P001CC') || '%',
				                                                (SELECT path FROM org_unit WHERE code = 'P002CC') || '%'])
				 GROUP BY e.cadre_id ORDER BY e.cadre_id LIMIT 40""")
			.param("k", rootClass).param("from", LocalDate.of(year, 1, 1)).update();
		assertSameAsWhole(root);

		// a township member of one county on a township team of the other as well
		long both = jdbc.sql("""
				SELECT m.cadre_id FROM team_membership m JOIN org_unit u ON u.id = m.unit_id
				 WHERE u.type = 'TOWNSHIP' AND u.path LIKE (SELECT path FROM org_unit WHERE code = 'P001CC') || '%'
				   AND m.end_date IS NULL ORDER BY m.id LIMIT 1""").query(Long.class).single();
		jdbc.sql("INSERT INTO team_membership (cadre_id, unit_id, team_role, start_date) VALUES (:c, :u, 'MEMBER', :d)")
			.param("c", both).param("u", firstTownship("P002CC")).param("d", LocalDate.of(year, 1, 1)).update();
		assertSameAsWhole(root);
		jdbc.sql("""
				INSERT INTO self_study (cadre_id, study_date, hours, material)
				SELECT :c, d, 8, 'test' FROM generate_series(CAST(:d AS date), CAST(:d AS date) + 19, interval '1 day') AS d""")
			.param("c", both).param("d", LocalDate.of(year, 4, 4)).update();
		assertSameAsWhole(root);

		// a cadre paired with households of both counties
		jdbc.sql("""
				INSERT INTO pairing (year, cadre_id, household_id, start_date, created_by)
				SELECT :year, (SELECT min(p.cadre_id) FROM pairing p JOIN household h ON h.id = p.household_id JOIN org_unit v ON v.id = h.village_id
				                WHERE v.path LIKE (SELECT path FROM org_unit WHERE code = 'P001CC') || '%'),
				       min(h.id), :d, 'test'
				  FROM household h JOIN org_unit v ON v.id = h.village_id
				 WHERE v.path LIKE (SELECT path FROM org_unit WHERE code = 'P002CC') || '%'""")
			.param("year", year).param("d", LocalDate.of(year, 3, 3)).update();
		assertSameAsWhole(root);

		// a change inside one county, and one to a cadre counted in two places
		copy("self_study", anySelfStudyOf(cadreOnlyIn("P002CC")), Map.of("material", "copied"));
		copyMeeting("P002CC", null);
		assertSameAsWhole(root);
		jdbc.sql("INSERT INTO self_study (cadre_id, study_date, hours, material) VALUES (:c, :d, 3, 'test')")
			.param("c", p1Cadre).param("d", LocalDate.of(year, 5, 5)).update();
		jdbc.sql("UPDATE enrolment SET absent_hours = 1000 WHERE class_id = :k AND cadre_id = (SELECT min(cadre_id) FROM enrolment WHERE class_id = :k)")
			.param("k", rootClass).update();
		assertSameAsWhole(root);

		// the other county's team of the member counted in both retired: the member now counts in one county only
		jdbc.sql("UPDATE org_unit SET retired_on = :d WHERE id = :u")
			.param("d", LocalDate.of(year, 2, 1)).param("u", firstTownship("P002CC")).update();
		assertSameAsWhole(root);
	}

	@Test
	@Order(1)
	void afterAChangeInOneCountyOnlyThatCountysFiguresAreComputedAgain() {
		Unit root = units.root();
		calculator.compute(root, year, CHINESE, false);
		calculator.compute(root, year, CHINESE, false);
		clearInvocations(orgLife);
		calculator.compute(root, year, CHINESE, false);
		verify(orgLife, times(0)).figures(any());

		copyMeeting("P002CC", null);
		calculator.compute(root, year, CHINESE, false);
		verify(orgLife, times(2)).figures(argThat(scope -> scope != null && scope.unitCode().equals("P002CC")));
		verify(orgLife, times(2)).figures(any());

		// the problems likewise
		calculator.compute(root, year, CHINESE, true);
		copyMeeting("P001CC", null);
		clearInvocations(orgLife);
		calculator.compute(root, year, CHINESE, true);
		verify(orgLife, times(1)).problems(argThat(scope -> scope != null && scope.unitCode().equals("P001CC")), any());
		verify(orgLife, times(1)).problems(any(), any());
	}

	/**
	 * The province's figures and problems as the summary gives them, each figure equal to the figure computed over the
	 * whole province, and the problems the same as the whole province's (counted ones once, with the sum).
	 */
	private void assertSameAsWhole(Unit root) {
		Summary summary = calculator.compute(root, year, CHINESE, true);
		Map<String, Figure> split = summary.figures().stream().collect(Collectors.toMap(Figure::key, f -> f));
		SummaryScope scope = new SummaryScope(root.id(), root.code(), root.path(), year, Rules.reportDay(year, LocalDate.now()));
		for (SummaryContribution part : splitParts()) {
			List<ContributedFigure> whole = transactions.execute(status -> part.figures(scope));
			for (ContributedFigure figure : whole) {
				assertThat(split.get(figure.key()).value()).as(figure.key()).isEqualByComparingTo(figure.value());
				assertThat(split.get(figure.key()).records()).as(figure.key() + " records").isEqualTo(figure.records());
			}
		}
		List<String> whole = contributions.stream()
			.flatMap(part -> transactions.execute(status -> part.problems(scope, CHINESE)).stream())
			.map(p -> String.join("|", p.rule(), p.citation(), p.subject(), p.text(), p.measured(), String.valueOf(p.gap())))
			.sorted().toList();
		assertThat(summary.problems().stream()
			.map(p -> String.join("|", p.rule(), p.citation(), p.subject(), p.text(), p.measured(), String.valueOf(p.gap())))
			.sorted().toList()).as("the province's problems").isEqualTo(whole);
	}

	/** Both counties find problems of the same group: the province's is one problem with their sum. */
	@Test
	@Order(5)
	void aCountedProblemOfBothCountiesIsOneProblemOfTheProvince() {
		Unit root = units.root();
		LocalDate day = Rules.reportDay(year, LocalDate.now());
		Map<String, Long> sums = new HashMap<>();
		java.util.Set<String> inBoth = new java.util.HashSet<>();
		for (SummaryContribution part : splitParts()) {
			Map<String, Long> first = tallies(part, units.findByCode("P001CC").orElseThrow(), day);
			Map<String, Long> second = tallies(part, units.findByCode("P002CC").orElseThrow(), day);
			first.forEach((group, count) -> {
				if (second.containsKey(group)) {
					inBoth.add(group);
				}
			});
			first.forEach((group, count) -> sums.merge(group, count, Long::sum));
			second.forEach((group, count) -> sums.merge(group, count, Long::sum));
		}
		assertThat(inBoth).as("groups counted in both counties").isNotEmpty();
		Map<String, Long> province = new HashMap<>();
		for (SummaryContribution part : splitParts()) {
			province.putAll(tallies(part, root, day));
		}
		// the demo province has nothing above its counties that a rule counts
		for (String group : inBoth) {
			assertThat(province.get(group)).as(group).isEqualTo(sums.get(group));
		}
		// the province's sentence is the county's written again for the sum, once
		List<String> texts = calculator.compute(root, year, CHINESE, true).problems().stream().map(Problem::text).toList();
		for (String group : inBoth) {
			String sentence = splitParts().stream()
				.flatMap(part -> transactions.execute(status -> part.problems(new SummaryScope(county("P001CC"), "P001CC",
						units.findByCode("P001CC").orElseThrow().path(), year, day), CHINESE)).stream())
				.filter(p -> p.tally() != null && p.tally().group().equals(group))
				.findFirst().orElseThrow().tally().sentence().apply(sums.get(group)).text();
			assertThat(texts).as(group).containsOnlyOnce(sentence);
		}
	}

	private Map<String, Long> tallies(SummaryContribution part, Unit unit, LocalDate day) {
		SummaryScope scope = new SummaryScope(unit.id(), unit.code(), unit.path(), year, day);
		Map<String, Long> tallies = new HashMap<>();
		transactions.execute(status -> part.problems(scope, CHINESE)).stream()
			.filter(p -> p.tally() != null)
			.forEach(p -> tallies.merge(p.tally().group(), p.tally().count(), Long::sum));
		return tallies;
	}

	private List<SummaryContribution> splitParts() {
		return contributions.stream().filter(SummaryContribution::addsUpByCounty).toList();
	}

	private long firstTownship(String countyCode) {
		return jdbc.sql("SELECT min(id) FROM org_unit WHERE type = 'TOWNSHIP' AND path LIKE (SELECT path FROM org_unit WHERE code = :k) || '%'")
			.param("k", countyCode).query(Long.class).single();
	}

	private long county(String code) {
		return units.findByCode(code).orElseThrow().id();
	}

	/** A cadre whose home, posts, teams and classes all lie in one county. */
	private long cadreOnlyIn(String countyCode) {
		return jdbc.sql("""
				SELECT c.id FROM cadre c JOIN org_unit h ON h.id = c.home_unit_id, org_unit k
				 WHERE k.code = :k AND h.path LIKE k.path || '%'
				   AND NOT EXISTS (SELECT 1 FROM (SELECT unit_id FROM post WHERE cadre_id = c.id
				                                  UNION SELECT unit_id FROM team_membership WHERE cadre_id = c.id
				                                  UNION SELECT t.organizer_unit_id FROM enrolment e JOIN training_class t ON t.id = e.class_id
				                                   WHERE e.cadre_id = c.id) AS x (u)
				                     JOIN org_unit o ON o.id = x.u WHERE o.path NOT LIKE k.path || '%')
				   AND EXISTS (SELECT 1 FROM post p WHERE p.cadre_id = c.id) AND EXISTS (SELECT 1 FROM self_study s WHERE s.cadre_id = c.id)
				 ORDER BY c.id LIMIT 1""").param("k", countyCode).query(Long.class).single();
	}

	private long anySelfStudyOf(long cadre) {
		return jdbc.sql("SELECT min(id) FROM self_study WHERE cadre_id = :c").param("c", cadre).query(Long.class).single();
	}

	private long anyRowAt(String table, String countyCode) {
		return anyRowAt(table, countyCode, "unit_id");
	}

	/** A row of the year whose unit lies in a county. */
	private long anyRowAt(String table, String countyCode, String unitColumn) {
		return jdbc.sql("SELECT min(t.id) FROM " + table + " t JOIN org_unit u ON u.id = t." + unitColumn
				+ " WHERE u.path LIKE (SELECT path FROM org_unit WHERE code = :k) || '%'"
				+ " AND CAST(to_jsonb(t) ->> (CASE WHEN :table = 'life_meeting' THEN 'meeting_date' ELSE 'start_date' END) AS date) >= :from")
			.param("k", countyCode).param("table", table).param("from", LocalDate.of(year, 1, 1))
			.query(Long.class).single();
	}

	/** Copies a row with some columns set anew; the copy's id. */
	private long copy(String table, long id, Map<String, Object> set) {
		List<String> columns = jdbc.sql("""
				SELECT column_name FROM information_schema.columns
				 WHERE table_name = :t AND table_schema = current_schema() AND column_name <> 'id' ORDER BY ordinal_position""")
			.param("t", table).query(String.class).list();
		String values = columns.stream().map(c -> set.containsKey(c) ? ":" + c : c).collect(Collectors.joining(", "));
		Map<String, Object> params = new HashMap<>(set);
		params.put("id", id);
		return jdbc.sql("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + values + " FROM " + table
				+ " WHERE id = :id RETURNING id").params(params).query(Long.class).single();
	}

	private List<Long> entangled() {
		return jdbc.sql("SELECT county_id FROM county_entangled").query(Long.class).list();
	}

	/** The changes counted for a table, by county. */
	private Map<Long, Long> changes(String table) {
		Map<Long, Long> changes = new HashMap<>();
		jdbc.sql("SELECT county_id, sum(changes) FROM change_stamp_county WHERE table_name = :t GROUP BY county_id")
			.param("t", table)
			.query(rs -> {
				changes.put(rs.getLong(1), rs.getLong(2));
			});
		return changes;
	}
}
