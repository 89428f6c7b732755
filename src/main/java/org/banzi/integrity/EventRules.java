package org.banzi.integrity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.banzi.organization.Unit;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Holds an event filing against the county's rules in force at the cadre's unit on the event's day: reported at least
 * {@code wedding.report.workingDaysBefore} working days before a wedding; reported within
 * {@code wedding.report.workingDaysAfter} working days after a wedding or other event, within
 * {@code funeral.report.daysAfter} days after a funeral; at most {@code wedding.guests.max} guests and
 * {@code wedding.tables.max} tables; no more official cars than {@code event.officialCars.max}. A report not made by
 * the report day when it was due counts as not made.
 */
@Component
class EventRules {

	static final String BEFORE = "wedding.report.workingDaysBefore";
	static final String AFTER = "wedding.report.workingDaysAfter";
	static final String FUNERAL_AFTER = "funeral.report.daysAfter";
	static final String GUESTS = "wedding.guests.max";
	static final String TABLES = "wedding.tables.max";
	static final String OFFICIAL_CARS = "event.officialCars.max";
	static final List<String> KEYS = List.of(BEFORE, AFTER, FUNERAL_AFTER, GUESTS, TABLES, OFFICIAL_CARS);

	private final Rules rules;

	EventRules(Rules rules) {
		this.rules = rules;
	}

	/** A rule a filing breaks, with what was measured. */
	record Breach(AppliedRule rule, BigDecimal measured) {
	}

	List<Breach> breaches(IntegrityRepository.Filing f, Unit unit, WorkingDays calendar, LocalDate reportDay) {
		List<Breach> breaches = new ArrayList<>();
		LocalDate day = f.eventDate();
		if (f.kind() == EventKind.WEDDING) {
			// no report before the wedding counts as reported on the day itself: zero working days ahead
			long ahead = f.reportedBefore() == null ? 0 : calendar.between(f.reportedBefore(), day);
			check(BEFORE, unit, day, BigDecimal.valueOf(ahead), breaches);
		}
		LocalDate after = f.reportedAfter() != null ? f.reportedAfter() : reportDay;
		if (f.reportedAfter() != null || after.isAfter(day)) {
			if (f.kind() == EventKind.FUNERAL) {
				check(FUNERAL_AFTER, unit, day, BigDecimal.valueOf(ChronoUnit.DAYS.between(day, after)), breaches);
			}
			else {
				check(AFTER, unit, day, BigDecimal.valueOf(calendar.between(day, after)), breaches);
			}
		}
		check(GUESTS, unit, day, count(f.guests()), breaches);
		check(TABLES, unit, day, count(f.tables()), breaches);
		check(OFFICIAL_CARS, unit, day, count(f.officialCars()), breaches);
		return breaches;
	}

	private static BigDecimal count(@Nullable Integer value) {
		return BigDecimal.valueOf(value == null ? 0 : value);
	}

	private void check(String key, Unit unit, LocalDate day, BigDecimal measured, List<Breach> breaches) {
		rules.resolve(key, "ALL", unit, day).filter(rule -> rules.evaluate(rule, measured).behind())
			.ifPresent(rule -> breaches.add(new Breach(rule, measured)));
	}
}
