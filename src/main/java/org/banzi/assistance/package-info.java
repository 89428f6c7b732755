/**
 * Serving the people (Section I.2 of the seed): the sites of a year (well-off demonstration sites and key villages)
 * with their county-level leader and supporting departments, households of the poverty register, pairings of cadres
 * with households, visits and help given. Contributes part 2 of the annual summary through
 * {@link org.banzi.assistance.AssistanceFigures}. Reads other modules through what they publish:
 * {@code Cadres.CADRE_NAMES} and {@code Scope.UNIT_IDS}, and the facades {@code Units}, {@code Cadres}, {@code Rules}.
 */
@ApplicationModule(displayName = "Assistance", allowedDependencies = { "platform", "audit", "organization", "rules", "cadres" })
@NullMarked
package org.banzi.assistance;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
