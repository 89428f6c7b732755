/**
 * Events between modules whose type neither module may own without a cycle: the publisher already reads the
 * consumer. Other events live in the module that publishes them (such as {@code integrity.TipOffSubstantiated}).
 */
@NullMarked
package org.banzi.platform.events;

import org.jspecify.annotations.NullMarked;
