/** The contract by which a module contributes figures and problems to the annual summary. */
@NullMarked
package org.banzi.platform.summary;

import org.jspecify.annotations.NullMarked;
