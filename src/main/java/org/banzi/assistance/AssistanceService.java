package org.banzi.assistance;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.banzi.assistance.AssistanceRecords.Household;
import org.banzi.assistance.AssistanceRecords.Visit;
import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.cadres.Cadre;
import org.banzi.platform.Checked;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.Role;
import org.banzi.platform.CurrentUser;
import org.banzi.organization.Units;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A cadre's own visit to a household they are paired with, recorded from a phone; and who may see a household. */
@Service
class AssistanceService {

	private final AssistanceRepository repository;
	private final Units units;
	private final AuditTrail audit;
	private final Clock clock;

	AssistanceService(AssistanceRepository repository, Units units, AuditTrail audit, Clock clock) {
		this.repository = repository;
		this.units = units;
		this.audit = audit;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.now(clock);
	}

	@Transactional
	Checked<Long> recordVisit(Cadre cadre, long householdId, LocalDate date, String what) {
		Household household = repository.findHousehold(householdId)
			.orElseThrow(() -> new NotFoundException("assistance.household.notFound", householdId));
		List<FieldProblem> problems = new ArrayList<>();
		if (date.isAfter(today())) {
			problems.add(new FieldProblem("date", "assistance.date.future"));
		}
		List<AssistanceRecords.Pairing> pairings = repository.pairingsOfHousehold(householdId);
		if (pairings.stream().noneMatch(p -> p.cadreId() == cadre.id())) {
			// a household the cadre is not paired with is none of their business: as if it did not exist
			throw new NotFoundException("assistance.household.notFound", householdId);
		}
		AssistanceImporter.checkPaired(pairings, cadre, household, date, problems);
		if (problems.isEmpty() && repository.visitsOf(List.of(householdId))
			.containsKey(AssistanceRepository.visitKey(date, cadre.id(), householdId))) {
			problems.add(new FieldProblem("date", "assistance.visit.exists"));
		}
		if (!problems.isEmpty()) {
			return Checked.refused(problems);
		}
		long id = repository.insertVisit(new Visit(0, date, cadre.id(), householdId, what.strip()), cadre.cadreNo());
		audit.record(AuditEntry.success("create", "visit", id, household.villageId(),
				AuditEntry.changes(Map.of(), Map.of("date", date.toString(), "household", household.code(), "what", what.strip()))));
		return Checked.of(id);
	}

	/** A household the user may see: staff see the households of their scope's villages; a cadre the ones paired with them. */
	Household visibleHousehold(CurrentUser user, long id, @org.jspecify.annotations.Nullable Cadre own) {
		boolean staff = user.hasAny(Role.COUNTY_ADMIN, Role.UNIT_ADMIN, Role.LEADER, Role.INSPECTOR, Role.TRAINING_ADMIN);
		return repository.findHousehold(id)
			.filter(h -> staff ? units.inScope(user, h.villageId())
					: own != null && repository.pairingsOfHousehold(id).stream().anyMatch(p -> p.cadreId() == own.id()))
			.orElseThrow(() -> new NotFoundException("assistance.household.notFound", id));
	}
}
