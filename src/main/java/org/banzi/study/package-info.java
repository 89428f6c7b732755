/**
 * Theoretical study: annual study plans, central-group sessions (hours credited to each attendee from the session
 * itself), self-study and study notes, measured against the year's targets.
 */
@ApplicationModule(displayName = "Study", allowedDependencies = { "platform", "audit", "organization", "rules", "cadres" })
@NullMarked
package org.banzi.study;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
