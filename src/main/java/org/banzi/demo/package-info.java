/**
 * Demo and scale data: a county shaped like the seed's ({@code seed-county}) or a province of such counties
 * ({@code province}), generated from a seed number and loaded through the importers' validation, with bulk COPY
 * for the largest tables followed by a consistency check. Nothing depends on it.
 */
@ApplicationModule(displayName = "Demo data",
		allowedDependencies = { "platform", "audit", "organization", "rules", "cadres", "study", "training", "orglife", "assistance", "integrity", "assessment",
				"responsibility", "indicators" })
@NullMarked
package org.banzi.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
