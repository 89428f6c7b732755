/** The audit trail: every change, import, export and sign-in, append-only and hash-chained, with its verifier. */
@ApplicationModule(displayName = "Audit", allowedDependencies = "platform")
@NullMarked
package org.banzi.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
