package org.banzi.orglife;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A democratic or organizational life meeting of one team: its topic and when it was reported upward, the opinions
 * solicited beforehand, who attended (members of the team on the day) and when the meeting's report went upward.
 * Quorum is computed from the team on the day, never typed.
 */
public record LifeMeeting(long id, long unitId, MeetingKind kind, LocalDate date, String topic,
		@Nullable LocalDate topicReportedOn, int opinionsSolicited, @Nullable LocalDate reportSubmittedOn,
		@Nullable String minutesFilename, String createdBy) {

	/** One member's place at the meeting: present, or absent with the reason; the points raised. */
	public record Attendee(long cadreId, boolean present, String absenceReason, int criticismPoints,
			int selfCriticismPoints, String pointsText) {
	}

	static int present(List<Attendee> attendees) {
		return (int) attendees.stream().filter(Attendee::present).count();
	}
}
