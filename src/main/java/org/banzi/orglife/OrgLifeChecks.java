package org.banzi.orglife;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Checked;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.tabular.Labelled;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The checks every organizational-life record passes, whether typed into a form or imported: the unit in the caller's
 * scope, nothing dated in the future, dates in their order, attendees on the team that day, counts that add up.
 * Each check returns every problem it finds, by field; the same field names are the import's columns.
 */
@Component
class OrgLifeChecks {

	private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final Units units;
	private final Cadres cadres;
	private final Clock clock;

	OrgLifeChecks(Units units, Cadres cadres, Clock clock) {
		this.units = units;
		this.cadres = cadres;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.now(clock);
	}

	/** A member's points at a meeting: criticism of others, self-criticism, optional text. */
	record Points(int criticism, int selfCriticism, String text) {
		static final Points NONE = new Points(0, 0, "");
	}

	record MeetingInput(String unitCode, String kind, @Nullable LocalDate date, String topic, @Nullable LocalDate topicReportedOn,
			@Nullable Integer opinionsSolicited, @Nullable LocalDate reportSubmittedOn, List<String> present,
			Map<String, String> absent, Map<String, Points> points) {
	}

	record MeetingRecord(LifeMeeting meeting, List<LifeMeeting.Attendee> attendees) {
	}

	Checked<MeetingRecord> meeting(CurrentUser user, MeetingInput in) {
		List<FieldProblem> problems = new ArrayList<>();
		Unit unit = unit(user, in.unitCode(), problems);
		MeetingKind kind = parse(MeetingKind.class, in.kind(), "kind", problems);
		past(in.date(), "date", true, problems);
		if (in.topic().isBlank()) {
			problems.add(new FieldProblem("topic", "orglife.topic.required"));
		}
		past(in.topicReportedOn(), "topic_reported_on", false, problems);
		past(in.reportSubmittedOn(), "report_submitted_on", false, problems);
		if (in.date() != null && in.topicReportedOn() != null && in.topicReportedOn().isAfter(in.date())) {
			problems.add(new FieldProblem("topic_reported_on", "orglife.topicReported.afterMeeting"));
		}
		if (in.date() != null && in.reportSubmittedOn() != null && in.reportSubmittedOn().isBefore(in.date())) {
			problems.add(new FieldProblem("report_submitted_on", "orglife.report.beforeMeeting"));
		}
		int opinions = in.opinionsSolicited() == null ? 0 : in.opinionsSolicited();
		if (opinions < 0) {
			problems.add(new FieldProblem("opinions_solicited", "orglife.count.negative"));
		}
		for (Points points : in.points().values()) {
			if (points.criticism() < 0 || points.selfCriticism() < 0) {
				problems.add(new FieldProblem("points", "orglife.count.negative"));
				break;
			}
		}
		if (unit == null || in.date() == null || kind == null) {
			return new Checked<>(null, problems);
		}
		List<LifeMeeting.Attendee> attendees = attendees(unit, in.date(), in.present(), in.absent(), in.points(), problems);
		LifeMeeting meeting = new LifeMeeting(0, unit.id(), kind, in.date(), in.topic().strip(), in.topicReportedOn(), opinions,
				in.reportSubmittedOn(), null, user.username());
		return new Checked<>(new MeetingRecord(meeting, attendees), problems);
	}

	private List<LifeMeeting.Attendee> attendees(Unit unit, LocalDate date, List<String> present, Map<String, String> absent,
			Map<String, Points> points, List<FieldProblem> problems) {
		Set<Long> members = teamOn(unit, date);
		Set<String> everyone = new LinkedHashSet<>(present);
		for (String number : absent.keySet()) {
			if (!everyone.add(number)) {
				problems.add(new FieldProblem("absent", "orglife.attendee.twice", number));
			}
		}
		Map<String, Cadre> byNumber = cadres.findByNos(everyone);
		List<LifeMeeting.Attendee> attendees = new ArrayList<>();
		for (String number : everyone) {
			Cadre cadre = byNumber.get(number);
			if (cadre == null || !members.contains(cadre.id())) {
				problems.add(new FieldProblem(present.contains(number) ? "attendees" : "absent", "orglife.attendee.notMember",
						number, date));
				continue;
			}
			Points p = points.getOrDefault(number, Points.NONE);
			boolean here = present.contains(number);
			attendees.add(new LifeMeeting.Attendee(cadre.id(), here, here ? "" : absent.get(number).strip(), p.criticism(),
					p.selfCriticism(), p.text().strip()));
		}
		return attendees;
	}

	record TalkInput(String unitCode, @Nullable LocalDate date, String fromCadreNo, String toCadreNo, String topic) {
	}

	record TalkRecord(long unitId, LocalDate date, long fromCadreId, long toCadreId, String topic) {
	}

	Checked<TalkRecord> talk(CurrentUser user, TalkInput in) {
		List<FieldProblem> problems = new ArrayList<>();
		Unit unit = unit(user, in.unitCode(), problems);
		past(in.date(), "date", true, problems);
		if (in.fromCadreNo().strip().equals(in.toCadreNo().strip())) {
			problems.add(new FieldProblem("to_cadre_no", "orglife.talk.sameCadre"));
		}
		if (unit == null || in.date() == null || !problems.isEmpty()) {
			return new Checked<>(null, problems);
		}
		Set<Long> members = teamOn(unit, in.date());
		Map<String, Cadre> byNumber = cadres.findByNos(List.of(in.fromCadreNo().strip(), in.toCadreNo().strip()));
		long[] ids = new long[2];
		String[] columns = { "from_cadre_no", "to_cadre_no" };
		String[] numbers = { in.fromCadreNo().strip(), in.toCadreNo().strip() };
		for (int i = 0; i < 2; i++) {
			Cadre cadre = byNumber.get(numbers[i]);
			if (cadre == null || !members.contains(cadre.id())) {
				problems.add(new FieldProblem(columns[i], "orglife.attendee.notMember", numbers[i], in.date()));
			}
			else {
				ids[i] = cadre.id();
			}
		}
		return new Checked<>(new TalkRecord(unit.id(), in.date(), ids[0], ids[1], in.topic().strip()), problems);
	}

	record ItemInput(String code, String unitCode, String source, String sourceRef, @Nullable LocalDate foundOn, String problem,
			String measures, String ownerCadreNo, @Nullable LocalDate deadline, @Nullable LocalDate completedOn,
			@Nullable LocalDate verifiedOn) {
	}

	Checked<RectificationItem> item(CurrentUser user, ItemInput in) {
		List<FieldProblem> problems = new ArrayList<>();
		if (!CODE.matcher(in.code().strip()).matches()) {
			problems.add(new FieldProblem("code", "orglife.code.invalid", in.code()));
		}
		Unit unit = unit(user, in.unitCode(), problems);
		RectificationSource source = parse(RectificationSource.class, in.source(), "source", problems);
		past(in.foundOn(), "found_on", true, problems);
		if (in.problem().isBlank()) {
			problems.add(new FieldProblem("problem", "orglife.problem.required"));
		}
		Cadre owner = cadreInScope(user, in.ownerCadreNo(), "owner_cadre_no", problems);
		if (in.deadline() == null) {
			problems.add(new FieldProblem("deadline", "orglife.date.required"));
		}
		else if (in.foundOn() != null && in.deadline().isBefore(in.foundOn())) {
			problems.add(new FieldProblem("deadline", "orglife.deadline.beforeFound"));
		}
		past(in.completedOn(), "completed_on", false, problems);
		past(in.verifiedOn(), "verified_on", false, problems);
		if (in.completedOn() != null && in.foundOn() != null && in.completedOn().isBefore(in.foundOn())) {
			problems.add(new FieldProblem("completed_on", "orglife.completed.beforeFound"));
		}
		if (in.verifiedOn() != null && in.completedOn() == null) {
			problems.add(new FieldProblem("verified_on", "orglife.verified.notCompleted"));
		}
		else if (in.verifiedOn() != null && in.verifiedOn().isBefore(in.completedOn())) {
			problems.add(new FieldProblem("verified_on", "orglife.verified.beforeCompleted"));
		}
		if (!problems.isEmpty() || unit == null || source == null || owner == null) {
			return new Checked<>(null, problems);
		}
		return new Checked<>(new RectificationItem(0, in.code().strip(), unit.id(), source, in.sourceRef().strip(), in.foundOn(),
				in.problem().strip(), in.measures().strip(), owner.id(), in.deadline(), in.completedOn(), "", in.verifiedOn(),
				in.verifiedOn() == null ? null : user.username()), problems);
	}

	record DecisionInput(String unitCode, String meeting, @Nullable LocalDate date, String category, String matter,
			@Nullable Integer expected, @Nullable Integer present, @Nullable Integer votesFor, @Nullable Integer votesAgainst,
			@Nullable Integer abstentions, @Nullable BigDecimal amount, List<String> cadreNos, String dissent) {
	}

	Checked<CollectiveDecision> decision(CurrentUser user, DecisionInput in) {
		List<FieldProblem> problems = new ArrayList<>();
		Unit unit = unit(user, in.unitCode(), problems);
		DecisionMeeting meeting = parse(DecisionMeeting.class, in.meeting(), "meeting", problems);
		DecisionCategory category = parse(DecisionCategory.class, in.category(), "category", problems);
		past(in.date(), "date", true, problems);
		if (in.matter().isBlank()) {
			problems.add(new FieldProblem("matter", "orglife.matter.required"));
		}
		int expected = count(in.expected(), "expected", true, problems);
		int present = count(in.present(), "present", true, problems);
		int votesFor = count(in.votesFor(), "votes_for", true, problems);
		int against = count(in.votesAgainst(), "votes_against", false, problems);
		int abstentions = count(in.abstentions(), "abstentions", false, problems);
		if (in.expected() != null && expected == 0) {
			problems.add(new FieldProblem("expected", "orglife.expected.positive"));
		}
		if (present > expected) {
			problems.add(new FieldProblem("present", "orglife.present.moreThanExpected", present, expected));
		}
		if (votesFor + against + abstentions > present) {
			problems.add(new FieldProblem("votes_for", "orglife.votes.moreThanPresent", votesFor + against + abstentions, present));
		}
		if (in.amount() != null && in.amount().signum() < 0) {
			problems.add(new FieldProblem("amount", "orglife.count.negative"));
		}
		List<Long> cadreIds = new ArrayList<>();
		for (String number : in.cadreNos()) {
			Cadre cadre = cadreInScope(user, number, "cadre_nos", problems);
			if (cadre != null && !cadreIds.contains(cadre.id())) {
				cadreIds.add(cadre.id());
			}
		}
		if (category == DecisionCategory.APPOINTMENT && in.cadreNos().isEmpty()) {
			problems.add(new FieldProblem("cadre_nos", "orglife.appointment.cadresRequired"));
		}
		if (!problems.isEmpty() || unit == null || meeting == null || category == null) {
			return new Checked<>(null, problems);
		}
		return new Checked<>(new CollectiveDecision(0, unit.id(), meeting, in.date(), category, in.matter().strip(), expected,
				present, votesFor, against, abstentions, in.dissent().strip(), in.amount(), cadreIds), problems);
	}

	record NotificationInput(String unitCode, @Nullable LocalDate date, List<String> audiences, @Nullable Integer attendance,
			String opinions) {
	}

	Checked<OrgLifeRepository.Notification> notification(CurrentUser user, NotificationInput in) {
		List<FieldProblem> problems = new ArrayList<>();
		Unit unit = unit(user, in.unitCode(), problems);
		past(in.date(), "date", true, problems);
		List<Audience> audiences = new ArrayList<>();
		for (String text : in.audiences()) {
			Audience audience = parse(Audience.class, text, "audience", problems);
			if (audience != null && !audiences.contains(audience)) {
				audiences.add(audience);
			}
		}
		if (in.audiences().isEmpty()) {
			problems.add(new FieldProblem("audience", "orglife.audience.required"));
		}
		int attendance = count(in.attendance(), "attendance", true, problems);
		if (!problems.isEmpty() || unit == null) {
			return new Checked<>(null, problems);
		}
		return new Checked<>(new OrgLifeRepository.Notification(0, unit.id(), in.date(), audiences, attendance, in.opinions().strip()),
				problems);
	}

	// shared pieces

	Set<Long> teamOn(Unit unit, LocalDate date) {
		Set<Long> members = new HashSet<>();
		for (Membership member : cadres.teamOn(unit.id(), date)) {
			members.add(member.cadreId());
		}
		return members;
	}

	/** The unit if it is in the caller's scope; otherwise the same problem as for a unit that does not exist. */
	@Nullable
	Unit unit(CurrentUser user, String code, List<FieldProblem> problems) {
		Unit unit = units.findInScope(user, code).orElse(null);
		if (unit == null) {
			problems.add(new FieldProblem("unit_code", "unit.notFound", code));
		}
		return unit;
	}

	/** A cadre whose home unit is in the caller's scope; one outside it is reported as unknown. */
	@Nullable
	Cadre cadreInScope(CurrentUser user, String number, String field, List<FieldProblem> problems) {
		Scope scope = units.scopeOf(user);
		Cadre cadre = cadres.findByNo(number.strip())
			.filter(c -> units.findById(c.homeUnitId()).map(scope::contains).orElse(false))
			.orElse(null);
		if (cadre == null) {
			problems.add(new FieldProblem(field, "orglife.cadre.unknown", number));
		}
		return cadre;
	}

	private void past(@Nullable LocalDate date, String field, boolean required, List<FieldProblem> problems) {
		if (date == null) {
			if (required) {
				problems.add(new FieldProblem(field, "orglife.date.required"));
			}
		}
		else if (date.isAfter(today())) {
			problems.add(new FieldProblem(field, "orglife.date.future"));
		}
	}

	private static int count(@Nullable Integer value, String field, boolean required, List<FieldProblem> problems) {
		if (value == null) {
			if (required) {
				problems.add(new FieldProblem(field, "orglife.count.required"));
			}
			return 0;
		}
		if (value < 0) {
			problems.add(new FieldProblem(field, "orglife.count.negative"));
			return 0;
		}
		return value;
	}

	static <E extends Enum<E> & Labelled> @Nullable E parse(Class<E> type, String text, String field, List<FieldProblem> problems) {
		E value = Labelled.parse(type, text).orElse(null);
		if (value == null) {
			problems.add(new FieldProblem(field, "orglife.value.unknown", text));
		}
		return value;
	}
}
