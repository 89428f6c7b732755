package org.banzi.assistance;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.banzi.assistance.AssistanceRecords.Household;
import org.banzi.assistance.AssistanceRecords.Pairing;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
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

/** The assistance ledger over the API: its five imports and reads of the year's sites and pairings. */
@RestController
class AssistanceApiController {

	private final AssistanceImporter importer;
	private final AssistanceRepository repository;
	private final AssistanceService service;
	private final Cadres cadres;
	private final Units units;

	AssistanceApiController(AssistanceImporter importer, AssistanceRepository repository, AssistanceService service, Cadres cadres,
			Units units) {
		this.importer = importer;
		this.repository = repository;
		this.service = service;
		this.cadres = cadres;
		this.units = units;
	}

	@PostMapping({ "/api/import/assistance-sites", "/api/import/households", "/api/import/pairings", "/api/import/visits",
			"/api/import/assistance-help" })
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importFile(HttpServletRequest request, @RequestParam("file") MultipartFile file, Locale locale,
			ImportJobs jobs) throws IOException {
		String kind = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
		return jobs.respond(kind, file, (name, content) -> importer.importKind(kind, CurrentUsers.get(), name, content, locale));
	}

	record SiteJson(int year, String village, String kind, String leader, List<String> departments, String targets) {
	}

	@GetMapping("/api/assistance/sites")
	@PreAuthorize(Access.READ_ORGANIZATION)
	List<SiteJson> sites(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit) {
		Unit place = units.place(CurrentUsers.get(), unit);
		List<AssistanceRecords.Site> sites = repository.sites(new Scope(place.id(), place.path()), year == null ? service.today().getYear() : year);
		Set<Long> leaders = new HashSet<>();
		sites.forEach(s -> leaders.add(s.leaderCadreId()));
		Map<Long, Cadre> names = cadres.findByIds(leaders);
		Map<Long, Unit> all = units.lookup();
		return sites.stream().map(s -> new SiteJson(s.year(), all.get(s.villageId()).code(), s.kind().name(),
				names.get(s.leaderCadreId()).cadreNo(), s.departmentIds().stream().map(id -> all.get(id).code()).toList(), s.targets()))
			.toList();
	}

	record PairingJson(int year, String cadre, String household, String village, LocalDate startDate) {
	}

	@GetMapping("/api/assistance/pairings")
	@PreAuthorize(Access.READ_ORGANIZATION)
	List<PairingJson> pairings(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit) {
		Unit place = units.place(CurrentUsers.get(), unit);
		List<Pairing> pairings = repository.pairings(new Scope(place.id(), place.path()), year == null ? service.today().getYear() : year);
		Set<Long> cadreIds = new HashSet<>();
		Set<Long> householdIds = new HashSet<>();
		pairings.forEach(p -> {
			cadreIds.add(p.cadreId());
			householdIds.add(p.householdId());
		});
		Map<Long, Cadre> names = cadres.findByIds(cadreIds);
		Map<Long, Household> households = repository.householdsByIds(householdIds);
		Map<Long, Unit> all = units.lookup();
		return pairings.stream().map(p -> new PairingJson(p.year(), names.get(p.cadreId()).cadreNo(), households.get(p.householdId()).code(),
				all.get(households.get(p.householdId()).villageId()).code(), p.startDate())).toList();
	}
}
