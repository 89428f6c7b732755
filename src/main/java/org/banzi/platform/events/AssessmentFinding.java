package org.banzi.platform.events;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Signed assessment grades found a team, or a cadre, short of competent (basically competent or incompetent): the team
 * must put it right. Published by assessment when the grades are signed, one per such grade; organizational life
 * opens a rectification item. The type lives in the platform because assessment already reads organizational life
 * (its blockers), and a type of assessment's own would make the two modules depend on each other.
 *
 * @param cadreId the cadre graded, or null for a team's grade
 * @param unitId the team graded, or the cadre's home unit
 * @param grade the grade's code ({@code BASICALLY_COMPETENT}, {@code INCOMPETENT})
 * @param gradeLabel the grade as the record states it (基本称职)
 */
public record AssessmentFinding(long cycleId, int year, @Nullable Long cadreId, long unitId, String grade, String gradeLabel,
		LocalDate signedOn) {
}
