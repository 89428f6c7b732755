package org.banzi.organization;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** At first start, creates the root of the tree: the county committee named in the configuration. */
@Component
@Order(0)
class RootUnitInitializer implements ApplicationRunner {

	private final UnitRepository units;
	private final AuditTrail audit;
	private final String code;
	private final String name;

	RootUnitInitializer(UnitRepository units, AuditTrail audit, @Value("${banzi.county.code}") String code,
			@Value("${banzi.county.name}") String name) {
		this.units = units;
		this.audit = audit;
		this.code = code;
		this.name = name;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		units.lockTree();
		if (units.findRoot().isPresent()) {
			return;
		}
		Unit root = units.insert(code, name, UnitType.COUNTY_COMMITTEE, null);
		audit.recordAs("system", AuditEntry.success("create", UnitService.AUDIT_TYPE, root.code(), root.id(),
				AuditEntry.changes(java.util.Map.of(), UnitService.snapshot(root, null))));
	}
}
