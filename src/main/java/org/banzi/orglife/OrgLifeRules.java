package org.banzi.orglife;

/** The keys of the rules organizational life is held against (migrations V2 and V10), each versioned and cited. */
final class OrgLifeRules {

	static final String MEETINGS_PER_YEAR = "lifeMeeting.perYear";
	static final String QUORUM = "lifeMeeting.quorum.share";
	static final String TOPIC_DAYS_BEFORE = "lifeMeeting.topic.daysBefore";
	static final String REPORT_DAYS_AFTER = "lifeMeeting.report.daysAfter";
	static final String DECISION_QUORUM = "decision.quorum.share";
	static final String APPOINTMENT_QUORUM = "decision.quorum.appointment.share";
	static final String DECISION_PASS = "decision.pass.share";
	static final String APPOINTMENT_DAYS_BEFORE = "decision.appointment.daysBefore";
	static final String OVERDUE_DAYS = "rectification.overdue.days";
	static final String CHECK_BACKS = "rectification.checkBacks.max";
	static final String ALL = "ALL";

	private OrgLifeRules() {
	}
}
