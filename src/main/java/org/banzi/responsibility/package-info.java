/**
 * The responsibility system (主体责任, Section II.5 of the seed): each team's list of tasks of ideological and political
 * construction for a year, the secretary as first responsible person and an owner among the members for each task
 * (一岗双责), with due dates and completion; and the team's analysis meetings, held against the rule
 * {@code responsibility.analysis.perYear}. Contributes to part 4 of the annual summary through
 * {@link org.banzi.responsibility.ResponsibilityFigures}. Reads other modules through what they publish:
 * {@code Cadres.TEAM_MEMBERS_ON}, {@code Cadres.CADRE_NAMES} and {@code Scope.UNIT_IDS}, and the facades {@code Units},
 * {@code Cadres}, {@code Rules}.
 */
@ApplicationModule(displayName = "Responsibility", allowedDependencies = { "platform", "audit", "organization", "rules", "cadres" })
@NullMarked
package org.banzi.responsibility;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
