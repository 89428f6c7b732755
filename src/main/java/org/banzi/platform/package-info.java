/** Shared kernel: database start-up, the signed-in user, web conventions, tabular import. */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package org.banzi.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
