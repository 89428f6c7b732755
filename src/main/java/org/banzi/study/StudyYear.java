package org.banzi.study;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.banzi.platform.summary.CadreFigure;
import org.banzi.platform.summary.CadreYearContribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A cadre's study in a year, for the duty report: central-group hours attended, self-study, note characters. */
@Component
class StudyYear implements CadreYearContribution {

	private final JdbcClient jdbc;

	StudyYear(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 100;
	}

	@Override
	public List<String> tables() {
		return List.of("group_session", "group_session_attendance", "self_study", "study_note");
	}

	@Override
	public List<CadreFigure> forCadre(long cadreId, int year, LocalDate day) {
		return jdbc.sql("""
				SELECT (SELECT COALESCE(sum(s.hours), 0) FROM group_session s JOIN group_session_attendance a ON a.session_id = s.id
				         WHERE a.cadre_id = :cadre AND a.present AND s.session_date >= :from AND s.session_date < :to),
				       (SELECT count(*) FROM self_study WHERE cadre_id = :cadre AND study_date >= :from AND study_date < :to),
				       (SELECT COALESCE(sum(hours), 0) FROM self_study WHERE cadre_id = :cadre AND study_date >= :from AND study_date < :to),
				       (SELECT COALESCE(sum(characters), 0) FROM study_note WHERE cadre_id = :cadre AND note_date >= :from AND note_date < :to)""")
			.param("cadre", cadreId).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
			.query((rs, n) -> {
				String evidence = "/study?behindOnly=false&year=" + year;
				return List.of(new CadreFigure("study.groupHours", rs.getBigDecimal(1), "/study/sessions?year=" + year),
						CadreFigure.of("study.selfStudySessions", rs.getLong(2), evidence),
						new CadreFigure("study.selfStudyHours", rs.getBigDecimal(3), evidence),
						new CadreFigure("study.noteChars", BigDecimal.valueOf(rs.getLong(4)), evidence));
			})
			.single();
	}
}
