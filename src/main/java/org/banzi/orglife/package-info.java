/**
 * Organizational life (Section I.3 of the seed, democratic centralism): democratic and organizational life meetings
 * with attendance and quorum, heart-to-heart talks, rectification items from found to verified with the check-back at
 * the next meeting, collective decisions (三重一大, “three majors, one large”) and notification meetings. Contributes part 3 of
 * the annual summary through {@link org.banzi.orglife.OrgLifeFigures}. Reads other modules only through what they
 * publish: {@code Cadres.TEAM_MEMBERS_ON}, {@code Cadres.MEMBERSHIPS}, {@code Cadres.POSTS},
 * {@code Cadres.CADRE_NAMES} and {@code Scope.UNIT_IDS}.
 */
@ApplicationModule(displayName = "Organizational life",
		allowedDependencies = { "platform", "audit", "organization", "rules", "cadres", "integrity" })
@NullMarked
package org.banzi.orglife;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
