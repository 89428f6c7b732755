/**
 * Assessment (measures II.1(3) and II.5 of the seed): the year-end cycle over a unit's subtree, duty reports drafted
 * from every module's records for the cadre's year, democratic appraisal by one-time codes whose ballots can never be
 * traced to a voter nor be lost or counted twice, grades within the quota with the rules that block "excellent", signed
 * final grades and a feedback letter. Collects the draft's parts from every {@code CadreYearContribution}; asks
 * training, organizational life and integrity for the blockers through their public API.
 */
@ApplicationModule(displayName = "Assessment",
		allowedDependencies = { "platform", "audit", "organization", "rules", "cadres", "training", "orglife", "integrity" })
@NullMarked
package org.banzi.assessment;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
