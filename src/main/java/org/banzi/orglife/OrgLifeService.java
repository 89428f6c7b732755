package org.banzi.orglife;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Units;
import org.banzi.platform.Checked;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records organizational life one record at a time, each write audited in its own transaction: meetings with their
 * attendance (and the check-back of the team's open items), talks, rectification items through completed, verified
 * and reopened, decisions and notification meetings.
 */
@Service
class OrgLifeService {

	private final OrgLifeRepository repository;
	private final OrgLifeChecks checks;
	private final Units units;
	private final Cadres cadres;
	private final AuditTrail audit;
	private final JdbcClient jdbc;

	OrgLifeService(OrgLifeRepository repository, OrgLifeChecks checks, Units units, Cadres cadres, AuditTrail audit,
			JdbcClient jdbc) {
		this.repository = repository;
		this.checks = checks;
		this.units = units;
		this.cadres = cadres;
		this.audit = audit;
		this.jdbc = jdbc;
	}

	@Transactional
	Checked<Long> recordMeeting(CurrentUser user, OrgLifeChecks.MeetingInput input) {
		Checked<OrgLifeChecks.MeetingRecord> checked = checks.meeting(user, input);
		if (!checked.ok()) {
			return new Checked<>(null, checked.problems());
		}
		LifeMeeting meeting = checked.value().meeting();
		if (repository.findMeetings(meeting.unitId()).containsKey(meeting.kind() + "|" + meeting.date())) {
			return new Checked<>(null, List.of(new FieldProblem("date", "orglife.meeting.exists")));
		}
		long id = repository.insertMeeting(meeting, user.username());
		repository.replaceAttendance(id, checked.value().attendees());
		refreshReviews(List.of(meeting.unitId()));
		audit.record(AuditEntry.success("create", "life-meeting", id, meeting.unitId(), AuditEntry.changes(Map.of(), snapshot(meeting,
				checked.value().attendees()))));
		return new Checked<>(id, List.of());
	}

	static Map<String, Object> snapshot(LifeMeeting m, List<LifeMeeting.Attendee> attendees) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("kind", m.kind().name());
		values.put("date", m.date().toString());
		values.put("topic", m.topic());
		values.put("topicReportedOn", String.valueOf(m.topicReportedOn()));
		values.put("opinionsSolicited", m.opinionsSolicited());
		values.put("reportSubmittedOn", String.valueOf(m.reportSubmittedOn()));
		values.put("present", LifeMeeting.present(attendees));
		values.put("absent", attendees.size() - LifeMeeting.present(attendees));
		return values;
	}

	/**
	 * The check-back (回头看): at each life meeting of these units, the items of the same unit found before the meeting
	 * and not completed by its day are recorded as checked again, with whether they were overdue then. Items whose
	 * dates were corrected since leave the meetings they no longer belong to.
	 */
	void refreshReviews(Collection<Long> unitIds) {
		if (unitIds.isEmpty()) {
			return;
		}
		String open = """
				FROM life_meeting m JOIN rectification_item i ON i.unit_id = m.unit_id
				 WHERE m.unit_id IN (:units) AND i.found_on < m.meeting_date
				   AND (i.completed_on IS NULL OR i.completed_on > m.meeting_date)""";
		jdbc.sql("DELETE FROM rectification_review r USING life_meeting m WHERE m.id = r.meeting_id AND m.unit_id IN (:units)"
				+ " AND NOT EXISTS (SELECT 1 " + open + " AND m.id = r.meeting_id AND i.id = r.item_id)")
			.param("units", unitIds).update();
		jdbc.sql("INSERT INTO rectification_review (meeting_id, item_id, overdue) SELECT m.id, i.id, i.deadline < m.meeting_date "
				+ open + " ON CONFLICT (meeting_id, item_id) DO UPDATE SET overdue = EXCLUDED.overdue")
			.param("units", unitIds).update();
	}

	@Transactional
	void attachMinutes(CurrentUser user, long meetingId, OrgLifeRepository.File file) {
		LifeMeeting meeting = visibleMeeting(user, meetingId);
		repository.attachMinutes(meetingId, file);
		audit.record(AuditEntry.success("attach", "life-meeting", meetingId, meeting.unitId(),
				Map.of("minutes", file.filename(), "size", file.data().length)));
	}

	LifeMeeting visibleMeeting(CurrentUser user, long id) {
		return repository.findMeeting(id).filter(m -> units.inScope(user, m.unitId()))
			.orElseThrow(() -> new NotFoundException("orglife.meeting.notFound", id));
	}

	@Transactional
	Checked<Long> recordTalk(CurrentUser user, OrgLifeChecks.TalkInput input) {
		Checked<OrgLifeChecks.TalkRecord> checked = checks.talk(user, input);
		if (!checked.ok()) {
			return new Checked<>(null, checked.problems());
		}
		OrgLifeChecks.TalkRecord talk = checked.value();
		if (repository.findTalks(List.of(talk.unitId()))
			.containsKey(OrgLifeRepository.talkKey(talk.unitId(), talk.date(), talk.fromCadreId(), talk.toCadreId()))) {
			return new Checked<>(null, List.of(new FieldProblem("date", "orglife.talk.exists")));
		}
		long id = repository.insertTalk(talk.unitId(), talk.date(), talk.fromCadreId(), talk.toCadreId(), talk.topic(),
				user.username());
		audit.record(AuditEntry.success("create", "heart-talk", id, talk.unitId(), AuditEntry.changes(Map.of(),
				Map.of("date", talk.date().toString(), "from", talk.fromCadreId(), "to", talk.toCadreId()))));
		return new Checked<>(id, List.of());
	}

	@Transactional
	Checked<Long> recordItem(CurrentUser user, OrgLifeChecks.ItemInput input) {
		Checked<RectificationItem> checked = checks.item(user, input);
		if (!checked.ok()) {
			return new Checked<>(null, checked.problems());
		}
		RectificationItem item = checked.value();
		if (!repository.findItemsByCodes(List.of(item.code())).isEmpty()) {
			return new Checked<>(null, List.of(new FieldProblem("code", "orglife.item.codeTaken", item.code())));
		}
		long id = repository.insertItem(item, user.username());
		repository.history(id, "CREATED", item.foundOn(), user.username(), item.problem());
		refreshReviews(List.of(item.unitId()));
		audit.record(AuditEntry.success("create", "rectification-item", id, item.unitId(),
				AuditEntry.changes(Map.of(), snapshot(item))));
		return new Checked<>(id, List.of());
	}

	static Map<String, Object> snapshot(RectificationItem i) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("code", i.code());
		values.put("source", i.source().name());
		values.put("foundOn", i.foundOn().toString());
		values.put("problem", i.problem());
		values.put("measures", i.measures());
		values.put("owner", i.ownerCadreId());
		values.put("deadline", i.deadline().toString());
		values.put("completedOn", String.valueOf(i.completedOn()));
		values.put("verifiedOn", String.valueOf(i.verifiedOn()));
		return values;
	}

	/**
	 * The item if the user may see it: staff who read the organization see the items of their scope; a cadre sees only
	 * the items they own. Anything else is answered as an item that does not exist.
	 */
	RectificationItem visibleItem(CurrentUser user, long id) {
		boolean staff = user.hasAny(Role.COUNTY_ADMIN, Role.UNIT_ADMIN, Role.LEADER, Role.INSPECTOR, Role.TRAINING_ADMIN);
		return repository.findItem(id).filter(i -> staff ? units.inScope(user, i.unitId()) : owns(user, i))
			.orElseThrow(() -> new NotFoundException("orglife.item.notFound", id));
	}

	/** Whether the user administers the item's unit (county or unit administrator with the unit in scope). */
	boolean manages(CurrentUser user, RectificationItem item) {
		return user.hasAny(Role.COUNTY_ADMIN, Role.UNIT_ADMIN) && units.inScope(user, item.unitId());
	}

	/** Whether the signed-in cadre owns the item (a cadre's username is their cadre number). */
	boolean owns(CurrentUser user, RectificationItem item) {
		return cadres.findById(item.ownerCadreId()).map(Cadre::cadreNo).filter(user.username()::equals).isPresent();
	}

	/** The owner (or an administrator in scope) marks the item completed on a day, with a note and evidence files. */
	@Transactional
	void complete(CurrentUser user, long id, LocalDate on, String note, List<OrgLifeRepository.File> files) {
		RectificationItem item = visibleItem(user, id);
		if (!owns(user, item) && !manages(user, item)) {
			throw new AccessDeniedException("orglife.item.notYours");
		}
		if (item.completedOn() != null) {
			throw new BusinessRuleException("orglife.item.alreadyCompleted");
		}
		if (on.isAfter(checks.today()) || on.isBefore(item.foundOn())) {
			throw new BusinessRuleException("orglife.completed.range", item.foundOn());
		}
		if (note.isBlank() && files.isEmpty()) {
			throw new BusinessRuleException("orglife.evidence.required");
		}
		RectificationItem completed = new RectificationItem(item.id(), item.code(), item.unitId(), item.source(), item.sourceRef(),
				item.foundOn(), item.problem(), item.measures(), item.ownerCadreId(), item.deadline(), on, note.strip(), null, null);
		repository.updateItem(completed);
		files.forEach(file -> repository.insertEvidence(id, file, user.username()));
		repository.history(id, "COMPLETED", on, user.username(), note.strip());
		refreshReviews(List.of(item.unitId()));
		audit.record(AuditEntry.success("complete", "rectification-item", id, item.unitId(),
				AuditEntry.changes(snapshot(item), snapshot(completed))));
	}

	/** A unit administrator, never the owner, confirms the completion. */
	@Transactional
	void verify(CurrentUser user, long id, LocalDate on) {
		RectificationItem item = visibleItem(user, id);
		if (owns(user, item)) {
			throw new BusinessRuleException("orglife.verify.notOwner");
		}
		if (item.completedOn() == null || item.verifiedOn() != null) {
			throw new BusinessRuleException("orglife.verify.notCompleted");
		}
		if (on.isBefore(item.completedOn()) || on.isAfter(checks.today())) {
			throw new BusinessRuleException("orglife.verified.beforeCompleted");
		}
		RectificationItem verified = new RectificationItem(item.id(), item.code(), item.unitId(), item.source(), item.sourceRef(),
				item.foundOn(), item.problem(), item.measures(), item.ownerCadreId(), item.deadline(), item.completedOn(),
				item.completionNote(), on, user.username());
		repository.updateItem(verified);
		repository.history(id, "VERIFIED", on, user.username(), "");
		audit.record(AuditEntry.success("verify", "rectification-item", id, item.unitId(),
				AuditEntry.changes(snapshot(item), snapshot(verified))));
	}

	/** Opens a completed item again, with the reason; its history keeps the earlier completion. */
	@Transactional
	void reopen(CurrentUser user, long id, String reason) {
		RectificationItem item = visibleItem(user, id);
		if (item.completedOn() == null) {
			throw new BusinessRuleException("orglife.reopen.notCompleted");
		}
		if (reason.isBlank()) {
			throw new BusinessRuleException("orglife.reopen.reason");
		}
		RectificationItem reopened = new RectificationItem(item.id(), item.code(), item.unitId(), item.source(), item.sourceRef(),
				item.foundOn(), item.problem(), item.measures(), item.ownerCadreId(), item.deadline(), null, "", null, null);
		repository.updateItem(reopened);
		repository.history(id, "REOPENED", checks.today(), user.username(), reason.strip());
		refreshReviews(List.of(item.unitId()));
		audit.record(AuditEntry.success("reopen", "rectification-item", id, item.unitId(),
				AuditEntry.changes(snapshot(item), snapshot(reopened))));
	}

	@Transactional
	Checked<Long> recordDecision(CurrentUser user, OrgLifeChecks.DecisionInput input) {
		Checked<CollectiveDecision> checked = checks.decision(user, input);
		if (!checked.ok()) {
			return new Checked<>(null, checked.problems());
		}
		CollectiveDecision d = checked.value();
		if (repository.findDecisions(List.of(d.unitId())).containsKey(OrgLifeRepository.decisionKey(d.unitId(), d.date(), d.matter()))) {
			return new Checked<>(null, List.of(new FieldProblem("matter", "orglife.decision.exists")));
		}
		long id = repository.insertDecision(d, user.username());
		audit.record(AuditEntry.success("create", "collective-decision", id, d.unitId(), AuditEntry.changes(Map.of(), snapshot(d))));
		return new Checked<>(id, List.of());
	}

	static Map<String, Object> snapshot(CollectiveDecision d) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("meeting", d.meeting().name());
		values.put("date", d.date().toString());
		values.put("category", d.category().name());
		values.put("matter", d.matter());
		values.put("expected", d.expected());
		values.put("present", d.present());
		values.put("votesFor", d.votesFor());
		values.put("votesAgainst", d.votesAgainst());
		values.put("abstentions", d.abstentions());
		values.put("amount", d.amount() == null ? "" : d.amount().toPlainString());
		values.put("cadres", d.cadreIds());
		return values;
	}

	@Transactional
	Checked<Long> recordNotification(CurrentUser user, OrgLifeChecks.NotificationInput input) {
		Checked<OrgLifeRepository.Notification> checked = checks.notification(user, input);
		if (!checked.ok()) {
			return new Checked<>(null, checked.problems());
		}
		OrgLifeRepository.Notification n = checked.value();
		if (repository.findNotifications(List.of(n.unitId())).containsKey(n.unitId() + "|" + n.date())) {
			return new Checked<>(null, List.of(new FieldProblem("date", "orglife.notification.exists")));
		}
		long id = repository.insertNotification(n, user.username());
		audit.record(AuditEntry.success("create", "notification-meeting", id, n.unitId(), AuditEntry.changes(Map.of(), snapshot(n))));
		return new Checked<>(id, List.of());
	}

	static Map<String, Object> snapshot(OrgLifeRepository.Notification n) {
		return Map.of("date", n.date().toString(), "audiences", OrgLifeRepository.audiences(n.audiences()), "attendance",
				n.attendance(), "opinions", n.opinions());
	}
}
