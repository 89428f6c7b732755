package org.banzi.assistance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The records of the assistance ledger, as the module's code and pages use them. */
final class AssistanceRecords {

	private AssistanceRecords() {
	}

	/** A site of a year: a village, its kind, the county-level leader in charge and the supporting departments. */
	record Site(long id, int year, long villageId, SiteKind kind, long leaderCadreId, List<Long> departmentIds, String targets,
			String progress) {
	}

	/** A household of the register: only what the ledger needs; the head's ID number shown masked. */
	record Household(long id, String code, long villageId, String headName, int members, HouseholdStatus status,
			@Nullable String idNumberMasked, @Nullable String idNumberCipher, @Nullable String idNumberIndex) {
	}

	record Pairing(long id, int year, long cadreId, long householdId, LocalDate startDate) {
	}

	record Visit(long id, LocalDate date, long cadreId, long householdId, String what) {
	}

	/** Help given to a village or a household by a providing unit: yuan for funds and materials, houses for housing. */
	record Help(long id, String code, LocalDate date, HelpKind kind, @Nullable BigDecimal amount, @Nullable Integer houses,
			@Nullable Long villageId, @Nullable Long householdId, long providerUnitId, String note) {
	}
}
