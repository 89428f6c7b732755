package org.banzi.rules;

import java.math.BigDecimal;

/** How a measured value is held against a rule's threshold ({@code value / denominator}), compared exactly. */
public enum Comparison {
	AT_LEAST, AT_MOST, MORE_THAN, LESS_THAN;

	boolean met(BigDecimal measured, BigDecimal value, BigDecimal denominator) {
		int order = measured.multiply(denominator).compareTo(value);
		return switch (this) {
			case AT_LEAST -> order >= 0;
			case AT_MOST -> order <= 0;
			case MORE_THAN -> order > 0;
			case LESS_THAN -> order < 0;
		};
	}

	/**
	 * The same test as an SQL condition on three numeric expressions, for a query that holds many measured values
	 * against their rules at once; {@code measured} must not be null.
	 */
	String sql(String measured, String value, String denominator) {
		String operator = switch (this) {
			case AT_LEAST -> ">=";
			case AT_MOST -> "<=";
			case MORE_THAN -> ">";
			case LESS_THAN -> "<";
		};
		return "(" + measured + ") * " + denominator + " " + operator + " " + value;
	}
}
