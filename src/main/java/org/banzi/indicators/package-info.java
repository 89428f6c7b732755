/**
 * Development indicators (Section I.4 of the seed): the figures of the economy the statistics office enters for a unit
 * and year (GDP, township enterprises' value added, fixed investment and its projects, rural and urban income per
 * person), each with its source and publication date. Entered, not computed: the summary reports them with the change
 * on the year before, through {@link org.banzi.indicators.IndicatorFigures}. The role {@code STATISTICS} enters them and
 * does nothing else.
 */
@ApplicationModule(displayName = "Indicators", allowedDependencies = { "platform", "audit", "organization" })
@NullMarked
package org.banzi.indicators;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
