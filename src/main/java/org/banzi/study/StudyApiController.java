package org.banzi.study;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.web.Imports;
import org.banzi.rules.Evaluation;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Study imports and compliance over the API. */
@RestController
class StudyApiController {

	private final StudyImporter importer;
	private final StudyCompliance compliance;
	private final StudyService service;
	private final Units units;
	private final Clock clock;

	StudyApiController(StudyImporter importer, StudyCompliance compliance, StudyService service, Units units, Clock clock) {
		this.importer = importer;
		this.compliance = compliance;
		this.service = service;
		this.units = units;
		this.clock = clock;
	}

	@PostMapping("/api/import/study-sessions")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> sessions(@RequestParam("file") MultipartFile file, Locale locale) throws IOException {
		return Imports.response(importer.importSessions(CurrentUsers.get(), String.valueOf(file.getOriginalFilename()), file.getBytes(), locale));
	}

	@PostMapping("/api/import/self-study")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> selfStudy(@RequestParam("file") MultipartFile file, Locale locale) throws IOException {
		return Imports.response(importer.importSelfStudy(CurrentUsers.get(), String.valueOf(file.getOriginalFilename()), file.getBytes(), locale));
	}

	@PostMapping("/api/import/notes")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> notes(@RequestParam("file") MultipartFile file, Locale locale) throws IOException {
		return Imports.response(importer.importNotes(CurrentUsers.get(), String.valueOf(file.getOriginalFilename()), file.getBytes(), locale));
	}


	@GetMapping("/api/study/compliance")
	@PreAuthorize(Access.READ_ORGANIZATION)
	Map<String, Object> compliance(@RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable String unit) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.place(user, unit);
		int chosen = year == null ? Year.now(clock).getValue() : year;
		LocalDate day = Rules.reportDay(chosen, service.today());
		Scope scope = new Scope(place.id(), place.path());
		List<Map<String, Object>> teams = compliance.teams(scope, chosen, day).stream().map(team -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("unit", team.unit().code());
			json.put("sessions", team.sessions());
			json.put("hours", team.hours());
			json.put("planned", team.planned());
			json.put("behind", evaluations(team.evaluations()));
			return json;
		}).toList();
		List<Map<String, Object>> members = compliance.members(scope, chosen, day).stream().map(member -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("cadreNo", member.cadreNo());
			json.put("team", member.team().code());
			json.put("groupHours", member.groupHours());
			json.put("selfStudySessions", member.selfSessions());
			json.put("selfStudyHours", member.selfHours());
			json.put("noteCharacters", member.noteCharacters());
			json.put("behind", evaluations(member.evaluations()));
			return json;
		}).toList();
		return Map.of("year", chosen, "date", day.toString(), "teams", teams, "members", members);
	}

	private static List<Map<String, Object>> evaluations(List<Evaluation> evaluations) {
		return evaluations.stream().filter(Evaluation::behind).map(evaluation -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("rule", evaluation.rule().key());
			json.put("threshold", evaluation.rule().formattedValue());
			json.put("measured", evaluation.measured());
			json.put("shortfall", evaluation.gap());
			json.put("source", evaluation.rule().citation());
			return json;
		}).toList();
	}
}
