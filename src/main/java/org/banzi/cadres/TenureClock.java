package org.banzi.cadres;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Evaluation;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Years in the current post, years at the current rank level and full terms served, held against the tenure rules
 * of the post's unit; each flag names the rule that raised it.
 */
@Service
public class TenureClock {

	public static final String SAME_POST = "tenure.samePost.years";
	public static final String KEY_POST = "tenure.keyPost.years";
	public static final String SAME_LEVEL = "tenure.sameLevel.years";
	public static final String TERMS = "tenure.samePost.terms";
	static final String TERM_YEARS = "tenure.term.years";

	private final JdbcClient jdbc;
	private final Rules rules;
	private final Units units;

	TenureClock(JdbcClient jdbc, Rules rules, Units units) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.units = units;
	}

	private record Held(String cadreNo, String name, @Nullable LocalDate rankSince, long unitId, String title,
			LocalDate start, boolean keyPost) {
	}

	/** Every flag raised on {@code day} for cadres whose home unit lies in the scope. */
	@Transactional(readOnly = true)
	public List<TenureFlag> flags(Scope scope, LocalDate day) {
		List<Held> held = jdbc.sql("""
				SELECT c.cadre_no, c.name, c.rank_since, p.unit_id, p.title, p.start_date, p.key_post
				  FROM post p JOIN cadre c ON c.id = p.cadre_id
				 WHERE c.home_unit_id IN (""" + Scope.UNIT_IDS + """
				)
				   AND p.start_date <= :day AND (p.end_date IS NULL OR p.end_date >= :day)
				 ORDER BY c.cadre_no, p.start_date
				""")
			.params(scope.parameters())
			.param("day", day)
			.query((rs, n) -> new Held(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getLong(4),
					rs.getString(5), rs.getObject(6, LocalDate.class), rs.getBoolean(7)))
			.list();
		Map<Long, Unit> unitCache = units.lookup();
		List<TenureFlag> flags = new ArrayList<>();
		for (Held post : held) {
			Unit unit = unitCache.computeIfAbsent(post.unitId(), id -> units.findById(id).orElseThrow());
			BigDecimal years = years(post.start(), day);
			check(SAME_POST, unit, day, years, post, flags);
			if (post.keyPost()) {
				check(KEY_POST, unit, day, years, post, flags);
			}
			if (post.rankSince() != null) {
				check(SAME_LEVEL, unit, day, years(post.rankSince(), day), post, flags);
			}
			Optional<AppliedRule> termYears = rules.resolve(TERM_YEARS, "ALL", unit, day);
			if (termYears.isPresent() && termYears.get().threshold().signum() > 0) {
				BigDecimal terms = years.divide(termYears.get().threshold(), 0, RoundingMode.FLOOR);
				check(TERMS, unit, day, terms, post, flags);
			}
		}
		return flags;
	}

	private void check(String key, Unit unit, LocalDate day, BigDecimal measured, Held post, List<TenureFlag> flags) {
		rules.resolve(key, "ALL", unit, day).ifPresent(rule -> {
			Evaluation evaluation = rules.evaluate(rule, measured);
			if (evaluation.behind()) {
				flags.add(new TenureFlag(post.cadreNo(), post.name(), unit.code(), unit.name(), post.title(), post.start(),
						measured, evaluation));
			}
		});
	}

	/** Whole years and the fraction of the year begun, to one decimal. */
	static BigDecimal years(LocalDate from, LocalDate to) {
		long days = ChronoUnit.DAYS.between(from, to);
		long whole = ChronoUnit.YEARS.between(from, to);
		LocalDate anniversary = from.plusYears(whole);
		long yearLength = ChronoUnit.DAYS.between(anniversary, anniversary.plusYears(1));
		BigDecimal fraction = BigDecimal.valueOf(ChronoUnit.DAYS.between(anniversary, to))
			.divide(BigDecimal.valueOf(yearLength), 4, RoundingMode.DOWN);
		return days < 0 ? BigDecimal.ZERO : BigDecimal.valueOf(whole).add(fraction).setScale(1, RoundingMode.DOWN);
	}
}
