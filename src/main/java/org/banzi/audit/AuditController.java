package org.banzi.audit;

import java.time.LocalDate;

import org.banzi.platform.Access;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit administrator reads, filters and verifies the trail; nobody else may. */
@Controller
class AuditController {

	static final String VIEW = "audit/trail";

	private final AuditQuery query;
	private final AuditVerifier verifier;

	AuditController(AuditQuery query, AuditVerifier verifier) {
		this.query = query;
		this.verifier = verifier;
	}

	@GetMapping("/audit")
	@PreAuthorize(Access.READ_AUDIT)
	String trail(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String objectType,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		AuditQuery.Filter filter = new AuditQuery.Filter(actor, action, objectType, from, to);
		Page<AuditRecord> result = query.find(filter, Math.max(page, 0), Page.size(50));
		model.addAttribute("page", result);
		model.addAttribute("filter", filter);
		model.addAttribute("actions", query.actions());
		return VIEW;
	}

	@PostMapping("/audit/verify")
	@PreAuthorize(Access.READ_AUDIT)
	String verify(Model model) {
		model.addAttribute("verification", verifier.verify());
		return trail(null, null, null, null, null, 0, model);
	}
}
