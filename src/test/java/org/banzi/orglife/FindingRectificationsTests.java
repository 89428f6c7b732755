package org.banzi.orglife;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.banzi.Fixtures;
import org.banzi.integrity.TipOffSubstantiated;
import org.banzi.organization.Units;
import org.banzi.platform.events.AssessmentFinding;
import org.banzi.rules.Rules;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

/**
 * The flow from integrity into organizational life, with this module and what it depends on started alone: a
 * substantiated tip-off, published as an event, opens one rectification item owned by the cadre it was about, or by
 * the team's secretary when it named no cadre, due by the rule {@code rectification.fromFinding.days}; the same event
 * delivered twice opens one item. Signed assessment grades short of competent open one the same way.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
class FindingRectificationsTests {

	private final JdbcClient jdbc;
	private final OrgLifeRepository repository;
	private final Units units;
	private final Rules rules;

	@Autowired
	FindingRectificationsTests(JdbcClient jdbc, OrgLifeRepository repository, Units units, Rules rules) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.units = units;
		this.rules = rules;
	}

	@Test
	void aSubstantiatedTipOffOpensOneItemForTheTeam(Scenario scenario) {
		long unit = unit();
		long secretary = cadre(unit);
		long other = cadre(unit);
		jdbc.sql("INSERT INTO team_membership (cadre_id, unit_id, team_role, start_date) VALUES (?, ?, 'SECRETARY', ?)")
			.params(secretary, unit, LocalDate.of(2020, 1, 1)).update();
		LocalDate closed = LocalDate.now().minusDays(3);
		long tipOff = Math.abs(System.nanoTime() % 1_000_000_000L);
		long days = rules.resolve(FindingRectifications.DAYS, OrgLifeRules.ALL, units.findById(unit).orElseThrow(), closed).orElseThrow()
			.value().longValue();

		scenario.publish(new TipOffSubstantiated(tipOff, unit, null, closed))
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForStateChange(() -> repository.findItemsByCodes(List.of("TO-" + tipOff)), items -> !items.isEmpty())
			.andVerify(items -> {
				RectificationItem item = items.get("TO-" + tipOff);
				assertThat(item.unitId()).isEqualTo(unit);
				assertThat(item.source()).isEqualTo(RectificationSource.TIP_OFF);
				assertThat(item.ownerCadreId()).as("no cadre named: the secretary owns it").isEqualTo(secretary);
				assertThat(item.deadline()).isEqualTo(closed.plusDays(days));
			});

		long second = tipOff + 1;
		scenario.publish(new TipOffSubstantiated(second, unit, other, closed))
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForStateChange(() -> repository.findItemsByCodes(List.of("TO-" + second)), items -> !items.isEmpty())
			.andVerify(items -> assertThat(items.get("TO-" + second).ownerCadreId()).as("the cadre named owns it").isEqualTo(other));

		scenario.publish(new TipOffSubstantiated(second, unit, other, closed))
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForStateChange(this::incompletePublications, count -> count == 0)
			.andVerify(count -> assertThat(jdbc.sql("SELECT count(*) FROM rectification_item WHERE code = ?").param("TO-" + second)
				.query(Long.class).single()).as("delivered twice, opened once").isEqualTo(1));
	}

	@Test
	void aSignedGradeShortOfCompetentOpensAnItemTheCadreOwns(Scenario scenario) {
		long unit = unit();
		long cadre = cadre(unit);
		LocalDate signed = LocalDate.now();
		long cycle = Math.abs(System.nanoTime() % 1_000_000_000L);
		scenario.publish(new AssessmentFinding(cycle, signed.getYear() - 1, cadre, unit, "BASICALLY_COMPETENT", "基本称职", signed))
			.andWaitAtMost(Duration.ofSeconds(20))
			.andWaitForStateChange(() -> repository.findItemsByCodes(List.of("AS-" + cycle + "-C" + cadre)), items -> !items.isEmpty())
			.andVerify(items -> {
				RectificationItem item = items.values().iterator().next();
				assertThat(item.source()).isEqualTo(RectificationSource.ASSESSMENT);
				assertThat(item.ownerCadreId()).isEqualTo(cadre);
				assertThat(item.problem()).contains("基本称职");
				assertThat(item.deadline()).isAfter(signed);
			});
	}

	private long incompletePublications() {
		return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND event_type LIKE '%TipOffSubstantiated'")
			.query(Long.class).single();
	}

	private long unit() {
		Map<String, Object> root = jdbc.sql("SELECT id, path, depth FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1").query().singleRow();
		long id = jdbc.sql("""
				INSERT INTO org_unit (code, name, type, parent_id, path, depth) VALUES (?, ?, 'TOWNSHIP', ?, '', ?) RETURNING id
				""").params(Fixtures.unique("FR"), "整改测试镇", root.get("id"), ((Number) root.get("depth")).intValue() + 1)
			.query(Long.class).single();
		jdbc.sql("UPDATE org_unit SET path = ? WHERE id = ?").params(root.get("path") + String.valueOf(id) + "/", id).update();
		return id;
	}

	private long cadre(long unit) {
		String number = Fixtures.unique("FRC");
		return jdbc.sql("""
				INSERT INTO cadre (cadre_no, name, gender, birth_date, rank, home_unit_id, id_number_cipher, id_number_index, id_number_masked)
				VALUES (?, ?, 'M', DATE '1980-01-01', 'SECTION_DEPUTY', ?, 'x', ?, '1101**********0011') RETURNING id
				""").params(number, "测试" + number, unit, String.format("%064d", Math.abs(number.hashCode()) + System.nanoTime() % 1000))
			.query(Long.class).single();
	}
}
