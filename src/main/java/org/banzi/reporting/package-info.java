/**
 * The annual summary and the dashboard: every figure computed from the records of the other modules, each with
 * its definition and the records behind it; problems derived from the rules; signed versions frozen with a hash.
 * Reads the other modules' public APIs; nothing depends on it.
 */
@ApplicationModule(displayName = "Reporting",
		allowedDependencies = { "platform", "audit", "organization", "rules", "cadres", "study" })
@NullMarked
package org.banzi.reporting;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
