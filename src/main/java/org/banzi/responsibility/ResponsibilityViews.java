package org.banzi.responsibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.banzi.organization.Scope;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the page and the API show of a scope and year: the tasks, filtered by status, and each team against the rule. */
@Component
@Transactional(readOnly = true)
class ResponsibilityViews {

	/** A team's analysis meetings of the year against the rule in force at its unit. */
	public record TeamRow(ResponsibilityRepository.TeamMeetings team, @Nullable AppliedRule rule, boolean behind) {
	}

	private final ResponsibilityRepository repository;
	private final Rules rules;

	ResponsibilityViews(ResponsibilityRepository repository, Rules rules) {
		this.repository = repository;
		this.rules = rules;
	}

	/** The tasks of the year; {@code status} is {@code all}, {@code open}, {@code overdue} or {@code completed} on the day. */
	List<ResponsibilityRepository.TaskRow> tasks(Scope scope, int year, String status, LocalDate day) {
		return repository.tasks(scope, year).stream().filter(row -> switch (status) {
			case "open" -> row.task().completedOn() == null || row.task().completedOn().isAfter(day);
			case "overdue" -> row.task().overdueOn(day);
			case "completed" -> row.task().completedOn() != null && !row.task().completedOn().isAfter(day);
			default -> true;
		}).toList();
	}

	List<TeamRow> teams(Scope scope, int year, LocalDate day) {
		return repository.teamMeetings(scope, year, day).stream().map(team -> {
			AppliedRule rule = rules.resolve(ResponsibilityFigures.ANALYSIS_PER_YEAR, "ALL", team.unitId(), day).orElse(null);
			boolean behind = rule != null && rules.evaluate(rule, BigDecimal.valueOf(team.meetings())).behind();
			return new TeamRow(team, rule, behind);
		}).toList();
	}
}
