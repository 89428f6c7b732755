package org.banzi.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.banzi.assessment.Assessment;
import org.banzi.assessment.Grade;
import org.banzi.assessment.TeamGrade;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * The year's assessment of a generated county, through the module's API: a cycle over the county, an appraisal of
 * every team by twelve voters, closed; grades proposed for every team and team member, "excellent" to those the
 * voters rated best as long as the quota and the rules allow (a refused proposal stays "competent"); then signed.
 */
@Component
class AssessmentDemo {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AssessmentDemo.class);

	static final int VOTERS = 12;

	private final Assessment assessment;
	private final Clock clock;

	AssessmentDemo(Assessment assessment, Clock clock) {
		this.assessment = assessment;
		this.clock = clock;
	}

	void load(CountyGenerator county, String countyCode, CurrentUser user) {
		LocalDate today = LocalDate.now(clock);
		long cycle;
		try {
			cycle = assessment.openCycle(user, county.year, countyCode, LocalDate.of(county.year, 12, 15), today);
		}
		catch (org.springframework.dao.DuplicateKeyException opened) {
			// a load stopped during the assessment: the cycle and what was cast and graded stay as they are
			log.warn("Demo county {}: the assessment of {} was opened by a load that stopped; it is kept as it is", county.prefix,
					county.year);
			return;
		}
		Map<String, List<String>> teams = assessment.teams(user, cycle);
		Set<String> favoured = new HashSet<>();
		int t = 0;
		for (Map.Entry<String, List<String>> team : teams.entrySet()) {
			List<String> members = team.getValue();
			// the voters of each team favour its first member; the rest are competent, one now and then basically so
			favoured.add(members.get(0));
			for (String code : assessment.issue(user, cycle, team.getKey(), VOTERS)) {
				Map<String, Grade> marks = new LinkedHashMap<>();
				for (int m = 0; m < members.size(); m++) {
					int roll = county.random.nextInt(100);
					marks.put(members.get(m), m == 0 && roll < 70 ? Grade.EXCELLENT : roll < 3 ? Grade.BASICALLY_COMPETENT : Grade.COMPETENT);
				}
				assessment.cast(code, t % 5 == 0 ? TeamGrade.FAIRLY_GOOD : TeamGrade.GOOD, marks, "");
			}
			t++;
		}
		assessment.close(user, cycle);
		Set<String> graded = new HashSet<>();
		for (Map.Entry<String, List<String>> team : teams.entrySet()) {
			grade(() -> assessment.proposeTeam(user, cycle, team.getKey(), Grade.EXCELLENT),
					() -> assessment.proposeTeam(user, cycle, team.getKey(), Grade.COMPETENT));
			for (String member : team.getValue()) {
				if (graded.add(member)) {
					if (favoured.contains(member)) {
						grade(() -> assessment.proposeCadre(user, cycle, member, Grade.EXCELLENT),
								() -> assessment.proposeCadre(user, cycle, member, Grade.COMPETENT));
					}
					else {
						assessment.proposeCadre(user, cycle, member, Grade.COMPETENT);
					}
				}
			}
		}
		assessment.sign(user, cycle);
	}

	/** Tries the first proposal; when a rule refuses it (the quota, a blocker), makes the second. */
	private static void grade(Runnable first, Runnable otherwise) {
		try {
			first.run();
		}
		catch (BusinessRuleException refused) {
			otherwise.run();
		}
	}
}
