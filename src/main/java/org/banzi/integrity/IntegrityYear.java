package org.banzi.integrity;

import java.time.LocalDate;
import java.util.List;

import org.banzi.platform.summary.CadreFigure;
import org.banzi.platform.summary.CadreYearContribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A cadre's integrity in a year, for the duty report: whether the personal matters report due in the year was filed on
 * time (only for a cadre who had to report); and for the grades, whether a check of the year found concealment.
 */
@Component
public class IntegrityYear implements CadreYearContribution {

	private final IntegrityFigures figures;
	private final JdbcClient jdbc;
	private final org.banzi.cadres.Cadres cadres;
	private final org.banzi.organization.Units units;

	IntegrityYear(IntegrityFigures figures, JdbcClient jdbc, org.banzi.cadres.Cadres cadres, org.banzi.organization.Units units) {
		this.figures = figures;
		this.jdbc = jdbc;
		this.cadres = cadres;
		this.units = units;
	}

	@Override
	public int order() {
		return 500;
	}

	@Override
	public List<String> tables() {
		return List.of("cadre", "org_unit", "personal_matters_report", "rule_definition", "rule_value");
	}

	@Override
	public List<CadreFigure> forCadre(long cadreId, int year, LocalDate day) {
		var cadre = cadres.findById(cadreId).orElseThrow();
		var home = units.of(units.lookup(), cadre.homeUnitId());
		return figures.dueOf(new org.banzi.organization.Scope(home.id(), home.path()), year, cadreId).stream()
			.filter(d -> d.kind().equals("ANNUAL"))
			.map(d -> CadreFigure.of("integrity.reportOnTime", d.onTime() ? 1 : 0, "/my/integrity"))
			.toList();
	}

	/** Whether a check with its outcome recorded in the year found the cadre concealing. */
	public boolean concealmentFound(long cadreId, int year) {
		return jdbc.sql("""
				SELECT count(*) FROM personal_matters_check WHERE cadre_id = ? AND outcome = 'CONCEALMENT'
				   AND outcome_on >= ? AND outcome_on < ?""")
			.params(cadreId, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1)).query(Long.class).single() > 0;
	}
}
