package org.banzi.cadres;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.Page;
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
	ResponseEntity<ImportReport> importCadres(@RequestParam("file") MultipartFile file, Locale locale) throws IOException {
		return Imports.response(importer.importCadres(CurrentUsers.get(), String.valueOf(file.getOriginalFilename()), file.getBytes(), locale));
	}

	@PostMapping("/api/import/posts")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importPosts(@RequestParam("file") MultipartFile file, Locale locale) throws IOException {
		return Imports.response(importer.importPosts(CurrentUsers.get(), String.valueOf(file.getOriginalFilename()), file.getBytes(), locale));
	}

	@PostMapping("/api/import/team-members")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importMembers(@RequestParam("file") MultipartFile file, Locale locale) throws IOException {
		return Imports.response(importer.importMemberships(CurrentUsers.get(), String.valueOf(file.getOriginalFilename()),
				file.getBytes(), locale));
	}


	@GetMapping("/api/cadres")
	@PreAuthorize(Access.READ_ORGANIZATION)
	Map<String, Object> cadres(@RequestParam(required = false) @Nullable String unit,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable Rank rank,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
		Page<Cadre> result = repository.search(new CadreRepository.Search(scope(unit), q, rank), Math.max(0, page), Page.size(size));
		Map<Long, Unit> all = units.lookup();
		List<Map<String, Object>> items = result.items().stream().map(cadre -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("cadreNo", cadre.cadreNo());
			json.put("name", cadre.name());
			json.put("gender", String.valueOf(cadre.gender()));
			json.put("birthDate", cadre.birthDate().toString());
			json.put("rank", cadre.rank().name());
			json.put("unitCode", all.containsKey(cadre.homeUnitId()) ? all.get(cadre.homeUnitId()).code() : "");
			json.put("idNumber", cadre.idNumberMasked());
			return json;
		}).toList();
		return Map.of("items", items, "page", result.number(), "size", result.size(), "total", result.total());
	}

	@GetMapping("/api/tenure-flags")
	@PreAuthorize(Access.READ_ORGANIZATION)
	List<Map<String, Object>> flags(@RequestParam(required = false) @Nullable String unit) {
		return tenure.flags(scope(unit), LocalDate.now(clock)).stream().map(flag -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("cadreNo", flag.cadreNo());
			json.put("name", flag.cadreName());
			json.put("unitCode", flag.unitCode());
			json.put("post", flag.title());
			json.put("since", flag.since().toString());
			json.put("years", flag.measured());
			json.put("rule", flag.ruleKey());
			json.put("threshold", flag.evaluation().rule().formattedValue());
			json.put("source", flag.evaluation().rule().citation());
			return json;
		}).toList();
	}

	private Scope scope(@Nullable String unitCode) {
		return units.scopeAt(CurrentUsers.get(), unitCode);
	}
}
