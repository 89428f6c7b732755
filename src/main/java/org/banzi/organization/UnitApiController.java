package org.banzi.organization;

import java.io.IOException;
import java.util.Locale;

import org.banzi.platform.Access;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.web.Page;
import org.banzi.platform.web.PageJson;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The organization tree as JSON, for scripts and integration. */
@RestController
class UnitApiController {

	private final Units units;
	private final UnitRepository repository;
	private final UnitImporter importer;

	UnitApiController(Units units, UnitRepository repository, UnitImporter importer) {
		this.units = units;
		this.repository = repository;
		this.importer = importer;
	}

	@GetMapping("/api/units")
	@PreAuthorize(Access.READ_ORGANIZATION)
	PageJson<UnitController.UnitJson> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		Scope scope = units.scopeOf(CurrentUsers.get());
		Page<UnitRepository.Listed> result = repository.pageListed(scope, Math.max(0, page), Page.size(size));
		return PageJson.of(result, listed -> UnitController.UnitJson.of(listed.unit(), listed.parentCode()));
	}

	@GetMapping("/api/units/{code}")
	@PreAuthorize(Access.READ_ORGANIZATION)
	UnitController.UnitJson get(@PathVariable String code) {
		CurrentUser user = CurrentUsers.get();
		Unit unit = units.getInScope(user, code);
		String parentCode = unit.parentId() == null ? null
				: units.findById(unit.parentId()).map(Unit::code).orElse(null);
		return UnitController.UnitJson.of(unit, parentCode);
	}

	@PostMapping("/api/import/units")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importUnits(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("units", file, (name, content) -> importer.importFile(CurrentUsers.get(), name, content, locale));
	}
}
