/** Accounts, roles and sign-in: who may use Banzi, with what duties, over which part of the tree. */
@ApplicationModule(displayName = "Security", allowedDependencies = { "platform", "audit", "organization" })
@NullMarked
package org.banzi.security;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
