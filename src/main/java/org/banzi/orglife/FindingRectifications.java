package org.banzi.orglife;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
import org.banzi.cadres.TeamRole;
import org.banzi.integrity.TipOffSubstantiated;
import org.banzi.organization.Unit;
import org.banzi.platform.events.AssessmentFinding;
import org.banzi.organization.Units;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opens a rectification item for the team when another module finds something the team must put right: a tip-off
 * found partly or fully true. The item names the finding by its number only, never its contents; its owner is the
 * cadre the tip-off was about, or else the team's secretary; its deadline follows {@code rectification.fromFinding.days}.
 * Signed assessment grades short of competent open one too, owned by the cadre graded or the team's secretary.
 * The event publication registry keeps the event until this has run, so a failure is retried, not lost.
 */
@Component
class FindingRectifications {

	private static final Logger log = LoggerFactory.getLogger(FindingRectifications.class);
	static final String DAYS = "rectification.fromFinding.days";

	private final OrgLifeRepository repository;
	private final OrgLifeService service;
	private final Cadres cadres;
	private final Units units;
	private final Rules rules;
	private final AuditTrail audit;

	FindingRectifications(OrgLifeRepository repository, OrgLifeService service, Cadres cadres, Units units, Rules rules, AuditTrail audit) {
		this.repository = repository;
		this.service = service;
		this.cadres = cadres;
		this.units = units;
		this.rules = rules;
		this.audit = audit;
	}

	@ApplicationModuleListener
	void on(TipOffSubstantiated event) {
		String code = "TO-" + event.tipOffId();
		open(code, event.unitId(), event.cadreId(), event.closedOn(), RectificationSource.TIP_OFF, "tip-off:" + event.tipOffId(),
				"信访举报查实问题（编号 " + code + "），按纪检监察机关处理意见整改");
	}

	/** Signed grades found a team or cadre short of competent: the team (or the cadre) puts it right. */
	@ApplicationModuleListener
	void on(AssessmentFinding event) {
		String code = "AS-" + event.cycleId() + "-" + (event.cadreId() == null ? "T" + event.unitId() : "C" + event.cadreId());
		open(code, event.unitId(), event.cadreId(), event.signedOn(), RectificationSource.ASSESSMENT, "assessment:" + event.cycleId(),
				event.year() + " 年度考核评定为“" + event.gradeLabel() + "”（编号 " + code + "），按考核意见整改");
	}

	/**
	 * Opens the item a finding calls for, once: a finding delivered again finds its item by code. The owner is the
	 * cadre the finding names, or else the team's secretary on the day it was found; the deadline follows the rule.
	 */
	private void open(String code, long unitId, @Nullable Long cadreId, LocalDate found, RectificationSource source, String ref,
			String problem) {
		if (!repository.findItemsByCodes(List.of(code)).isEmpty()) {
			return;
		}
		Unit unit = units.findById(unitId).orElseThrow();
		Long owner = cadreId != null ? cadreId : secretary(unit, found);
		if (owner == null) {
			log.warn("Finding {} concerns unit {}, which has no team to own a rectification item", code, unit.code());
			return;
		}
		long days = rules.resolve(DAYS, OrgLifeRules.ALL, unit, found).orElseThrow().value().longValue();
		RectificationItem item = new RectificationItem(0, code, unit.id(), source, ref, found, problem, "", owner, found.plusDays(days), null,
				"", null, null);
		long id = repository.insertItem(item, "system");
		repository.history(id, "CREATED", found, "system", code);
		service.refreshReviews(List.of(unit.id()));
		audit.recordAs("system", AuditEntry.success("create", "rectification-item", id, unit.id(),
				AuditEntry.changes(java.util.Map.of(), OrgLifeService.snapshot(item))));
	}

	private @Nullable Long secretary(Unit unit, LocalDate day) {
		return cadres.teamOn(unit.id(), day).stream()
			.min(Comparator.comparing((Membership m) -> m.role() != TeamRole.SECRETARY).thenComparing(Membership::startDate))
			.map(Membership::cadreId).orElse(null);
	}
}
