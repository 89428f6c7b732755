package org.banzi.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * The version of a rule that applies somewhere on some day: its value, where it was set (a unit's override, or the
 * county-wide default when {@code definedAtUnitId} is null), and its source. Every warning names one of these.
 */
public record AppliedRule(long versionId, String key, Comparison comparison, Measure measure, String appliesTo,
		BigDecimal value, BigDecimal denominator, LocalDate effectiveFrom, @Nullable LocalDate effectiveTo,
		String sourceTitle, String sourceArticle, String note, @Nullable Long definedAtUnitId, String createdBy,
		java.time.Instant createdAt) {

	/** The threshold as a number ({@code 1/7} gives 0.142857…); comparisons use value and denominator exactly. */
	public BigDecimal threshold() {
		return value.divide(denominator, MathContext.DECIMAL64);
	}

	/** {@code 1/7} for a fraction, else the plain value. */
	public String displayValue() {
		if (denominator.compareTo(BigDecimal.ONE) != 0) {
			return value.stripTrailingZeros().toPlainString() + "/" + denominator.stripTrailingZeros().toPlainString();
		}
		return value.stripTrailingZeros().toPlainString();
	}

	/** As people write it: {@code 01-31} for a month-day, {@code 1/7} for a fraction, else the number. */
	public String formattedValue() {
		if (measure == Measure.RANK && value.intValue() >= 1 && value.intValue() <= Measure.RANKS.size()) {
			return Measure.RANKS.get(value.intValue() - 1);
		}
		if (measure == Measure.MONTH_DAY) {
			int monthDay = value.intValue();
			return String.format("%02d-%02d", monthDay / 100, monthDay % 100);
		}
		return displayValue();
	}

	/**
	 * Whether the share {@code part / whole} meets this version, compared exactly (6 of 9 meets at least 2/3); no
	 * share of nothing meets it.
	 */
	public boolean metByShare(long part, long whole) {
		return whole > 0 && comparison.met(BigDecimal.valueOf(part), value.multiply(BigDecimal.valueOf(whole)), denominator);
	}

	/** Document and article, as a warning cites them. */
	public String citation() {
		return sourceArticle.isBlank() ? sourceTitle : sourceTitle + " " + sourceArticle;
	}

	/** The day this version was recorded, in the server's time zone. */
	public LocalDate createdOn() {
		return LocalDate.ofInstant(createdAt, java.time.ZoneId.systemDefault());
	}

	/** Whether this version was set for the asked unit itself rather than inherited from above. */
	public boolean setAt(long unitId) {
		return definedAtUnitId != null && definedAtUnitId == unitId;
	}

	boolean inForceOn(LocalDate day) {
		return !effectiveFrom.isAfter(day) && (effectiveTo == null || !effectiveTo.isBefore(day));
	}
}
