package org.banzi.training;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A class as recorded by the training administrator. */
public record TrainingClass(long id, String code, String title, long organizerUnitId, ClassCategory category,
		LocalDate startDate, LocalDate endDate, BigDecimal classHours, String targetRanks, String targetUnitTypes,
		String createdBy) {
}
