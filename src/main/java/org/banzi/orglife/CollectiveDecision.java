package org.banzi.orglife;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A matter decided by a team at one of its meetings: who was expected and present, how they voted, any dissent, the
 * amount for money matters and, for appointments, the cadres it names.
 */
public record CollectiveDecision(long id, long unitId, DecisionMeeting meeting, LocalDate date, DecisionCategory category,
		String matter, int expected, int present, int votesFor, int votesAgainst, int abstentions, String dissent,
		@Nullable BigDecimal amount, List<Long> cadreIds) {
}
