package org.banzi.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.banzi.IntegrationTest;
import org.banzi.platform.summary.SummaryContribution;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A summary part is kept until one of the tables it names changes (ADR 0008): each of those tables must carry the
 * change-stamp trigger, or the kept part would go stale. The parts together give every figure once.
 */
@IntegrationTest
class ContributionTablesTests {

	@Autowired
	List<SummaryContribution> contributions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	List<org.banzi.platform.summary.CadreYearContribution> cadreParts;

	@Test
	void everyTableAPartIsKeptAgainstCarriesTheChangeStamp() {
		List<String> stamped = jdbc.sql("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
				+ " WHERE t.tgname = c.relname || '_note_change'").query(String.class).list();
		assertThat(contributions).hasSizeGreaterThanOrEqualTo(7);
		for (SummaryContribution contribution : contributions) {
			assertThat(contribution.tables()).as(contribution.getClass().getSimpleName() + " names its tables").isNotEmpty();
			assertThat(stamped).as("tables of " + contribution.getClass().getSimpleName() + " with the change stamp")
				.containsAll(contribution.tables());
		}
		List<String> byCounty = jdbc.sql("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
				+ " WHERE t.tgname IN (c.relname || '_county_insert', c.relname || '_county_update', c.relname || '_county_delete')"
				+ " GROUP BY c.relname HAVING count(*) = 3").query(String.class).list();
		for (SummaryContribution contribution : contributions) {
			assertThat(byCounty).as("tables of " + contribution.getClass().getSimpleName() + " counting changes by county (V27)")
				.containsAll(contribution.tables());
		}
		// a part kept against a year's changes of a table (V29) names that table, and the table counts its changes by year
		List<String> byYear = jdbc.sql("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
				+ " WHERE t.tgname IN (c.relname || '_year_insert', c.relname || '_year_update', c.relname || '_year_delete',"
				+ " c.relname || '_year_truncate') GROUP BY c.relname HAVING count(*) = 4").query(String.class).list();
		int keptByYear = 0;
		for (SummaryContribution contribution : contributions) {
			List<String> ofYear = contribution.tables(2025);
			assertThat(ofYear.stream().map(table -> table.replace("$2025", "")).toList())
				.as(contribution.getClass().getSimpleName() + ": a year's tables are its tables").isEqualTo(contribution.tables());
			for (String table : ofYear.stream().filter(table -> table.endsWith("$2025")).toList()) {
				assertThat(byYear).as("table counting its changes by year").contains(table.replace("$2025", ""));
				keptByYear++;
			}
		}
		assertThat(keptByYear).as("self-study and notes are kept by year").isGreaterThanOrEqualTo(2);
		// a cadre's figures are kept until one of their parts' tables changes, the same way
		assertThat(cadreParts).hasSizeGreaterThanOrEqualTo(5);
		for (var part : cadreParts) {
			assertThat(part.tables()).as(part.getClass().getSimpleName() + " names its tables").isNotEmpty();
			assertThat(stamped).as("tables of " + part.getClass().getSimpleName() + " with the change stamp").containsAll(part.tables());
		}
		List<String> keys = contributions.stream().flatMap(c -> c.keys().stream()).toList();
		assertThat(keys).as("each figure key given by one part").doesNotHaveDuplicates();
	}
}
