package org.banzi.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.banzi.orglife.OrgLifeImporter;
import org.banzi.platform.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * A year of organizational life for a generated county, loaded through the imports: two democratic life meetings a
 * team (the seed county's semi-annual rule) prepared by talks of the secretary with every member, rectification items
 * from them (a few left past their deadline), the collective decisions of each team and one decision for every
 * appointment of the year, and notification meetings. A few meetings have their topic reported late or their report
 * sent late, as a real county's would.
 */
@Component
class OrgLifeDemo {

	private final OrgLifeImporter importer;

	OrgLifeDemo(OrgLifeImporter importer) {
		this.importer = importer;
	}

	/**
	 * @param teams each team's member rows ({@code cadre_no, unit_code, team_role, start_date, end_date})
	 * @param posts every post row ({@code cadre_no, unit_code, title, start_date, end_date, key_post, reason})
	 */
	void load(CountyGenerator county, String countyCode, Map<String, List<String[]>> teams, List<String[]> posts, CurrentUser user,
			Locale locale) {
		int y = county.year;
		List<String[]> meetings = new ArrayList<>();
		List<String[]> talks = new ArrayList<>();
		List<String[]> items = new ArrayList<>();
		List<String[]> decisions = new ArrayList<>();
		List<String[]> notifications = new ArrayList<>();
		int t = 0;
		for (Map.Entry<String, List<String[]>> team : new TreeMap<>(teams).entrySet()) {
			String unit = team.getKey();
			boolean isCounty = unit.equals(countyCode);
			boolean isTownship = unit.startsWith(county.code("T"));
			LocalDate mid = LocalDate.of(y, 7, 3 + t % 20);
			LocalDate end = LocalDate.of(y, 12, 3 + t % 15);
			for (LocalDate date : List.of(mid, end)) {
				List<String[]> members = team.getValue().stream().filter(row -> !LocalDate.parse(row[3]).isAfter(date)).toList();
				String secretary = members.stream().filter(row -> row[2].equals("SECRETARY")).findFirst().orElse(members.get(0))[0];
				List<String> present = new ArrayList<>();
				List<String> absent = new ArrayList<>();
				for (int m = 0; m < members.size(); m++) {
					// in every fourth team one member is away on the mid-year meeting
					if (date == mid && t % 4 == 3 && m == members.size() - 1) {
						absent.add(members.get(m)[0] + ":出差");
					}
					else {
						present.add(members.get(m)[0]);
					}
					if (!members.get(m)[0].equals(secretary)) {
						talks.add(new String[] { unit, date.minusDays(10 + m).toString(), secretary, members.get(m)[0], "会前谈心谈话" });
					}
				}
				boolean lateTopic = date == end && t % 17 == 5;
				boolean lateReport = date == mid && t % 23 == 7;
				meetings.add(new String[] { unit, "DEMOCRATIC_LIFE", date.toString(), (date == mid ? "上半年" : "下半年") + "民主生活会",
						date.minusDays(lateTopic ? 8 : 20).toString(), String.join(";", present), String.join(";", absent),
						String.valueOf(8 + t % 15), date.plusDays(lateReport ? 25 : 7).toString() });
				items(unit, t, date, date == mid, members, items);
			}
			decisions(county, unit, t, isCounty, isTownship, team.getValue(), decisions);
			if (isCounty || isTownship) {
				notifications.add(new String[] { unit, LocalDate.of(y, isCounty ? 1 : 11, 10 + t % 15).toString(),
						isCounty ? "DEPUTIES;CPPCC;VETERANS" : "DEPUTIES;MASSES", String.valueOf(40 + t % 40),
						t % 3 == 0 ? "建议加强农村道路养护" : "" });
			}
			t++;
		}
		appointments(county, countyCode, teams.get(countyCode), posts, decisions);
		CountyLoader.check("life meetings", importer.importMeetings(user, "life-meetings.csv", CountyLoader.csv(
				"unit_code,kind,date,topic,topic_reported_on,attendees,absent,opinions_solicited,report_submitted_on", meetings), locale));
		CountyLoader.check("talks", importer.importTalks(user, "talks.csv",
				CountyLoader.csv("unit_code,date,from_cadre_no,to_cadre_no,topic", talks), locale));
		CountyLoader.check("rectifications", importer.importItems(user, "rectifications.csv", CountyLoader.csv(
				"code,unit_code,source,found_on,problem,owner_cadre_no,deadline,measures,completed_on,verified_on", items), locale));
		CountyLoader.check("decisions", importer.importDecisions(user, "decisions.csv", CountyLoader.csv(
				"unit_code,meeting,date,category,matter,expected,present,votes_for,votes_against,abstentions,amount,cadre_nos,dissent",
				decisions), locale));
		CountyLoader.check("notification meetings", importer.importNotifications(user, "notification-meetings.csv",
				CountyLoader.csv("unit_code,date,audience,attendance,opinions", notifications), locale));
	}

	private static final String[] PROBLEMS = { "理论学习计划执行不够严格", "深入基层调研不够", "批评与自我批评辣味不足", "落实民主集中制议事程序不够规范" };

	/**
	 * Items found at a meeting: three at mid-year (completed and verified within their deadline, except in every ninth
	 * team, where one is still open past it), one at year-end with its deadline in the next year.
	 */
	private static void items(String unit, int t, LocalDate found, boolean midYear, List<String[]> members,
			List<String[]> items) {
		int count = midYear ? 3 : 1;
		for (int i = 0; i < count; i++) {
			String owner = members.get((i + 1) % members.size())[0];
			String code = unit + "-" + found.getYear() + (midYear ? "A" : "B") + (i + 1);
			LocalDate deadline = found.plusDays(midYear ? 60 : 120);
			boolean open = !midYear || (t % 9 == 4 && i == 2);
			LocalDate completed = found.plusDays(25 + (t + i) % 30);
			items.add(new String[] { code, unit, "LIFE_MEETING", found.toString(), PROBLEMS[(t + i) % PROBLEMS.length], owner,
					deadline.toString(), "制定整改措施，明确责任和时限", open ? "" : completed.toString(),
					open ? "" : completed.plusDays(5).toString() });
		}
	}

	/** Each team's own decisions of the year: a major decision, a major project and a large fund. */
	private static void decisions(CountyGenerator county, String unit, int t, boolean isCounty, boolean isTownship,
			List<String[]> team, List<String[]> decisions) {
		String meeting = isCounty || isTownship ? "STANDING_COMMITTEE" : "PARTY_GROUP";
		String size = String.valueOf(team.size());
		decisions.add(new String[] { unit, meeting, LocalDate.of(county.year, 3, 5 + t % 20).toString(), "MAJOR_DECISION",
				"审议年度工作要点", size, size, size, "0", "0", "", "", "" });
		decisions.add(new String[] { unit, meeting, LocalDate.of(county.year, 5, 8 + t % 20).toString(), "MAJOR_PROJECT",
				"研究重点项目安排", size, size, size, "0", "0", "", "", "" });
		decisions.add(new String[] { unit, meeting, LocalDate.of(county.year, 9, 6 + t % 20).toString(), "LARGE_FUND",
				"研究专项资金使用", size, String.valueOf(team.size() - 1), String.valueOf(team.size() - 1), "0", "0",
				String.valueOf(100_000 + 10_000 * (t % 30)), "", "" });
	}

	/**
	 * Every post of the year begun by appointment or promotion at section-deputy rank or above, decided by the county
	 * committee's standing committee two weeks before the post began, one decision for each day of appointments.
	 */
	private static void appointments(CountyGenerator county, String countyCode, List<String[]> countyTeam, List<String[]> posts,
			List<String[]> decisions) {
		Map<String, String> rankOf = new java.util.HashMap<>();
		county.cadres.forEach(c -> rankOf.put(c.number(), c.rank()));
		Map<LocalDate, List<String>> byDay = new TreeMap<>();
		for (String[] post : posts) {
			LocalDate start = LocalDate.parse(post[3]);
			if (start.getYear() == county.year && (post[6].equals("APPOINTMENT") || post[6].equals("PROMOTION"))
					&& !"STAFF".equals(rankOf.get(post[0]))) {
				byDay.computeIfAbsent(start.minusDays(14), day -> new ArrayList<>()).add(post[0]);
			}
		}
		String size = String.valueOf(countyTeam.size());
		int batch = 1;
		for (Map.Entry<LocalDate, List<String>> day : byDay.entrySet()) {
			decisions.add(new String[] { countyCode, "STANDING_COMMITTEE", day.getKey().toString(), "APPOINTMENT",
					"研究干部任免事项（第" + batch++ + "批）", size, size, size, "0", "0", "", String.join(";", day.getValue()), "" });
		}
	}
}
