package org.banzi.assessment;

import java.util.List;
import java.util.Locale;

import org.banzi.organization.Scope;
import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assessment in the annual summary: teams appraised and ballots cast in the year's cycles of the subtree, and the
 * final (signed) grades. Results are per subject; nothing here ranks anyone.
 */
@Service
@Transactional(readOnly = true)
public class AssessmentFigures implements SummaryContribution {

	private final JdbcClient jdbc;

	AssessmentFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 450;
	}

	@Override
	public List<String> keys() {
		return List.of("assessment.teamsAppraised", "assessment.ballots", "assessment.grades.excellent", "assessment.grades.competent",
				"assessment.grades.basicallyCompetent", "assessment.grades.incompetent");
	}

	@Override
	public List<String> tables() {
		return List.of("assessment_cycle", "appraisal", "ballot", "grade", "org_unit");
	}

	@Override
	public List<String> ruleKeys() {
		return List.of(AssessmentService.MIN_BALLOTS, AssessmentService.EXCELLENT_SHARE, AssessmentService.INCOMPETENT_SHARE,
				AssessmentService.TRAINING_YEARS);
	}

	@Override
	public List<ContributedFigure> figures(SummaryScope summary) {
		Scope scope = new Scope(summary.unitId(), summary.unitPath());
		long[] v = jdbc.sql("""
				WITH cycles AS (SELECT id, grades_signed_at FROM assessment_cycle WHERE year = :year AND unit_id IN (""" + Scope.UNIT_IDS + """
				)), appraisals AS (SELECT a.id FROM appraisal a WHERE a.cycle_id IN (SELECT id FROM cycles)),
				finals AS (SELECT g.grade FROM grade g WHERE g.cadre_id IS NOT NULL
				              AND g.cycle_id IN (SELECT id FROM cycles WHERE grades_signed_at IS NOT NULL))
				SELECT (SELECT count(*) FROM appraisals),
				       (SELECT count(*) FROM ballot WHERE filled AND appraisal_id IN (SELECT id FROM appraisals)),
				       (SELECT count(*) FROM finals WHERE grade = 'EXCELLENT'), (SELECT count(*) FROM finals WHERE grade = 'COMPETENT'),
				       (SELECT count(*) FROM finals WHERE grade = 'BASICALLY_COMPETENT'), (SELECT count(*) FROM finals WHERE grade = 'INCOMPETENT')""")
			.params(scope.parameters()).param("year", summary.year())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6) })
			.single();
		String page = "/assessment?unit=" + summary.unitCode() + "&year=" + summary.year();
		return List.of(ContributedFigure.count("assessment.teamsAppraised", v[0], page), ContributedFigure.count("assessment.ballots", v[1], page),
				ContributedFigure.count("assessment.grades.excellent", v[2], page), ContributedFigure.count("assessment.grades.competent", v[3], page),
				ContributedFigure.count("assessment.grades.basicallyCompetent", v[4], page),
				ContributedFigure.count("assessment.grades.incompetent", v[5], page));
	}

	/** Each figure counts records of one unit (or one cadre's home unit): a province's is the sum of its counties'. */
	@Override
	public boolean addsUpByCounty() {
		return true;
	}

	@Override
	public List<ContributedProblem> problems(SummaryScope summary, Locale locale) {
		return List.of();
	}
}
