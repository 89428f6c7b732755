package org.banzi.cadres;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.Role;
import org.banzi.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes to cadres, posts and teams made one at a time from the pages; each checked for scope and audited. */
@Service
class CadreService {

	private final CadreRepository cadres;
	private final CadreChecks checks;
	private final Units units;
	private final FieldCipher cipher;
	private final AuditTrail audit;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	CadreService(CadreRepository cadres, CadreChecks checks, Units units, FieldCipher cipher, AuditTrail audit, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.cadres = cadres;
		this.checks = checks;
		this.units = units;
		this.cipher = cipher;
		this.audit = audit;
		this.clock = clock;
	}

	/** The cadre if the user may see them: in their scope, or their own record for a cadre. */
	Cadre visible(CurrentUser user, String cadreNo) {
		Cadre cadre = cadres.findByNo(cadreNo).orElseThrow(() -> new NotFoundException("cadre.notFound", cadreNo));
		boolean reader = user.hasAny(Role.COUNTY_ADMIN, Role.UNIT_ADMIN, Role.LEADER, Role.INSPECTOR, Role.TRAINING_ADMIN);
		if (reader && units.inScope(user, cadre.homeUnitId())) {
			return cadre;
		}
		if (user.username().equals(cadre.cadreNo())) {
			return cadre;
		}
		throw new NotFoundException("cadre.notFound", cadreNo);
	}

	Cadre managed(CurrentUser user, String cadreNo) {
		Cadre cadre = cadres.findByNo(cadreNo).orElseThrow(() -> new NotFoundException("cadre.notFound", cadreNo));
		if (!user.hasAny(Role.COUNTY_ADMIN, Role.UNIT_ADMIN) || !units.inScope(user, cadre.homeUnitId())) {
			throw new NotFoundException("cadre.notFound", cadreNo);
		}
		return cadre;
	}

	/** Creates or updates one cadre from the form; problems come back with their field. */
	@Transactional
	List<FieldProblem> save(CurrentUser user, @Nullable Cadre existing, CadreChecks.Input input) {
		Scope scope = units.scopeOf(user);
		CadreChecks.Result result = checks.check(input, scope, code -> units.findByCode(code).orElse(null), LocalDate.now(clock));
		if (!result.problems().isEmpty()) {
			return result.problems();
		}
		CadreRepository.Row row = result.row();
		String holder = cadres.numbersByIdIndex(List.of(row.idIndex())).get(row.idIndex());
		if (holder != null && !holder.equals(row.cadreNo())) {
			return List.of(CadreChecks.idNumberTaken(holder, scope, cadres, units));
		}
		if (existing == null) {
			if (cadres.findByNo(row.cadreNo()).isPresent()) {
				return List.of(new FieldProblem("cadre_no", "cadre.no.taken", row.cadreNo()));
			}
			long id = cadres.insert(row);
			audit.record(AuditEntry.success("create", "cadre", row.cadreNo(), row.homeUnitId(),
					AuditEntry.changes(Map.of(), snapshot(cadres.findById(id).orElseThrow()))));
		}
		else {
			boolean newId = !row.idIndex().equals(cadres.idIndexOf(existing.id()));
			cadres.update(existing.id(), row, newId);
			Map<String, Object> after = snapshot(cadres.findById(existing.id()).orElseThrow());
			Map<String, Object> before = snapshot(existing);
			if (newId) {
				before.put("idNumber", existing.idNumberMasked() + " (old)");
			}
			audit.record(AuditEntry.success("update", "cadre", row.cadreNo(), row.homeUnitId(), AuditEntry.changes(before, after)));
		}
		return List.of();
	}

	/** The full ID number, for the county administrator, on request; the request is audited. */
	@Transactional
	String revealIdNumber(CurrentUser user, String cadreNo) {
		if (!user.has(Role.COUNTY_ADMIN)) {
			throw new NotFoundException("cadre.notFound", cadreNo);
		}
		Cadre cadre = managed(user, cadreNo);
		audit.record(AuditEntry.success("reveal-id-number", "cadre", cadre.cadreNo(), cadre.homeUnitId(), Map.of()));
		return cipher.decrypt(cadres.idNumberCipher(cadre.id()).orElseThrow());
	}

	record NewPost(String unitCode, String title, @Nullable LocalDate start, boolean keyPost, PostReason reason,
			boolean endCurrent) {
	}

	/** Starts a post; with {@code endCurrent} the cadre's open posts end the day before. History is never rewritten. */
	@Transactional
	void addPost(CurrentUser user, String cadreNo, NewPost request) {
		Cadre cadre = managed(user, cadreNo);
		Unit unit = units.getInScope(user, request.unitCode().strip());
		if (request.title().isBlank()) {
			throw new BusinessRuleException("cadre.post.titleRequired");
		}
		if (request.start() == null) {
			throw new BusinessRuleException("cadre.post.startRequired");
		}
		if (request.start().isAfter(LocalDate.now(clock))) {
			throw new BusinessRuleException("cadre.post.future");
		}
		if (request.endCurrent()) {
			for (Post open : cadres.posts(cadre.id()).stream().filter(Post::open).toList()) {
				if (!open.startDate().isBefore(request.start())) {
					throw new BusinessRuleException("cadre.post.startBeforeCurrent", open.startDate());
				}
				cadres.updatePost(open.id(), request.start().minusDays(1), open.keyPost(), open.reason());
				audit.record(AuditEntry.success("end-post", "post", open.id(), open.unitId(),
						AuditEntry.changes(Map.of("endDate", "null"), Map.of("endDate", request.start().minusDays(1).toString()))));
			}
		}
		if (cadres.findPost(cadre.id(), unit.id(), request.title().strip(), request.start()).isPresent()) {
			throw new BusinessRuleException("cadre.post.exists");
		}
		long id = cadres.insertPost(cadre.id(), unit.id(), request.title().strip(), request.start(), null, request.keyPost(),
				request.reason());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("cadre", cadre.cadreNo());
		after.put("unit", unit.code());
		after.put("title", request.title().strip());
		after.put("start", request.start().toString());
		after.put("keyPost", request.keyPost());
		after.put("reason", request.reason().name());
		audit.record(AuditEntry.success("create", "post", id, unit.id(), AuditEntry.changes(Map.of(), after)));
		if (request.reason() == PostReason.PROMOTION) {
			events.publishEvent(new PromotionsRecorded(List.of(new PromotionsRecorded.Promotion(cadre.id(), request.start()))));
		}
	}

	/** Adds a cadre to a team from a date; the secretary's place is held by one person at a time. */
	@Transactional
	void addMember(CurrentUser user, String unitCode, String cadreNo, TeamRole role, @Nullable LocalDate start) {
		Unit unit = units.getInScope(user, unitCode);
		// a cadre outside the caller's scope is unknown to them, as in the team import
		Cadre cadre = cadres.findByNo(cadreNo.strip()).filter(c -> units.inScope(user, c.homeUnitId()))
			.orElseThrow(() -> new BusinessRuleException("cadre.notFound", cadreNo));
		if (start == null) {
			throw new BusinessRuleException("cadre.post.startRequired");
		}
		if (start.isAfter(LocalDate.now(clock))) {
			throw new BusinessRuleException("cadre.post.future");
		}
		if (role == TeamRole.SECRETARY && !cadres.overlappingSecretaries(unit.id(), start, null, 0).isEmpty()) {
			throw new BusinessRuleException("cadre.secretary.overlap");
		}
		if (cadres.findMembership(cadre.id(), unit.id(), role, start).isPresent()) {
			throw new BusinessRuleException("cadre.post.exists");
		}
		long id = cadres.insertMembership(cadre.id(), unit.id(), role, start, null);
		audit.record(AuditEntry.success("join-team", "team", id, unit.id(),
				AuditEntry.changes(Map.of(), Map.of("cadre", cadre.cadreNo(), "role", role.name(), "start", start.toString()))));
	}

	@Transactional
	void endMembership(CurrentUser user, String unitCode, long membershipId, @Nullable LocalDate end) {
		Unit unit = units.getInScope(user, unitCode);
		Membership membership = cadres.findMembership(membershipId)
			.filter(m -> m.unitId() == unit.id())
			.orElseThrow(() -> new NotFoundException("cadre.membership.notFound", membershipId));
		if (end == null || end.isBefore(membership.startDate())) {
			throw new BusinessRuleException("cadre.end.beforeStart");
		}
		if (!Objects.isNull(membership.endDate())) {
			return;
		}
		cadres.endMembership(membership.id(), end);
		audit.record(AuditEntry.success("leave-team", "team", membership.id(), unit.id(),
				AuditEntry.changes(Map.of("endDate", "null"), Map.of("endDate", end.toString()))));
	}

	static Map<String, Object> snapshot(Cadre cadre) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("cadreNo", cadre.cadreNo());
		fields.put("name", cadre.name());
		fields.put("gender", String.valueOf(cadre.gender()));
		fields.put("birthDate", cadre.birthDate().toString());
		fields.put("rank", cadre.rank().name());
		fields.put("rankSince", String.valueOf(cadre.rankSince()));
		fields.put("homeUnitId", cadre.homeUnitId());
		fields.put("ethnicity", cadre.ethnicity());
		fields.put("education", cadre.education());
		fields.put("partyDate", String.valueOf(cadre.partyDate()));
		fields.put("idNumber", cadre.idNumberMasked());
		return fields;
	}
}
