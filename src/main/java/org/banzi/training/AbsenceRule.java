package org.banzi.training;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Completion as the absence rule decides it: a trainee absent for more than the rule's share of the class hours
 * does not complete; the hours credited to one who completes are the class hours less the absences. The rule is
 * the one in force at the organizer unit on the class's last day.
 */
@Component
public class AbsenceRule {

	public static final String KEY = "training.absence.maxShare";

	private final Rules rules;
	private final Units units;

	AbsenceRule(Rules rules, Units units) {
		this.rules = rules;
		this.units = units;
	}

	public @Nullable AppliedRule ruleFor(TrainingClass trainingClass) {
		Unit organizer = units.findById(trainingClass.organizerUnitId()).orElseThrow();
		return rules.resolve(KEY, "ALL", organizer, trainingClass.endDate()).orElse(null);
	}

	/** Completed when absences times the denominator do not exceed class hours times the value: exact for 1/7. */
	public static boolean completed(BigDecimal classHours, BigDecimal absent, @Nullable AppliedRule rule) {
		if (rule == null) {
			return absent.compareTo(classHours) < 0;
		}
		return absent.multiply(rule.denominator()).compareTo(classHours.multiply(rule.value())) <= 0;
	}

	public static BigDecimal credited(BigDecimal classHours, BigDecimal absent, boolean completed) {
		return completed ? classHours.subtract(absent) : BigDecimal.ZERO;
	}

	/** The rule per class, for many classes at once (the rules are cached: no query per class). */
	Map<Long, AppliedRule> rulesFor(Iterable<TrainingClass> classes) {
		Map<Long, Unit> all = units.lookup();
		Map<Long, AppliedRule> result = new HashMap<>();
		for (TrainingClass trainingClass : classes) {
			rules.resolve(KEY, "ALL", all.get(trainingClass.organizerUnitId()), trainingClass.endDate())
				.ifPresent(rule -> result.put(trainingClass.id(), rule));
		}
		return result;
	}
}
