package org.banzi.training;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/** An enrolment as a class shows it: the cadre, the hours absent, and the outcome the rule decides. */
public record Trainee(long enrolmentId, long cadreId, String cadreNo, String name, String rank, @Nullable Integer stageNo,
		BigDecimal absentHours, boolean completed, BigDecimal creditedHours, @Nullable String certificate) {
}
