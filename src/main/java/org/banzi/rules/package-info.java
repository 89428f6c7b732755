/**
 * Rules and targets: every threshold Banzi applies, with its source, its effective dates and local overrides for a
 * subtree; other modules ask which value applies and evaluate what they measured against it.
 */
@ApplicationModule(displayName = "Rules", allowedDependencies = { "platform", "audit", "organization" })
@NullMarked
package org.banzi.rules;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
