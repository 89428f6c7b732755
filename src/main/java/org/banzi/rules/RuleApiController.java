package org.banzi.rules;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Locale;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
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
	ResponseEntity<ImportReport> importRules(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("rules", file, (name, content) -> importer.importFile(CurrentUsers.get(), name, content, locale));
	}

	/** The rules in force at a unit on a day. */
	record RulesJson(UnitRef unit, LocalDate date, List<RuleJson> rules) {
	}

	record UnitRef(String code, String name) {
	}

	/** A rule version in force: where it was set (null for the default), and whether the unit inherits it. */
	record RuleJson(String key, String appliesTo, String comparison, String value, Object threshold, String measure, String source,
			String article, LocalDate effectiveFrom, @Nullable LocalDate effectiveTo, @Nullable String definedAt, boolean inherited,
			String changedBy, String changedAt) {
	}

	@GetMapping("/api/rules")
	@PreAuthorize(Access.READ_ORGANIZATION)
	RulesJson inForce(@RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable String unit) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.place(user, unit);
		LocalDate day = Rules.reportDay(year == null ? Year.now(clock).getValue() : year, LocalDate.now(clock));
		return new RulesJson(new UnitRef(place.code(), place.name()), day,
				rules.inForce(place, day).stream().map(rule -> json(rule, place)).toList());
	}

	private RuleJson json(AppliedRule rule, Unit place) {
		return new RuleJson(rule.key(), rule.appliesTo(), rule.comparison().name(), rule.formattedValue(), rule.threshold(),
				rule.measure().name(), rule.sourceTitle(), rule.sourceArticle(), rule.effectiveFrom(), rule.effectiveTo(),
				rule.definedAtUnitId() == null ? null : units.findById(rule.definedAtUnitId()).map(Unit::code).orElse(null),
				!rule.setAt(place.id()), rule.createdBy(), rule.createdAt().toString());
	}
}
