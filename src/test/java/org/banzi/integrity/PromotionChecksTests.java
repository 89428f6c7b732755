package org.banzi.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.banzi.Fixtures;
import org.banzi.cadres.PromotionsRecorded;
import org.banzi.organization.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

/**
 * The flow from cadres into integrity, with this module and what it depends on started alone: promotions the cadres
 * module reports are kept, so the draw of that year's checks finds the cadre; a promotion delivered twice is kept
 * once, and one in another year is not drawn this year.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class PromotionChecksTests {

	private final JdbcClient jdbc;
	private final IntegrityRepository repository;

	@Autowired
	PromotionChecksTests(JdbcClient jdbc, IntegrityRepository repository) {
		this.jdbc = jdbc;
		this.repository = repository;
	}

	@Test
	void aReportedPromotionMakesTheCheckOfItsYearDueOnce(Scenario scenario) {
		Map<String, Object> root = jdbc.sql("SELECT id, path FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1").query().singleRow();
		long unit = ((Number) root.get("id")).longValue();
		Scope scope = new Scope(unit, (String) root.get("path"));
		long promoted = cadre(unit);
		long earlier = cadre(unit);
		int year = LocalDate.now().getYear() - 1;
		PromotionsRecorded event = new PromotionsRecorded(List.of(new PromotionsRecorded.Promotion(promoted, LocalDate.of(year, 4, 1)),
				new PromotionsRecorded.Promotion(earlier, LocalDate.of(year - 1, 4, 1))));

		scenario.publish(event)
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForStateChange(() -> repository.promoted(scope, year), due -> due.contains(promoted))
			.andVerify(due -> assertThat(due).contains(promoted).doesNotContain(earlier));
		assertThat(repository.promoted(scope, year - 1)).contains(earlier).doesNotContain(promoted);

		scenario.publish(event)
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForStateChange(this::incompletePublications, count -> count == 0)
			.andVerify(count -> assertThat(jdbc.sql("SELECT count(*) FROM promotion_due WHERE cadre_id = ?").param(promoted)
				.query(Long.class).single()).as("delivered twice, kept once").isEqualTo(1));
	}

	private long incompletePublications() {
		return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND event_type LIKE '%PromotionsRecorded'")
			.query(Long.class).single();
	}

	private long cadre(long unit) {
		String number = Fixtures.unique("PCC");
		return jdbc.sql("""
				INSERT INTO cadre (cadre_no, name, gender, birth_date, rank, home_unit_id, id_number_cipher, id_number_index, id_number_masked)
				VALUES (?, ?, 'M', DATE '1980-01-01', 'SECTION_PRINCIPAL', ?, 'x', ?, '1101**********0011') RETURNING id
				""").params(number, "测试" + number, unit, String.format("%064d", Math.abs(number.hashCode()) + System.nanoTime() % 1000))
			.query(Long.class).single();
	}
}
