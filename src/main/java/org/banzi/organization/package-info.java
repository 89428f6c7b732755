/** The organization tree: the county, its townships, departments and other units, and each user's scope in it. */
@ApplicationModule(displayName = "Organization", allowedDependencies = { "platform", "audit" })
@NullMarked
package org.banzi.organization;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
