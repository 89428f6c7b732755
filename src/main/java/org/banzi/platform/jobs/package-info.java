/** Imports run as jobs in the background, with their progress and reports kept per account. */
@NullMarked
package org.banzi.platform.jobs;

import org.jspecify.annotations.NullMarked;
