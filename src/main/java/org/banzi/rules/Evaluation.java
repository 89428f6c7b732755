package org.banzi.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A measured value held against a rule: met or behind, and by how much (the gap to the threshold, zero when met).
 */
public record Evaluation(AppliedRule rule, BigDecimal measured, Status status, BigDecimal gap) {

	public enum Status {
		MET, BEHIND
	}

	static Evaluation of(AppliedRule rule, BigDecimal measured) {
		boolean met = rule.comparison().met(measured, rule.value(), rule.denominator());
		BigDecimal gap = met ? BigDecimal.ZERO
				: rule.threshold().subtract(measured, MathContext.DECIMAL64).abs().setScale(2, RoundingMode.HALF_UP);
		return new Evaluation(rule, measured, met ? Status.MET : Status.BEHIND, gap);
	}

	public boolean behind() {
		return status == Status.BEHIND;
	}
}
