/**
 * The organization tree: the county, its townships, departments and other units, and each user's scope in it. Owns
 * {@code org_unit}; other modules read it through {@link org.banzi.organization.Units} or, in SQL, through the queries
 * it publishes: {@link org.banzi.organization.Scope#UNIT_IDS}, {@link org.banzi.organization.Units#UNITS} and
 * {@link org.banzi.organization.Units#UNIT_PATHS}.
 */
@ApplicationModule(displayName = "Organization", allowedDependencies = { "platform", "audit" })
@NullMarked
package org.banzi.organization;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
