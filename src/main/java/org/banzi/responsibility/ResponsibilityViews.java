package org.banzi.responsibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
import org.banzi.cadres.TeamRole;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.db.Memo;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the page and the API show of a scope and year: the tasks, filtered by status, and each team against the rule. */
@Component
@Transactional(readOnly = true)
class ResponsibilityViews {

	/**
	 * A team: its secretary on the day (the first responsible person), and its analysis meetings of the year against the
	 * rule in force at its unit.
	 */
	public record TeamRow(ResponsibilityRepository.TeamMeetings team, @Nullable Cadre secretary, @Nullable AppliedRule rule,
			boolean behind) {
	}

	private final ResponsibilityRepository repository;
	private final Rules rules;
	private final Cadres cadres;
	private final Memo memo;
	private final Units units;

	ResponsibilityViews(ResponsibilityRepository repository, Rules rules, Cadres cadres, Memo memo, Units units) {
		this.units = units;
		this.repository = repository;
		this.rules = rules;
		this.cadres = cadres;
		this.memo = memo;
	}

	/** The tasks of the year; {@code status} is {@code all}, {@code open}, {@code overdue} or {@code completed} on the day. */
	List<ResponsibilityRepository.TaskRow> tasks(Scope scope, int year, String status, LocalDate day) {
		return allTasks(scope, year).stream().filter(row -> switch (status) {
			case "open" -> row.task().completedOn() == null || row.task().completedOn().isAfter(day);
			case "overdue" -> row.task().overdueOn(day);
			case "completed" -> row.task().completedOn() != null && !row.task().completedOn().isAfter(day);
			default -> true;
		}).toList();
	}

	/** The tasks of a year in the scope, read once and kept until a task, cadre or unit changes. */
	List<ResponsibilityRepository.TaskRow> allTasks(Scope scope, int year) {
		return memo.remember(List.of(ResponsibilityViews.class, "tasks", scope, year), TASK_TABLES,
				() -> List.copyOf(repository.tasks(scope, year)));
	}

	/** The analysis meetings of a year in the scope, kept until a meeting or unit changes. */
	List<Map.Entry<ResponsibilityRepository.Meeting, String>> meetings(Scope scope, int year) {
		return memo.remember(List.of(ResponsibilityViews.class, "meetings", scope, year), MEETING_TABLES,
				() -> List.copyOf(repository.meetings(scope, year)));
	}

	private static final List<String> TASK_TABLES = List.of("responsibility_task", "cadre", "org_unit");

	private static final List<String> MEETING_TABLES = List.of("analysis_meeting", "org_unit");

	/** Kept until a task, analysis meeting, team, cadre, unit or rule changes. */
	List<TeamRow> teams(Scope scope, int year, LocalDate day) {
		return memo.remember(List.of(ResponsibilityViews.class, "teams", scope, year, day), ResponsibilityFigures.TABLES, () -> computeTeams(scope, year, day));
	}

	private List<TeamRow> computeTeams(Scope scope, int year, LocalDate day) {
		Map<Long, List<Membership>> members = cadres.teamsOn(scope, day);
		Map<Long, Long> secretaries = new HashMap<>();
		members.forEach((unit, team) -> team.stream().filter(m -> m.role() == TeamRole.SECRETARY).findFirst()
			.ifPresent(m -> secretaries.put(unit, m.cadreId())));
		Map<Long, Cadre> names = cadres.findByIds(secretaries.values());
		// each team's unit from the kept look-up: one query for a province's thousands of teams, not one a team
		Map<Long, Unit> lookup = units.lookup();
		return repository.teamMeetings(scope, year, day).stream().map(team -> {
			AppliedRule rule = rules.resolve(ResponsibilityFigures.ANALYSIS_PER_YEAR, "ALL", units.of(lookup, team.unitId()), day)
				.orElse(null);
			boolean behind = rule != null && rules.evaluate(rule, BigDecimal.valueOf(team.meetings())).behind();
			Long secretary = secretaries.get(team.unitId());
			return new TeamRow(team, secretary == null ? null : names.get(secretary), rule, behind);
		}).toList();
	}
}
