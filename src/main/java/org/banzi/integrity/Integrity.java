package org.banzi.integrity;

import java.time.LocalDate;
import java.util.List;

import org.banzi.cadres.Cadres;
import org.banzi.organization.Units;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * What other modules and scripts may do with integrity records, with the same rules of access as the pages: draw the
 * year's checks, record an outcome, register and close a tip-off. Each call is made as the user given.
 */
@Service
public class Integrity {

	private final IntegrityService service;
	private final IntegrityRepository repository;
	private final Cadres cadres;
	private final Units units;

	Integrity(IntegrityService service, IntegrityRepository repository, Cadres cadres, Units units) {
		this.service = service;
		this.repository = repository;
		this.cadres = cadres;
		this.units = units;
	}

	/** Draws the year's checks; the cadre numbers drawn, the random ones first. */
	public List<String> drawChecks(CurrentUser user, int year, long seed) {
		return service.drawChecks(user, year, seed).stream().map(IntegrityService.Drawn::cadreNo).toList();
	}

	/** Records the outcome of the year's check of a cadre. */
	public void recordOutcome(CurrentUser user, int year, String cadreNo, CheckOutcome outcome, String handling, LocalDate on) {
		long cadreId = cadres.findByNo(cadreNo).orElseThrow(() -> new NotFoundException("integrity.cadre.unknown", cadreNo)).id();
		IntegrityRepository.Check check = repository.checks(year).get(cadreId);
		if (check == null) {
			throw new NotFoundException("integrity.notFound", cadreNo);
		}
		service.recordOutcome(user, check.id(), outcome, handling, on);
	}

	/** Registers a tip-off about a unit (and a cadre, if named); its id. */
	public long receiveTipOff(CurrentUser user, LocalDate received, TipOffChannel channel, String unitCode, String cadreNo, String summary,
			String informant, String handler) {
		return service.receiveTipOff(user, received, channel, cadreNo.isBlank() ? null : cadres.findByNo(cadreNo).orElseThrow(),
				units.getInScope(user, unitCode), summary, informant, handler);
	}

	public void closeTipOff(CurrentUser user, long id, TipOffOutcome outcome, String handling, LocalDate on) {
		service.closeTipOff(user, id, outcome, handling, on);
	}
}
