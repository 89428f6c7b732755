package org.banzi.responsibility;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.FieldProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The checks of a responsibility task and of an analysis meeting, the same for the imports and the API: the unit in
 * the caller's scope, the owner a member of that unit's team in the year (一岗双责), dates that make sense.
 */
@Component
class ResponsibilityChecks {

	static final int TEXT_MAX = 300;

	record TaskInput(String unitCode, @Nullable Integer year, String task, String ownerNo, @Nullable LocalDate dueOn,
			@Nullable LocalDate completedOn) {
	}

	record MeetingInput(String unitCode, @Nullable LocalDate date, String topic) {
	}

	private final Units units;
	private final Cadres cadres;
	private final Clock clock;

	ResponsibilityChecks(Units units, Cadres cadres, Clock clock) {
		this.units = units;
		this.cadres = cadres;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.now(clock);
	}

	Checked<ResponsibilityRepository.Task> task(CurrentUser user, TaskInput in) {
		List<FieldProblem> problems = new ArrayList<>();
		Unit unit = unit(user, in.unitCode(), problems);
		Integer year = in.year();
		if (year == null) {
			problems.add(new FieldProblem("year", "responsibility.year.required"));
		}
		else if (year < 1949 || year > today().getYear() + 1) {
			problems.add(new FieldProblem("year", "responsibility.year.invalid", year));
		}
		String task = in.task().strip();
		text(task, "task", problems);
		Cadre owner = null;
		if (in.ownerNo().isBlank()) {
			problems.add(new FieldProblem("owner_cadre_no", "responsibility.owner.required"));
		}
		else {
			owner = cadres.findByNo(in.ownerNo().strip()).orElse(null);
			if (owner == null || unit == null || year == null || !memberIn(owner, unit, year)) {
				// a cadre outside the team is not named: the caller may not see them
				problems.add(new FieldProblem("owner_cadre_no", "responsibility.owner.notMember", in.ownerNo().strip(),
						unit == null ? in.unitCode() : unit.name()));
				owner = null;
			}
		}
		LocalDate due = in.dueOn();
		if (due == null) {
			problems.add(new FieldProblem("due_on", "responsibility.date.required"));
		}
		else if (year != null && due.getYear() != year) {
			problems.add(new FieldProblem("due_on", "responsibility.due.outsideYear", due, year));
		}
		LocalDate completed = in.completedOn();
		if (completed != null && completed.isAfter(today())) {
			problems.add(new FieldProblem("completed_on", "responsibility.date.future"));
		}
		else if (completed != null && year != null && completed.getYear() < year) {
			problems.add(new FieldProblem("completed_on", "responsibility.completed.beforeYear", completed, year));
		}
		if (!problems.isEmpty() || unit == null || owner == null || year == null || due == null) {
			return Checked.refused(problems);
		}
		return Checked.of(new ResponsibilityRepository.Task(0, unit.id(), year, task, owner.id(), due, completed));
	}

	Checked<ResponsibilityRepository.Meeting> meeting(CurrentUser user, MeetingInput in) {
		List<FieldProblem> problems = new ArrayList<>();
		Unit unit = unit(user, in.unitCode(), problems);
		LocalDate date = in.date();
		if (date == null) {
			problems.add(new FieldProblem("date", "responsibility.date.required"));
		}
		else if (date.isAfter(today())) {
			problems.add(new FieldProblem("date", "responsibility.date.future"));
		}
		String topic = in.topic().strip();
		text(topic, "topic", problems);
		if (!problems.isEmpty() || unit == null || date == null) {
			return Checked.refused(problems);
		}
		return Checked.of(new ResponsibilityRepository.Meeting(0, unit.id(), date, topic));
	}

	/** Whether the cadre sat on the unit's team at some time in the year. */
	private boolean memberIn(Cadre cadre, Unit unit, int year) {
		LocalDate first = LocalDate.of(year, 1, 1);
		LocalDate last = LocalDate.of(year, 12, 31);
		return cadres.memberships(cadre.id()).stream()
			.anyMatch(m -> m.unitId() == unit.id() && !m.startDate().isAfter(last) && (m.endDate() == null || !m.endDate().isBefore(first)));
	}

	private static void text(String value, String field, List<FieldProblem> problems) {
		if (value.isEmpty()) {
			problems.add(new FieldProblem(field, "responsibility.text.required"));
		}
		else if (value.length() > TEXT_MAX) {
			problems.add(new FieldProblem(field, "responsibility.text.tooLong", TEXT_MAX));
		}
	}

	@Nullable
	Unit unit(CurrentUser user, String code, List<FieldProblem> problems) {
		Unit unit = units.findInScope(user, code).orElse(null);
		if (unit == null) {
			problems.add(new FieldProblem("unit_code", "unit.notFound", code));
		}
		return unit;
	}
}
