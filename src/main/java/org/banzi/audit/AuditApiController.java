package org.banzi.audit;

import org.banzi.platform.Access;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit administrator's check of the trail, for scripts (a drill, a monitoring job): the page's verification. */
@RestController
class AuditApiController {

	private final AuditVerifier verifier;

	AuditApiController(AuditVerifier verifier) {
		this.verifier = verifier;
	}

	@GetMapping("/api/audit/verification")
	@PreAuthorize(Access.READ_AUDIT)
	AuditVerifier.Result verify() {
		return verifier.verify();
	}
}
