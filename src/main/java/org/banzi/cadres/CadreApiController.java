package org.banzi.cadres;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.web.Page;
import org.banzi.platform.web.PageJson;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Cadres, posts, teams and tenure flags over the API. */
@RestController
class CadreApiController {

	private final CadreRepository repository;
	private final CadreImporter importer;
	private final TenureClock tenure;
	private final Units units;
	private final Clock clock;

	CadreApiController(CadreRepository repository, CadreImporter importer, TenureClock tenure, Units units, Clock clock) {
		this.repository = repository;
		this.importer = importer;
		this.tenure = tenure;
		this.units = units;
		this.clock = clock;
	}

	@PostMapping("/api/import/cadres")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importCadres(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("cadres", file, (name, content) -> importer.importCadres(CurrentUsers.get(), name, content, locale));
	}

	@PostMapping("/api/import/posts")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importPosts(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("posts", file, (name, content) -> importer.importPosts(CurrentUsers.get(), name, content, locale));
	}

	@PostMapping("/api/import/team-members")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importMembers(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("team-members", file, (name, content) -> importer.importMemberships(CurrentUsers.get(), name, content, locale));
	}


	/** A cadre as the JSON API lists it: the ID number masked. */
	record CadreJson(String cadreNo, String name, String gender, LocalDate birthDate, String rank, String unitCode, String idNumber) {
	}

	/** A post held past a tenure rule. */
	record TenureFlagJson(String cadreNo, String name, String unitCode, String post, LocalDate since, Object years, String rule,
			String threshold, String source) {
	}

	@GetMapping("/api/cadres")
	@PreAuthorize(Access.READ_ORGANIZATION)
	PageJson<CadreJson> cadres(@RequestParam(required = false) @Nullable String unit,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable Rank rank,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		Page<Cadre> result = repository.search(new CadreRepository.Search(scope(unit), q, rank), Math.max(0, page), Page.size(size));
		Map<Long, Unit> all = units.lookup();
		return PageJson.of(result, cadre -> new CadreJson(cadre.cadreNo(), cadre.name(), String.valueOf(cadre.gender()),
				cadre.birthDate(), cadre.rank().name(), all.containsKey(cadre.homeUnitId()) ? all.get(cadre.homeUnitId()).code() : "",
				cadre.idNumberMasked()));
	}

	@GetMapping("/api/tenure-flags")
	@PreAuthorize(Access.READ_ORGANIZATION)
	List<TenureFlagJson> flags(@RequestParam(required = false) @Nullable String unit) {
		return tenure.flags(scope(unit), LocalDate.now(clock)).stream()
			.map(flag -> new TenureFlagJson(flag.cadreNo(), flag.cadreName(), flag.unitCode(), flag.title(), flag.since(),
					flag.measured(), flag.ruleKey(), flag.evaluation().rule().formattedValue(), flag.evaluation().rule().citation()))
			.toList();
	}

	private Scope scope(@Nullable String unitCode) {
		return units.scopeAt(CurrentUsers.get(), unitCode);
	}
}
