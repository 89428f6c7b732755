package org.banzi.orglife;

import java.time.LocalDate;
import java.util.List;

import org.banzi.platform.summary.CadreFigure;
import org.banzi.platform.summary.CadreYearContribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A cadre's organizational life in a year, for the duty report: life meetings attended, rectification items owned
 * (completed in the year, open, past their deadline); and for the grades, the items owned and overdue on a day.
 */
@Component
public class OrgLifeYear implements CadreYearContribution {

	private final JdbcClient jdbc;

	OrgLifeYear(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 300;
	}

	@Override
	public List<String> tables() {
		return List.of("life_meeting", "life_meeting_attendance", "rectification_item");
	}

	@Override
	public List<CadreFigure> forCadre(long cadreId, int year, LocalDate day) {
		return jdbc.sql("""
				SELECT (SELECT count(*) FROM life_meeting_attendance a JOIN life_meeting m ON m.id = a.meeting_id
				         WHERE a.cadre_id = :cadre AND a.present AND m.meeting_date >= :from AND m.meeting_date < :to),
				       (SELECT count(*) FROM rectification_item WHERE owner_cadre_id = :cadre AND completed_on >= :from AND completed_on < :to),
				       (SELECT count(*) FROM rectification_item WHERE owner_cadre_id = :cadre AND found_on <= :day
				           AND (completed_on IS NULL OR completed_on > :day)),
				       (SELECT count(*) FROM rectification_item WHERE owner_cadre_id = :cadre AND found_on <= :day
				           AND (completed_on IS NULL OR completed_on > :day) AND deadline < :day)""")
			.param("cadre", cadreId).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1)).param("day", day)
			.query((rs, n) -> List.of(CadreFigure.of("orglife.meetingsAttended", rs.getLong(1), "/orglife?year=" + year),
					CadreFigure.of("orglife.itemsCompleted", rs.getLong(2), "/orglife/rectifications?status=all"),
					CadreFigure.of("orglife.itemsOpen", rs.getLong(3), "/orglife/rectifications?status=open"),
					CadreFigure.of("orglife.itemsOverdue", rs.getLong(4), "/orglife/rectifications?status=overdue")))
			.single();
	}

	/** Rectification items the cadre owns that are open past their deadline on the day. */
	public long overdueOwned(long cadreId, LocalDate day) {
		return forCadre(cadreId, day.getYear(), day).get(3).value().longValue();
	}
}
