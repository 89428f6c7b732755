package org.banzi.organization;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes to the tree, each checked against the user's scope and recorded in the audit trail. */
@Service
class UnitService {

	static final String AUDIT_TYPE = "unit";

	private final UnitRepository units;
	private final Units queries;
	private final AuditTrail audit;
	private final Clock clock;

	UnitService(UnitRepository units, Units queries, AuditTrail audit, Clock clock) {
		this.units = units;
		this.queries = queries;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional
	Unit create(CurrentUser user, String code, String name, UnitType type, String parentCode) {
		Unit parent = queries.getInScope(user, parentCode);
		if (parent.retired()) {
			throw new BusinessRuleException("unit.parent.retired", parent.code());
		}
		if (units.findByCode(code).isPresent()) {
			throw new BusinessRuleException("unit.code.taken", code);
		}
		Unit unit = units.insert(code, name, type, parent);
		audit.record(AuditEntry.success("create", AUDIT_TYPE, unit.code(), unit.id(),
				AuditEntry.changes(Map.of(), snapshot(unit, parent.code()))));
		return unit;
	}

	@Transactional
	Unit update(CurrentUser user, String currentCode, String code, String name, UnitType type) {
		Unit unit = queries.getInScope(user, currentCode);
		if (!code.equals(unit.code()) && units.findByCode(code).isPresent()) {
			throw new BusinessRuleException("unit.code.taken", code);
		}
		units.update(unit.id(), code, name, type);
		Unit updated = new Unit(unit.id(), code, name, type, unit.parentId(), unit.path(), unit.depth(), unit.retiredOn());
		audit.record(AuditEntry.success("update", AUDIT_TYPE, code, unit.id(),
				AuditEntry.changes(snapshot(unit, null), snapshot(updated, null))));
		return updated;
	}

	@Transactional
	Unit move(CurrentUser user, String code, String newParentCode) {
		units.lockTree();
		Unit unit = queries.getInScope(user, code);
		Unit newParent = queries.getInScope(user, newParentCode);
		if (unit.id() == user.homeUnitId() || unit.isRoot()) {
			throw new BusinessRuleException("unit.move.ownScope");
		}
		if (unit.contains(newParent)) {
			throw new BusinessRuleException("unit.move.cycle", unit.code(), newParent.code());
		}
		if (newParent.retired()) {
			throw new BusinessRuleException("unit.parent.retired", newParent.code());
		}
		Unit oldParent = units.findById(unit.parentId()).orElseThrow();
		if (oldParent.id() == newParent.id()) {
			return unit;
		}
		units.move(unit, newParent);
		audit.record(AuditEntry.success("move", AUDIT_TYPE, unit.code(), unit.id(),
				AuditEntry.changes(Map.of("parent", oldParent.code()), Map.of("parent", newParent.code()))));
		return units.findById(unit.id()).orElseThrow();
	}

	@Transactional
	Unit retire(CurrentUser user, String code) {
		Unit unit = queries.getInScope(user, code);
		if (unit.id() == user.homeUnitId() || unit.isRoot()) {
			throw new BusinessRuleException("unit.retire.ownScope");
		}
		if (unit.retired()) {
			return unit;
		}
		if (units.countActiveChildren(unit.id()) > 0) {
			throw new BusinessRuleException("unit.retire.hasChildren", unit.code());
		}
		LocalDate today = LocalDate.now(clock);
		units.retire(unit.id(), today);
		audit.record(AuditEntry.success("retire", AUDIT_TYPE, unit.code(), unit.id(),
				AuditEntry.changes(Map.of(), Map.of("retiredOn", today.toString()))));
		return units.findById(unit.id()).orElseThrow(() -> new NotFoundException("unit.notFound", code));
	}

	@Transactional
	Unit reinstate(CurrentUser user, String code) {
		Unit unit = queries.getInScope(user, code);
		if (!unit.retired()) {
			return unit;
		}
		Unit parent = units.findById(unit.parentId()).orElseThrow();
		if (parent.retired()) {
			throw new BusinessRuleException("unit.parent.retired", parent.code());
		}
		units.reinstate(unit.id());
		audit.record(AuditEntry.success("reinstate", AUDIT_TYPE, unit.code(), unit.id(),
				AuditEntry.changes(Map.of("retiredOn", unit.retiredOn().toString()), Map.of())));
		return units.findById(unit.id()).orElseThrow();
	}

	static Map<String, Object> snapshot(Unit unit, String parentCode) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("code", unit.code());
		fields.put("name", unit.name());
		fields.put("type", unit.type().name());
		if (parentCode != null) {
			fields.put("parent", parentCode);
		}
		return fields;
	}
}
