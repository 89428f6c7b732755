/**
 * Training: party-school classes and rotation training, enrolment, absences, completion decided by the absence
 * rule, certificates, training hours against the rules and the statistics the annual summary reports.
 */
@ApplicationModule(displayName = "Training", allowedDependencies = { "platform", "audit", "organization", "rules", "cadres" })
@NullMarked
package org.banzi.training;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
