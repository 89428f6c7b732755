package org.banzi.integrity;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.ImportReport;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Integrity over the API, for officers (inspectors and county administrators): the check draw, imports, reports due. */
@RestController
class IntegrityApiController {

	private final IntegrityService service;
	private final IntegrityImporter importer;
	private final IntegrityFigures figures;
	private final Units units;

	IntegrityApiController(IntegrityService service, IntegrityImporter importer, IntegrityFigures figures, Units units) {
		this.service = service;
		this.importer = importer;
		this.figures = figures;
		this.units = units;
	}

	/** Draws the year's random checks reproducibly from the seed and adds every cadre promoted in the year. */
	@PostMapping("/api/integrity/checks/draw")
	@PreAuthorize(IntegrityController.STAFF)
	List<IntegrityService.Drawn> draw(@RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable Long seed) {
		// asked after the caller's role is known, so that a cadre is refused (403) before being told what is missing
		if (year == null || seed == null) {
			throw new org.banzi.platform.BusinessRuleException("integrity.draw.parameters");
		}
		return service.drawChecks(CurrentUsers.get(), year, seed);
	}

	@PostMapping({ "/api/import/personal-matters-filings", "/api/import/event-filings", "/api/import/holidays" })
	@PreAuthorize(IntegrityController.STAFF)
	ResponseEntity<ImportReport> importFile(HttpServletRequest request, @RequestParam("file") MultipartFile file, Locale locale,
			ImportJobs jobs) throws IOException {
		String kind = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
		return jobs.respond(kind, file, (name, content) -> importer.importKind(kind, CurrentUsers.get(), name, content, locale));
	}

	record DueJson(String cadreNo, String kind, LocalDate deadline, @Nullable LocalDate filedOn, boolean onTime) {
	}

	/** The reports due in the year (the annual report on the year before, and new cadres'), by name: officers only. */
	@GetMapping("/api/integrity/reports")
	@PreAuthorize(IntegrityController.STAFF)
	List<DueJson> reports(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit) {
		CurrentUser user = CurrentUsers.get();
		IntegrityService.officer(user);
		Unit place = units.place(user, unit);
		return figures.due(new Scope(place.id(), place.path()), year == null ? service.today().getYear() : year).stream()
			.map(d -> new DueJson(d.cadreNo(), d.kind(), d.deadline(), d.filedOn(), d.onTime())).toList();
	}
}
