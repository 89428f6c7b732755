package org.banzi.assistance;

import java.time.LocalDate;
import java.util.List;

import org.banzi.platform.summary.CadreFigure;
import org.banzi.platform.summary.CadreYearContribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A cadre's pairing assistance in a year, for the duty report: households paired and visits made. */
@Component
class AssistanceYear implements CadreYearContribution {

	private final JdbcClient jdbc;

	AssistanceYear(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 200;
	}

	@Override
	public List<String> tables() {
		return List.of("pairing", "visit");
	}

	@Override
	public List<CadreFigure> forCadre(long cadreId, int year, LocalDate day) {
		return jdbc.sql("""
				SELECT (SELECT count(*) FROM pairing WHERE cadre_id = :cadre AND year = :year),
				       (SELECT count(*) FROM visit WHERE cadre_id = :cadre AND visit_date >= :from AND visit_date < :to)""")
			.param("cadre", cadreId).param("year", year).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
			.query((rs, n) -> List.of(CadreFigure.of("assistance.householdsPaired", rs.getLong(1), "/my/assistance"),
					CadreFigure.of("assistance.visits", rs.getLong(2), "/my/assistance")))
			.single();
	}
}
