package org.banzi.orglife;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.banzi.organization.Scope;
import org.banzi.platform.db.Slices;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The module's own tables: meetings with attendance, talks, rectification items, decisions, notification meetings. */
@Repository
class OrgLifeRepository {

	private static final String MEETING = """
			SELECT id, unit_id, kind, meeting_date, topic, topic_reported_on, opinions_solicited, report_submitted_on,
			       minutes_filename, created_by FROM life_meeting""";
	private static final String ITEM = """
			SELECT id, code, unit_id, source, source_ref, found_on, problem, measures, owner_cadre_id, deadline,
			       completed_on, completion_note, verified_on, verified_by FROM rectification_item""";
	private static final String DECISION = """
			SELECT d.id, d.unit_id, d.meeting, d.decision_date, d.category, d.matter, d.expected, d.present, d.votes_for,
			       d.votes_against, d.abstentions, d.dissent, d.amount,
			       ARRAY(SELECT cadre_id FROM decision_cadre c WHERE c.decision_id = d.id ORDER BY cadre_id) AS cadres
			  FROM collective_decision d""";

	private static final String NOTIFICATION = "SELECT id, unit_id, meeting_date, audiences, attendance, opinions FROM notification_meeting";
	private static final String MEETINGS_IN = "unit_id IN (" + Scope.UNIT_IDS + ") AND meeting_date >= :from AND meeting_date < :to";
	private static final String DECISIONS_IN = "d.unit_id IN (" + Scope.UNIT_IDS + ") AND d.decision_date >= :from AND d.decision_date < :to";

	private final JdbcClient jdbc;

	OrgLifeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Public, as the rows of {@code /orglife}: its template's expressions are compiled only for public types. */
	public record Talk(long id, long unitId, LocalDate date, long fromCadreId, long toCadreId, String topic) {
	}

	/** Public, as {@link Talk}. */
	public record Notification(long id, long unitId, LocalDate date, List<Audience> audiences, int attendance, String opinions) {
	}

	record History(String action, LocalDate on, String actor, String note) {
	}

	record Evidence(long id, String filename, String contentType, long size) {
	}

	record File(String filename, String contentType, byte[] data) {
	}

	// life meetings

	long insertMeeting(LifeMeeting m, String createdBy) {
		return jdbc.sql("""
				INSERT INTO life_meeting (unit_id, kind, meeting_date, topic, topic_reported_on, opinions_solicited,
				                          report_submitted_on, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(m.unitId(), m.kind().name(), m.date(), m.topic(), m.topicReportedOn(), m.opinionsSolicited(),
					m.reportSubmittedOn(), createdBy)
			.query(Long.class).single();
	}

	void updateMeeting(long id, LifeMeeting m) {
		jdbc.sql("UPDATE life_meeting SET topic = ?, topic_reported_on = ?, opinions_solicited = ?, report_submitted_on = ? WHERE id = ?")
			.params(m.topic(), m.topicReportedOn(), m.opinionsSolicited(), m.reportSubmittedOn(), id).update();
	}

	void replaceAttendance(long meetingId, List<LifeMeeting.Attendee> attendees) {
		jdbc.sql("DELETE FROM life_meeting_attendance WHERE meeting_id = ?").param(meetingId).update();
		if (attendees.isEmpty()) {
			return;
		}
		jdbc.sql("""
				INSERT INTO life_meeting_attendance (meeting_id, cadre_id, present, absence_reason, criticism_points,
				                                     self_criticism_points, points_text)
				SELECT :meeting, * FROM unnest(CAST(:cadres AS bigint[]), CAST(:present AS boolean[]), CAST(:reasons AS text[]),
				                               CAST(:criticism AS int[]), CAST(:self AS int[]), CAST(:texts AS text[]))""")
			.param("meeting", meetingId)
			.param("cadres", attendees.stream().map(LifeMeeting.Attendee::cadreId).toArray(Long[]::new))
			.param("present", attendees.stream().map(LifeMeeting.Attendee::present).toArray(Boolean[]::new))
			.param("reasons", attendees.stream().map(LifeMeeting.Attendee::absenceReason).toArray(String[]::new))
			.param("criticism", attendees.stream().map(LifeMeeting.Attendee::criticismPoints).toArray(Integer[]::new))
			.param("self", attendees.stream().map(LifeMeeting.Attendee::selfCriticismPoints).toArray(Integer[]::new))
			.param("texts", attendees.stream().map(LifeMeeting.Attendee::pointsText).toArray(String[]::new))
			.update();
	}

	void attachMinutes(long meetingId, File file) {
		jdbc.sql("UPDATE life_meeting SET minutes_filename = ?, minutes_type = ?, minutes_data = ? WHERE id = ?")
			.params(file.filename(), file.contentType(), file.data(), meetingId).update();
	}

	Optional<File> minutes(long meetingId) {
		return jdbc.sql("SELECT minutes_filename, minutes_type, minutes_data FROM life_meeting WHERE id = ? AND minutes_data IS NOT NULL")
			.param(meetingId)
			.query((rs, n) -> new File(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
	}

	Optional<LifeMeeting> findMeeting(long id) {
		return jdbc.sql(MEETING + " WHERE id = ?").param(id).query(OrgLifeRepository::meeting).optional();
	}

	Map<String, LifeMeeting> findMeetings(long unitId) {
		Map<String, LifeMeeting> byKey = new HashMap<>();
		jdbc.sql(MEETING + " WHERE unit_id = ?").param(unitId).query(OrgLifeRepository::meeting).list()
			.forEach(m -> byKey.put(m.kind() + "|" + m.date(), m));
		return byKey;
	}

	List<LifeMeeting> meetings(Scope scope, @Nullable LocalDate from, @Nullable LocalDate to) {
		return jdbc.sql(MEETING + " WHERE " + MEETINGS_IN + " ORDER BY meeting_date DESC, unit_id")
			.params(scope.parameters()).param("from", from == null ? LocalDate.of(1900, 1, 1) : from)
			.param("to", to == null ? LocalDate.of(9999, 1, 1) : to)
			.query(OrgLifeRepository::meeting).list();
	}

	Page<LifeMeeting> meetings(Scope scope, LocalDate from, LocalDate to, int number, int size) {
		return page(MEETING, "life_meeting", MEETINGS_IN, "meeting_date DESC, unit_id, id", scope, from, to, number, size,
				OrgLifeRepository::meeting);
	}

	/**
	 * One page of a scope's rows between two days, in the order given, and how many there are in all; a page past the
	 * end is empty with the right total.
	 */
	private <T> Page<T> page(String select, String table, String where, String order, Scope scope, LocalDate from,
			LocalDate to, int number, int size, RowMapper<T> mapper) {
		long total = jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + where).params(scope.parameters())
			.param("from", from).param("to", to).query(Long.class).single();
		List<T> rows = total <= (long) number * size ? List.of()
				: jdbc.sql(select + " WHERE " + where + " ORDER BY " + order + " LIMIT :size OFFSET :offset")
					.params(scope.parameters()).param("from", from).param("to", to).param("size", size)
					.param("offset", (long) number * size).query(mapper).list();
		return new Page<>(rows, number, size, total);
	}

	List<LifeMeeting.Attendee> attendance(long meetingId) {
		return jdbc.sql("""
				SELECT cadre_id, present, absence_reason, criticism_points, self_criticism_points, points_text
				  FROM life_meeting_attendance WHERE meeting_id = ? ORDER BY present DESC, cadre_id""")
			.param(meetingId)
			.query((rs, n) -> new LifeMeeting.Attendee(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getInt(4),
					rs.getInt(5), rs.getString(6)))
			.list();
	}

	// heart-to-heart talks

	long insertTalk(long unitId, LocalDate date, long from, long to, String topic, String createdBy) {
		return jdbc.sql("""
				INSERT INTO heart_talk (unit_id, talk_date, from_cadre_id, to_cadre_id, topic, created_by)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(unitId, date, from, to, topic, createdBy).query(Long.class).single();
	}

	/** Inserts talks a thousand a statement. */
	void insertTalks(List<OrgLifeChecks.TalkRecord> talks, String createdBy) {
		Slices.each(talks, 1000, slice -> jdbc.sql("""
				INSERT INTO heart_talk (unit_id, talk_date, from_cadre_id, to_cadre_id, topic, created_by)
				SELECT *, :by FROM unnest(CAST(:units AS bigint[]), CAST(:days AS date[]), CAST(:from AS bigint[]),
				                          CAST(:to AS bigint[]), CAST(:topics AS text[]))""")
			.param("units", slice.stream().map(OrgLifeChecks.TalkRecord::unitId).toArray(Long[]::new))
			.param("days", slice.stream().map(t -> t.date().toString()).toArray(String[]::new))
			.param("from", slice.stream().map(OrgLifeChecks.TalkRecord::fromCadreId).toArray(Long[]::new))
			.param("to", slice.stream().map(OrgLifeChecks.TalkRecord::toCadreId).toArray(Long[]::new))
			.param("topics", slice.stream().map(OrgLifeChecks.TalkRecord::topic).toArray(String[]::new))
			.param("by", createdBy)
			.update());
	}

	void updateTalkTopic(long id, String topic) {
		jdbc.sql("UPDATE heart_talk SET topic = ? WHERE id = ?").params(topic, id).update();
	}

	List<Talk> talks(long unitId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				SELECT id, unit_id, talk_date, from_cadre_id, to_cadre_id, topic FROM heart_talk
				 WHERE unit_id = ? AND talk_date >= ? AND talk_date < ? ORDER BY talk_date, id""")
			.params(unitId, from, to)
			.query((rs, n) -> new Talk(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getLong(4),
					rs.getLong(5), rs.getString(6)))
			.list();
	}

	Map<String, Talk> findTalks(Collection<Long> unitIds) {
		Map<String, Talk> byKey = new HashMap<>();
		if (unitIds.isEmpty()) {
			return byKey;
		}
		jdbc.sql("SELECT id, unit_id, talk_date, from_cadre_id, to_cadre_id, topic FROM heart_talk WHERE unit_id IN (:units)")
			.param("units", unitIds)
			.query((rs, n) -> new Talk(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), rs.getLong(4),
					rs.getLong(5), rs.getString(6)))
			.list()
			.forEach(t -> byKey.put(talkKey(t.unitId(), t.date(), t.fromCadreId(), t.toCadreId()), t));
		return byKey;
	}

	static String talkKey(long unitId, LocalDate date, long from, long to) {
		return unitId + "|" + date + "|" + from + "|" + to;
	}

	// rectification items

	long insertItem(RectificationItem i, String createdBy) {
		return jdbc.sql("""
				INSERT INTO rectification_item (code, unit_id, source, source_ref, found_on, problem, measures, owner_cadre_id,
				                                deadline, completed_on, completion_note, verified_on, verified_by, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(i.code(), i.unitId(), i.source().name(), i.sourceRef(), i.foundOn(), i.problem(), i.measures(),
					i.ownerCadreId(), i.deadline(), i.completedOn(), i.completionNote(), i.verifiedOn(), i.verifiedBy(), createdBy)
			.query(Long.class).single();
	}

	void updateItem(RectificationItem i) {
		jdbc.sql("""
				UPDATE rectification_item SET unit_id = ?, source = ?, source_ref = ?, found_on = ?, problem = ?, measures = ?,
				       owner_cadre_id = ?, deadline = ?, completed_on = ?, completion_note = ?, verified_on = ?, verified_by = ?
				 WHERE id = ?""")
			.params(i.unitId(), i.source().name(), i.sourceRef(), i.foundOn(), i.problem(), i.measures(), i.ownerCadreId(),
					i.deadline(), i.completedOn(), i.completionNote(), i.verifiedOn(), i.verifiedBy(), i.id())
			.update();
	}

	void history(long itemId, String action, LocalDate on, String actor, String note) {
		jdbc.sql("INSERT INTO rectification_history (item_id, action, action_on, actor, note) VALUES (?, ?, ?, ?, ?)")
			.params(itemId, action, on, actor, note).update();
	}

	List<History> history(long itemId) {
		return jdbc.sql("SELECT action, action_on, actor, note FROM rectification_history WHERE item_id = ? ORDER BY id")
			.param(itemId)
			.query((rs, n) -> new History(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4)))
			.list();
	}

	long insertEvidence(long itemId, File file, String createdBy) {
		return jdbc.sql("""
				INSERT INTO rectification_evidence (item_id, filename, content_type, size, data, created_by)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(itemId, file.filename(), file.contentType(), file.data().length, file.data(), createdBy)
			.query(Long.class).single();
	}

	List<Evidence> evidence(long itemId) {
		return jdbc.sql("SELECT id, filename, content_type, size FROM rectification_evidence WHERE item_id = ? ORDER BY id")
			.param(itemId)
			.query((rs, n) -> new Evidence(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
	}

	Optional<File> evidenceFile(long itemId, long evidenceId) {
		return jdbc.sql("SELECT filename, content_type, data FROM rectification_evidence WHERE item_id = ? AND id = ?")
			.params(itemId, evidenceId)
			.query((rs, n) -> new File(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
	}

	Optional<RectificationItem> findItem(long id) {
		return jdbc.sql(ITEM + " WHERE id = ?").param(id).query(OrgLifeRepository::item).optional();
	}

	Map<String, RectificationItem> findItemsByCodes(Collection<String> codes) {
		Map<String, RectificationItem> byCode = new HashMap<>();
		if (!codes.isEmpty()) {
			jdbc.sql(ITEM + " WHERE code IN (:codes)").param("codes", codes).query(OrgLifeRepository::item).list()
				.forEach(i -> byCode.put(i.code(), i));
		}
		return byCode;
	}

	/** Items of the scope, newest first; {@code status}: open, overdue (on {@code day}), completed, verified or all. */
	List<RectificationItem> items(Scope scope, String status, LocalDate day) {
		String condition = switch (status) {
			case "open" -> " AND completed_on IS NULL";
			case "overdue" -> " AND completed_on IS NULL AND deadline < :day";
			case "completed" -> " AND completed_on IS NOT NULL AND verified_on IS NULL";
			case "verified" -> " AND verified_on IS NOT NULL";
			default -> "";
		};
		return jdbc.sql(ITEM + " WHERE unit_id IN (" + Scope.UNIT_IDS + ")" + condition + " ORDER BY found_on DESC, code")
			.params(scope.parameters()).param("day", day)
			.query(OrgLifeRepository::item).list();
	}

	List<RectificationItem> openItems(long unitId) {
		return jdbc.sql(ITEM + " WHERE unit_id = ? AND completed_on IS NULL ORDER BY deadline, code").param(unitId)
			.query(OrgLifeRepository::item).list();
	}

	List<RectificationItem> ownedBy(long cadreId) {
		return jdbc.sql(ITEM + " WHERE owner_cadre_id = ? ORDER BY completed_on NULLS FIRST, deadline").param(cadreId)
			.query(OrgLifeRepository::item).list();
	}

	void review(long meetingId, long itemId, boolean overdue) {
		jdbc.sql("INSERT INTO rectification_review (meeting_id, item_id, overdue) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(meetingId, itemId, overdue).update();
	}

	/** The items checked again at a meeting, with whether each was overdue then. */
	Map<Long, Boolean> reviewedAt(long meetingId) {
		Map<Long, Boolean> reviewed = new HashMap<>();
		jdbc.sql("SELECT item_id, overdue FROM rectification_review WHERE meeting_id = ?").param(meetingId)
			.query(rs -> {
				reviewed.put(rs.getLong(1), rs.getBoolean(2));
			});
		return reviewed;
	}

	List<LocalDate> reviewDates(long itemId) {
		return jdbc.sql("""
				SELECT m.meeting_date FROM rectification_review r JOIN life_meeting m ON m.id = r.meeting_id
				 WHERE r.item_id = ? ORDER BY m.meeting_date""")
			.param(itemId).query(LocalDate.class).list();
	}

	// collective decisions

	long insertDecision(CollectiveDecision d, String createdBy) {
		long id = jdbc.sql("""
				INSERT INTO collective_decision (unit_id, meeting, decision_date, category, matter, expected, present, votes_for,
				                                 votes_against, abstentions, dissent, amount, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(d.unitId(), d.meeting().name(), d.date(), d.category().name(), d.matter(), d.expected(), d.present(),
					d.votesFor(), d.votesAgainst(), d.abstentions(), d.dissent(), d.amount(), createdBy)
			.query(Long.class).single();
		d.cadreIds().forEach(cadre -> jdbc.sql("INSERT INTO decision_cadre (decision_id, cadre_id) VALUES (?, ?)")
			.params(id, cadre).update());
		return id;
	}

	void updateDecision(long id, CollectiveDecision d) {
		jdbc.sql("""
				UPDATE collective_decision SET meeting = ?, category = ?, expected = ?, present = ?, votes_for = ?,
				       votes_against = ?, abstentions = ?, dissent = ?, amount = ? WHERE id = ?""")
			.params(d.meeting().name(), d.category().name(), d.expected(), d.present(), d.votesFor(), d.votesAgainst(),
					d.abstentions(), d.dissent(), d.amount(), id)
			.update();
		jdbc.sql("DELETE FROM decision_cadre WHERE decision_id = ?").param(id).update();
		d.cadreIds().forEach(cadre -> jdbc.sql("INSERT INTO decision_cadre (decision_id, cadre_id) VALUES (?, ?)")
			.params(id, cadre).update());
	}

	Map<String, CollectiveDecision> findDecisions(Collection<Long> unitIds) {
		Map<String, CollectiveDecision> byKey = new HashMap<>();
		if (!unitIds.isEmpty()) {
			jdbc.sql(DECISION + " WHERE d.unit_id IN (:units)").param("units", unitIds).query(OrgLifeRepository::decision)
				.list().forEach(d -> byKey.put(decisionKey(d.unitId(), d.date(), d.matter()), d));
		}
		return byKey;
	}

	static String decisionKey(long unitId, LocalDate date, String matter) {
		return unitId + "|" + date + "|" + matter;
	}

	List<CollectiveDecision> decisions(Scope scope, LocalDate from, LocalDate to) {
		return jdbc.sql(DECISION + " WHERE " + DECISIONS_IN + " ORDER BY d.decision_date DESC, d.id")
			.params(scope.parameters()).param("from", from).param("to", to)
			.query(OrgLifeRepository::decision).list();
	}

	Page<CollectiveDecision> decisions(Scope scope, LocalDate from, LocalDate to, int number, int size) {
		return page(DECISION, "collective_decision d", DECISIONS_IN, "d.decision_date DESC, d.id", scope, from, to, number,
				size, OrgLifeRepository::decision);
	}

	// notification meetings

	long insertNotification(Notification n, String createdBy) {
		return jdbc.sql("""
				INSERT INTO notification_meeting (unit_id, meeting_date, audiences, attendance, opinions, created_by)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(n.unitId(), n.date(), audiences(n.audiences()), n.attendance(), n.opinions(), createdBy)
			.query(Long.class).single();
	}

	void updateNotification(long id, Notification n) {
		jdbc.sql("UPDATE notification_meeting SET audiences = ?, attendance = ?, opinions = ? WHERE id = ?")
			.params(audiences(n.audiences()), n.attendance(), n.opinions(), id).update();
	}

	Map<String, Notification> findNotifications(Collection<Long> unitIds) {
		Map<String, Notification> byKey = new HashMap<>();
		if (!unitIds.isEmpty()) {
			jdbc.sql(NOTIFICATION + " WHERE unit_id IN (:units)")
				.param("units", unitIds).query(OrgLifeRepository::notification).list()
				.forEach(n -> byKey.put(n.unitId() + "|" + n.date(), n));
		}
		return byKey;
	}

	Optional<Notification> findNotification(long id) {
		return jdbc.sql(NOTIFICATION + " WHERE id = ?")
			.param(id).query(OrgLifeRepository::notification).optional();
	}

	Page<Notification> notifications(Scope scope, LocalDate from, LocalDate to, int number, int size) {
		return page(NOTIFICATION, "notification_meeting", MEETINGS_IN, "meeting_date DESC, id", scope, from, to, number, size,
				OrgLifeRepository::notification);
	}

	static String audiences(List<Audience> audiences) {
		return String.join(";", audiences.stream().map(Audience::name).toList());
	}

	// mapping

	private static LifeMeeting meeting(ResultSet rs, int n) throws SQLException {
		return new LifeMeeting(rs.getLong(1), rs.getLong(2), MeetingKind.valueOf(rs.getString(3)), rs.getObject(4, LocalDate.class),
				rs.getString(5), rs.getObject(6, LocalDate.class), rs.getInt(7), rs.getObject(8, LocalDate.class), rs.getString(9),
				rs.getString(10));
	}

	private static RectificationItem item(ResultSet rs, int n) throws SQLException {
		return new RectificationItem(rs.getLong(1), rs.getString(2), rs.getLong(3), RectificationSource.valueOf(rs.getString(4)),
				rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getLong(9),
				rs.getObject(10, LocalDate.class), rs.getObject(11, LocalDate.class), rs.getString(12),
				rs.getObject(13, LocalDate.class), rs.getString(14));
	}

	private static CollectiveDecision decision(ResultSet rs, int n) throws SQLException {
		Long[] cadres = (Long[]) rs.getArray(14).getArray();
		return new CollectiveDecision(rs.getLong(1), rs.getLong(2), DecisionMeeting.valueOf(rs.getString(3)),
				rs.getObject(4, LocalDate.class), DecisionCategory.valueOf(rs.getString(5)), rs.getString(6), rs.getInt(7),
				rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getString(12), rs.getBigDecimal(13),
				Arrays.asList(cadres));
	}

	private static Notification notification(ResultSet rs, int n) throws SQLException {
		List<Audience> audiences = new ArrayList<>();
		for (String name : rs.getString(4).split(";")) {
			if (!name.isBlank()) {
				audiences.add(Audience.valueOf(name));
			}
		}
		return new Notification(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class), audiences, rs.getInt(5),
				rs.getString(6));
	}
}
