package org.banzi.assessment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.cadres.Cadres;
import org.banzi.platform.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * What scripts and other modules may do with the assessment cycle, under the same rules as the pages and the API:
 * open a cycle, issue codes, cast a ballot by code, close, propose grades (refused beyond the quota or when blocked),
 * sign.
 */
@Service
public class Assessment {

	private final AssessmentService service;
	private final Cadres cadres;

	Assessment(AssessmentService service, Cadres cadres) {
		this.service = service;
		this.cadres = cadres;
	}

	public long openCycle(CurrentUser user, int year, String unitCode, LocalDate opens, LocalDate closes) {
		return service.openCycle(user, year, unitCode, opens, closes);
	}

	/** The teams of the cycle by unit code, each with its members' cadre numbers (a cadre once, on their first team). */
	public Map<String, List<String>> teams(CurrentUser user, long cycleId) {
		Map<String, List<String>> teams = new LinkedHashMap<>();
		var cycle = service.visibleCycle(user, cycleId);
		service.teams(cycle).forEach((unit, members) -> {
			List<String> numbers = new ArrayList<>();
			var found = cadres.findByIds(members.stream().map(m -> m.cadreId()).toList());
			members.forEach(m -> {
				String number = found.get(m.cadreId()).cadreNo();
				if (!numbers.contains(number)) {
					numbers.add(number);
				}
			});
			teams.put(unit.code(), numbers);
		});
		return teams;
	}

	public List<String> issue(CurrentUser user, long cycleId, String unitCode, int voters) {
		return service.issue(user, cycleId, unitCode, voters).getValue();
	}

	public void cast(String code, TeamGrade team, Map<String, Grade> members, String comment) {
		service.cast(code, new BallotBox.Marks(team, members, comment));
	}

	public void close(CurrentUser user, long cycleId) {
		service.closeCycle(user, cycleId);
	}

	public void proposeCadre(CurrentUser user, long cycleId, String cadreNo, Grade grade) {
		service.proposeCadre(user, cycleId, cadreNo, grade);
	}

	public void proposeTeam(CurrentUser user, long cycleId, String unitCode, Grade grade) {
		service.proposeTeam(user, cycleId, unitCode, grade);
	}

	public String sign(CurrentUser user, long cycleId) {
		return service.sign(user, cycleId);
	}
}
