package org.banzi.rules;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.time.LocalDate;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.web.Imports;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rules in force at a unit in a year, as JSON. */
@RestController
class RuleApiController {

	private final Rules rules;
	private final Units units;
	private final RuleImporter importer;
	private final Clock clock;

	RuleApiController(Rules rules, Units units, RuleImporter importer, Clock clock) {
		this.rules = rules;
		this.units = units;
		this.importer = importer;
		this.clock = clock;
	}

	@PostMapping("/api/import/rules")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importRules(@RequestParam("file") MultipartFile file, Locale locale) throws IOException {
		ImportReport report = importer.importFile(CurrentUsers.get(), String.valueOf(file.getOriginalFilename()),
				file.getBytes(), locale);
		return Imports.response(report);
	}

	@GetMapping("/api/rules")
	@PreAuthorize(Access.READ_ORGANIZATION)
	Map<String, Object> inForce(@RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable String unit) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.place(user, unit);
		LocalDate day = Rules.reportDay(year == null ? Year.now(clock).getValue() : year, LocalDate.now(clock));
		List<Map<String, Object>> items = rules.inForce(place, day).stream().map(rule -> json(rule, place)).toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("unit", Map.of("code", place.code(), "name", place.name()));
		body.put("date", day.toString());
		body.put("rules", items);
		return body;
	}

	private Map<String, Object> json(AppliedRule rule, Unit place) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("key", rule.key());
		json.put("appliesTo", rule.appliesTo());
		json.put("comparison", rule.comparison().name());
		json.put("value", rule.formattedValue());
		json.put("threshold", rule.threshold());
		json.put("measure", rule.measure().name());
		json.put("source", rule.sourceTitle());
		json.put("article", rule.sourceArticle());
		json.put("effectiveFrom", rule.effectiveFrom().toString());
		json.put("effectiveTo", rule.effectiveTo() == null ? null : rule.effectiveTo().toString());
		json.put("definedAt", rule.definedAtUnitId() == null ? null
				: units.findById(rule.definedAtUnitId()).map(Unit::code).orElse(null));
		json.put("inherited", !rule.setAt(place.id()));
		json.put("changedBy", rule.createdBy());
		json.put("changedAt", rule.createdAt().toString());
		return json;
	}
}
