package org.banzi.study;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records study: sessions by the organizer (hours credited to each attendee from the session itself), self-study
 * and notes by the cadre. Hours are positive and at most a day's worth for one cadre, sessions and self-study
 * together; nothing is dated in the future.
 */
@Service
class StudyService {

	static final BigDecimal DAY = BigDecimal.valueOf(24);

	private final StudyRepository study;
	private final Cadres cadres;
	private final Units units;
	private final AuditTrail audit;
	private final Clock clock;

	StudyService(StudyRepository study, Cadres cadres, Units units, AuditTrail audit, Clock clock) {
		this.study = study;
		this.cadres = cadres;
		this.units = units;
		this.audit = audit;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.now(clock);
	}

	record NewSession(String unitCode, @Nullable LocalDate date, String topic, String centralContent, String speaker,
			@Nullable BigDecimal hours, List<String> present, Map<String, String> absent) {
	}

	/** Checks a session; returns every problem, each with its field. */
	List<FieldProblem> checkSession(CurrentUser user, NewSession session) {
		List<FieldProblem> problems = new ArrayList<>();
		Unit unit = units.findByCode(session.unitCode().strip()).filter(u -> units.inScope(user, u.id())).orElse(null);
		if (unit == null) {
			problems.add(new FieldProblem("unitCode", "unit.notFound", session.unitCode()));
		}
		checkDate(session.date(), "date", problems);
		if (session.topic().isBlank()) {
			problems.add(new FieldProblem("topic", "study.topic.required"));
		}
		checkHours(session.hours(), "hours", problems);
		if (unit == null || session.date() == null || !problems.isEmpty()) {
			return problems;
		}
		if (study.findSession(unit.id(), session.date(), session.topic().strip()).isPresent()) {
			problems.add(new FieldProblem("topic", "study.session.exists"));
		}
		Set<Long> members = new HashSet<>();
		for (Membership member : cadres.teamOn(unit.id(), session.date())) {
			members.add(member.cadreId());
		}
		List<String> everyone = new ArrayList<>(session.present());
		everyone.addAll(session.absent().keySet());
		Map<String, Cadre> byNumber = cadres.findByNos(everyone);
		for (String number : everyone) {
			Cadre cadre = byNumber.get(number);
			if (cadre == null || !members.contains(cadre.id())) {
				problems.add(new FieldProblem("attendees", "study.attendee.notMember", number, session.date()));
			}
		}
		for (String number : session.present()) {
			Cadre cadre = byNumber.get(number);
			if (cadre != null && study.hoursOn(cadre.id(), session.date(), 0).add(session.hours()).compareTo(DAY) > 0) {
				problems.add(new FieldProblem("hours", "study.hours.dayExceeded", number, session.date()));
			}
		}
		return problems;
	}

	@Transactional
	long recordSession(CurrentUser user, NewSession session) {
		// the attendees' hours of the day are checked with their own entries held still, in one order (no deadlock)
		cadres.findByNos(session.present()).values().stream().map(Cadre::id).sorted().forEach(study::lockStudyOf);
		List<FieldProblem> problems = checkSession(user, session);
		if (!problems.isEmpty()) {
			FieldProblem first = problems.get(0);
			throw new BusinessRuleException(first.messageKey(), first.arguments());
		}
		Unit unit = units.getInScope(user, session.unitCode().strip());
		long id = study.insertSession(unit.id(), session.date(), session.topic().strip(), session.centralContent().strip(),
				session.speaker().strip(), session.hours(), user.username());
		List<String> everyone = new ArrayList<>(session.present());
		everyone.addAll(session.absent().keySet());
		Map<String, Cadre> byNumber = cadres.findByNos(everyone);
		session.present().forEach(number -> study.insertAttendance(id, byNumber.get(number).id(), true, ""));
		session.absent().forEach((number, reason) -> study.insertAttendance(id, byNumber.get(number).id(), false, reason.strip()));
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("unit", unit.code());
		after.put("date", session.date().toString());
		after.put("topic", session.topic().strip());
		after.put("hours", session.hours().toPlainString());
		after.put("present", session.present());
		after.put("absent", session.absent().keySet());
		audit.record(AuditEntry.success("create", "group-session", id, unit.id(), AuditEntry.changes(Map.of(), after)));
		return id;
	}

	/** Self-study as the cadre declares it. */
	List<FieldProblem> checkSelfStudy(long cadreId, @Nullable LocalDate date, @Nullable BigDecimal hours, String material,
			BigDecimal alreadyThatDay) {
		List<FieldProblem> problems = new ArrayList<>();
		checkDate(date, "date", problems);
		checkHours(hours, "hours", problems);
		if (material.isBlank()) {
			problems.add(new FieldProblem("material", "study.material.required"));
		}
		if (problems.isEmpty() && alreadyThatDay.add(hours).compareTo(DAY) > 0) {
			problems.add(new FieldProblem("hours", "study.hours.dayExceededOwn", date, DAY.subtract(alreadyThatDay).max(BigDecimal.ZERO)));
		}
		return problems;
	}

	@Transactional
	List<FieldProblem> logSelfStudy(Cadre cadre, @Nullable LocalDate date, @Nullable BigDecimal hours, String material) {
		study.lockStudyOf(cadre.id());
		BigDecimal already = date == null ? BigDecimal.ZERO : study.hoursOn(cadre.id(), date, 0);
		List<FieldProblem> problems = checkSelfStudy(cadre.id(), date, hours, material, already);
		if (!problems.isEmpty()) {
			return problems;
		}
		Optional<Long> written = study.insertSelfStudy(cadre.id(), date, hours, material.strip());
		if (written.isEmpty()) {
			// the same entry, written before or meanwhile by an import or another session
			problems.add(new FieldProblem("material", "study.selfStudy.exists"));
			return problems;
		}
		long id = written.get();
		audit.record(AuditEntry.success("create", "self-study", id, cadre.homeUnitId(), AuditEntry.changes(Map.of(),
				Map.of("date", date.toString(), "hours", hours.toPlainString(), "material", material.strip()))));
		return problems;
	}

	List<FieldProblem> checkNote(@Nullable LocalDate date, String title, String content) {
		List<FieldProblem> problems = new ArrayList<>();
		checkDate(date, "date", problems);
		if (title.isBlank()) {
			problems.add(new FieldProblem("title", "study.note.titleRequired"));
		}
		if (content.isBlank() || CharacterCount.of(content) == 0) {
			problems.add(new FieldProblem("content", "study.note.empty"));
		}
		return problems;
	}

	@Transactional
	List<FieldProblem> writeNote(Cadre cadre, @Nullable LocalDate date, String title, String content) {
		study.lockStudyOf(cadre.id());
		List<FieldProblem> problems = checkNote(date, title, content);
		if (!problems.isEmpty()) {
			return problems;
		}
		int characters = CharacterCount.of(content);
		Optional<Long> written = study.insertNote(cadre.id(), date, title.strip(), content, characters);
		if (written.isEmpty()) {
			problems.add(new FieldProblem("title", "study.note.exists"));
			return problems;
		}
		long id = written.get();
		audit.record(AuditEntry.success("create", "study-note", id, cadre.homeUnitId(), AuditEntry.changes(Map.of(),
				Map.of("date", date.toString(), "title", title.strip(), "characters", characters))));
		return problems;
	}

	/** A unit administrator's spot check of a self-study entry in their scope. */
	@Transactional
	void spotCheck(CurrentUser user, long entryId, String status) {
		if (!status.equals("CHECKED") && !status.equals("QUESTIONED")) {
			throw new BusinessRuleException("study.check.invalid");
		}
		StudyRepository.SelfStudy entry = study.findSelfStudy(entryId)
			.orElseThrow(() -> new NotFoundException("study.selfStudy.notFound", entryId));
		Cadre cadre = cadres.findById(entry.cadreId()).orElseThrow();
		if (!units.inScope(user, cadre.homeUnitId())) {
			throw new NotFoundException("study.selfStudy.notFound", entryId);
		}
		study.check(entryId, status, CurrentUsers.actorName());
		audit.record(AuditEntry.success("spot-check", "self-study", entryId, cadre.homeUnitId(),
				AuditEntry.changes(Map.of("status", entry.checkStatus()), Map.of("status", status))));
	}

	@Transactional
	void addPlanItem(CurrentUser user, String unitCode, int year, int month, String topic, String content, String speaker) {
		Unit unit = units.getInScope(user, unitCode);
		if (month < 1 || month > 12) {
			throw new BusinessRuleException("study.plan.month");
		}
		if (topic.isBlank()) {
			throw new BusinessRuleException("study.topic.required");
		}
		long id = study.insertPlanItem(unit.id(), year, month, topic.strip(), content.strip(), speaker.strip());
		audit.record(AuditEntry.success("create", "study-plan-item", id, unit.id(), AuditEntry.changes(Map.of(),
				Map.of("year", year, "month", month, "topic", topic.strip()))));
	}

	@Transactional
	void removePlanItem(CurrentUser user, String unitCode, long id) {
		Unit unit = units.getInScope(user, unitCode);
		if (study.deletePlanItem(unit.id(), id) == 1) {
			audit.record(AuditEntry.success("delete", "study-plan-item", id, unit.id(), Map.of()));
		}
	}

	@Transactional
	void attach(CurrentUser user, long sessionId, String filename, String contentType, byte[] data) {
		StudyRepository.Session session = study.findSession(sessionId).orElseThrow(() -> new NotFoundException("study.session.notFound", sessionId));
		if (!units.inScope(user, session.unitId())) {
			throw new NotFoundException("study.session.notFound", sessionId);
		}
		long id = study.insertMaterial(sessionId, filename, contentType, data);
		audit.record(AuditEntry.success("attach", "group-session", sessionId, session.unitId(),
				Map.of("material", id, "file", filename, "size", data.length)));
	}

	private void checkDate(@Nullable LocalDate date, String field, List<FieldProblem> problems) {
		if (date == null) {
			problems.add(new FieldProblem(field, "study.date.required"));
		}
		else if (date.isAfter(today())) {
			problems.add(new FieldProblem(field, "study.date.future"));
		}
	}

	private static void checkHours(@Nullable BigDecimal hours, String field, List<FieldProblem> problems) {
		if (hours == null) {
			problems.add(new FieldProblem(field, "study.hours.required"));
		}
		else if (hours.signum() <= 0 || hours.compareTo(DAY) > 0) {
			problems.add(new FieldProblem(field, "study.hours.range"));
		}
	}
}
