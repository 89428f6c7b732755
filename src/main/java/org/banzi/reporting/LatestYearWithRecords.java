package org.banzi.reporting;

import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.banzi.organization.Units;
import org.banzi.platform.web.DefaultYear;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The year in view until the user chooses one: the current year once it has records, or once last year's summary of
 * the whole organization is signed; before that, last year when it has records. So a newcomer lands on figures, and
 * the new year takes over when the old one is closed. The answer is kept a minute, as the figures behind it are.
 */
@Component
class LatestYearWithRecords implements DefaultYear {

	private static final long KEPT_MILLIS = 60_000;

	private record Answer(int current, int year, long at) {
	}

	private final SummaryCalculator calculator;
	private final Units units;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final AtomicReference<Answer> kept = new AtomicReference<>();

	LatestYearWithRecords(SummaryCalculator calculator, Units units, JdbcClient jdbc, Clock clock) {
		this.calculator = calculator;
		this.units = units;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public int defaultYear(int current) {
		Answer answer = kept.get();
		long now = clock.millis();
		if (answer != null && answer.current() == current && now - answer.at() < KEPT_MILLIS) {
			return answer.year();
		}
		int year = decide(current);
		kept.set(new Answer(current, year, now));
		return year;
	}

	private int decide(int current) {
		long root = units.root().id();
		boolean lastSigned = jdbc.sql("SELECT count(*) FROM summary_version WHERE unit_id = ? AND year = ? AND status = 'SIGNED'")
			.params(root, current - 1).query(Long.class).single() > 0;
		if (lastSigned) {
			return current;
		}
		// this year's figures, each with last year's beside it
		Summary summary = calculator.compute(units.root(), current, Locale.SIMPLIFIED_CHINESE, false);
		java.util.Set<String> standing = calculator.standingKeys();
		boolean thisYear = summary.figures().stream().anyMatch(f -> !standing.contains(f.key()) && f.value().signum() != 0);
		boolean lastYear = summary.figures().stream()
			.anyMatch(f -> !standing.contains(f.key()) && f.previous() != null && f.previous().signum() != 0);
		return !thisYear && lastYear ? current - 1 : current;
	}
}
