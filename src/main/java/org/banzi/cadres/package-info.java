/**
 * Cadres and leadership teams: the registry of cadres, the posts they hold over time, team memberships, team
 * adjustments, and the tenure clock that flags cadres due for exchange.
 */
@ApplicationModule(displayName = "Cadres", allowedDependencies = { "platform", "audit", "organization", "rules" })
@NullMarked
package org.banzi.cadres;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
