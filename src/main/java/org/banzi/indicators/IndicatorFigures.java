package org.banzi.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.banzi.platform.summary.ContributedFigure;
import org.banzi.platform.summary.ContributedProblem;
import org.banzi.platform.summary.SummaryContribution;
import org.banzi.platform.summary.SummaryScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The development indicators in the annual summary (Section I, part 4): for the summary's own unit, each indicator
 * entered for the year ({@code indicators.<INDICATOR>}), its change on the year before ({@code .change}) and that
 * change in per cent with one decimal ({@code .growth}), both only when both years are entered. The database does the
 * arithmetic. An indicator not entered is absent, never zero.
 */
@Service
@Transactional(readOnly = true)
public class IndicatorFigures implements SummaryContribution {

	static final List<String> KEYS = Arrays.stream(Indicator.values())
		.flatMap(i -> java.util.stream.Stream.of("indicators." + i, "indicators." + i + ".change", "indicators." + i + ".growth"))
		.toList();

	private final JdbcClient jdbc;

	IndicatorFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 410;
	}

	@Override
	public List<String> keys() {
		return KEYS;
	}

	@Override
	public List<String> ruleKeys() {
		return List.of();
	}

	@Override
	public List<String> tables() {
		return List.of("development_indicator");
	}

	@Override
	public List<ContributedFigure> figures(SummaryScope summary) {
		String evidence = "/indicators?unit=" + summary.unitCode() + "&year=" + summary.year();
		List<ContributedFigure> figures = new ArrayList<>();
		jdbc.sql("""
				SELECT d.indicator, d.value, d.value - p.value,
				       CASE WHEN p.value > 0 THEN round((d.value - p.value) * 100 / p.value, 1) END
				  FROM development_indicator d
				  LEFT JOIN development_indicator p ON p.unit_id = d.unit_id AND p.indicator = d.indicator AND p.year = d.year - 1
				 WHERE d.unit_id = :unit AND d.year = :year""")
			.param("unit", summary.unitId()).param("year", summary.year())
			.query(rs -> {
				String key = "indicators." + rs.getString(1);
				String link = evidence + "#" + rs.getString(1);
				figures.add(new ContributedFigure(key, rs.getBigDecimal(2), link, 1));
				if (rs.getBigDecimal(3) != null) {
					figures.add(new ContributedFigure(key + ".change", rs.getBigDecimal(3), link, 2));
				}
				if (rs.getBigDecimal(4) != null) {
					figures.add(new ContributedFigure(key + ".growth", rs.getBigDecimal(4), link, 2));
				}
			});
		// the summary lists figures in the order of the keys
		figures.sort(java.util.Comparator.comparingInt(f -> KEYS.indexOf(f.key())));
		return figures;
	}

	@Override
	public List<ContributedProblem> problems(SummaryScope summary, Locale locale) {
		return List.of();
	}
}
