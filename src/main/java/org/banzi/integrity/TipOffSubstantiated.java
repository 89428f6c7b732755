package org.banzi.integrity;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A tip-off closed as partly or fully substantiated: the unit whose team must rectify, the cadre it was about (if
 * any), the day it was closed. It carries no content of the tip-off and nothing about the informant.
 */
public record TipOffSubstantiated(long tipOffId, long unitId, @Nullable Long cadreId, LocalDate closedOn) {
}
