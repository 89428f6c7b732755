package org.banzi.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.banzi.indicators.IndicatorImporter;
import org.banzi.platform.CurrentUser;
import org.banzi.responsibility.ResponsibilityImporter;
import org.springframework.stereotype.Component;

/**
 * The responsibility system and the development indicators of a generated county, through the imports: each team's
 * list of four tasks (one per quarter, each owned by a member, the secretary first), completed on time except in every
 * eleventh team, where the third is still open; four quarterly analysis meetings a team, three in every seventh; and
 * the county's indicators of the year and the year before as the seed reports them (GDP 1.006 billion yuan, +9.78 %).
 */
@Component
class ResponsibilityDemo {

	private static final String[] TASKS = { "制定班子年度思想政治建设工作计划", "落实意识形态工作责任制", "抓好班子成员理论学习和廉政教育",
			"年终对照责任清单检查落实情况" };

	/** The seed's indicators: this year's value, last year's (null when the seed gives no change), the unit of measure. */
	private static final Object[][] INDICATORS = { { "GDP", "100600", "91639", "万元" },
			{ "TOWNSHIP_ENTERPRISE_VALUE_ADDED", "45300", "38390", "万元" }, { "FIXED_INVESTMENT", "10816", null, "万元" },
			{ "INVESTMENT_PROJECTS", "17", null, "个" }, { "RURAL_INCOME_PER_CAPITA", "3301", "3111", "元" },
			{ "URBAN_INCOME_PER_CAPITA", "5666", "5326", "元" } };

	private final ResponsibilityImporter responsibility;
	private final IndicatorImporter indicators;

	private final Clock clock;

	ResponsibilityDemo(ResponsibilityImporter responsibility, IndicatorImporter indicators, Clock clock) {
		this.responsibility = responsibility;
		this.indicators = indicators;
		this.clock = clock;
	}

	/** @param teams each team's member rows ({@code cadre_no, unit_code, team_role, start_date, end_date}) */
	void load(CountyGenerator county, String countyCode, Map<String, List<String[]>> teams, CurrentUser user, Locale locale) {
		int y = county.year;
		List<String[]> tasks = new ArrayList<>();
		List<String[]> meetings = new ArrayList<>();
		int t = 0;
		for (Map.Entry<String, List<String[]>> team : new TreeMap<>(teams).entrySet()) {
			String unit = team.getKey();
			List<String[]> members = team.getValue().stream().filter(row -> row[3].compareTo(y + "-01-01") < 0).toList();
			for (int q = 0; q < TASKS.length; q++) {
				LocalDate due = LocalDate.of(y, 3 * (q + 1), 1).plusMonths(1).minusDays(1);
				boolean open = t % 11 == 6 && q == 2;
				tasks.add(new String[] { unit, String.valueOf(y), TASKS[q], members.get(q % members.size())[0], due.toString(),
						open ? "" : due.minusDays(5 + t % 20).toString() });
			}
			int held = t % 7 == 3 ? 3 : 4;
			for (int q = 0; q < held; q++) {
				meetings.add(new String[] { unit, LocalDate.of(y, 3 * (q + 1), 20 + t % 8).toString(), "第" + (q + 1) + "季度落实主体责任情况分析" });
			}
			t++;
		}
		CountyLoader.check("responsibility tasks", responsibility.importTasks(user, "responsibility-tasks.csv",
				CountyLoader.csv("unit_code,year,task,owner_cadre_no,due_on,completed_on", tasks), locale));
		CountyLoader.check("analysis meetings", responsibility.importMeetings(user, "analysis-meetings.csv",
				CountyLoader.csv("unit_code,date,topic", meetings), locale));
		// published in January after the year, or today when the demo is loaded before then
		LocalDate published = LocalDate.of(y + 1, 1, 20).isAfter(LocalDate.now(clock)) ? LocalDate.now(clock) : LocalDate.of(y + 1, 1, 20);
		List<String[]> rows = new ArrayList<>();
		for (Object[] indicator : INDICATORS) {
			rows.add(new String[] { countyCode, String.valueOf(y), (String) indicator[0], (String) indicator[1], (String) indicator[3],
					"县统计局统计公报", published.toString() });
			if (indicator[2] != null) {
				rows.add(new String[] { countyCode, String.valueOf(y - 1), (String) indicator[0], (String) indicator[2], (String) indicator[3],
						"县统计局统计公报", y + "-01-20" });
			}
		}
		CountyLoader.check("indicators", indicators.importFile(user, "indicators.csv",
				CountyLoader.csv("unit_code,year,indicator,value,unit_of_measure,source,published_on", rows), locale));
	}
}
