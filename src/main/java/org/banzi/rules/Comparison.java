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
}
