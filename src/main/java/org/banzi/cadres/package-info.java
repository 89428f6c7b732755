/**
 * Cadres and leadership teams: the registry of cadres, the posts they hold over time, team memberships, team
 * adjustments, and the tenure clock that flags cadres due for exchange. Owns {@code cadre}, {@code post},
 * {@code team_membership} and {@code team_adjustment}; other modules read them through
 * {@link org.banzi.cadres.Cadres} or, in SQL, through the queries it publishes: {@code Cadres.CADRES},
 * {@code Cadres.CADRE_NAMES}, {@code Cadres.POSTS}, {@code Cadres.MEMBERSHIPS} and {@code Cadres.TEAM_MEMBERS_ON}.
 */
@ApplicationModule(displayName = "Cadres", allowedDependencies = { "platform", "audit", "organization", "rules" })
@NullMarked
package org.banzi.cadres;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
