package org.banzi.cadres;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.banzi.rules.Evaluation;

/** A cadre due for exchange (or not to be renominated) under a named rule. */
public record TenureFlag(String cadreNo, String cadreName, String unitCode, String unitName, String title,
		LocalDate since, BigDecimal measured, Evaluation evaluation) {

	public String ruleKey() {
		return evaluation.rule().key();
	}
}
