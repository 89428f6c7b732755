package org.banzi.study;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.Locale;

import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.Upload;
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
	ResponseEntity<ImportReport> sessions(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("study-sessions", file, (filename, content) -> importer.importSessions(CurrentUsers.get(), filename, content, locale));
	}

	@PostMapping("/api/import/self-study")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> selfStudy(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("self-study", file, (Upload upload) -> importer.importSelfStudy(CurrentUsers.get(), upload, locale));
	}

	@PostMapping("/api/import/notes")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> notes(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("notes", file, (filename, content) -> importer.importNotes(CurrentUsers.get(), filename, content, locale));
	}


	/** Study against the targets: each team's sessions and each member's study, with the rules found behind. */
	record ComplianceJson(int year, String date, List<TeamJson> teams, List<MemberJson> members) {
	}

	record TeamJson(String unit, long sessions, BigDecimal hours, long planned, List<BehindJson> behind) {
	}

	record MemberJson(String cadreNo, String team, BigDecimal groupHours, long selfStudySessions, BigDecimal selfStudyHours,
			long noteCharacters, List<BehindJson> behind) {
	}

	record BehindJson(String rule, String threshold, BigDecimal measured, BigDecimal shortfall, String source) {
	}

	@GetMapping("/api/study/compliance")
	@PreAuthorize(Access.READ_ORGANIZATION)
	ComplianceJson compliance(@RequestParam(required = false) @Nullable Integer year,
			@RequestParam(required = false) @Nullable String unit) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.place(user, unit);
		int chosen = year == null ? Year.now(clock).getValue() : year;
		LocalDate day = Rules.reportDay(chosen, service.today());
		Scope scope = new Scope(place.id(), place.path());
		List<TeamJson> teams = compliance.teams(scope, chosen, day).stream()
			.map(team -> new TeamJson(team.unit().code(), team.sessions(), team.hours(), team.planned(), behind(team.evaluations())))
			.toList();
		List<MemberJson> members = compliance.members(scope, chosen, day).stream()
			.map(member -> new MemberJson(member.cadreNo(), member.team().code(), member.groupHours(), member.selfSessions(),
					member.selfHours(), member.noteCharacters(), behind(member.evaluations())))
			.toList();
		return new ComplianceJson(chosen, day.toString(), teams, members);
	}

	private static List<BehindJson> behind(List<Evaluation> evaluations) {
		return evaluations.stream().filter(Evaluation::behind).map(evaluation -> new BehindJson(evaluation.rule().key(),
				evaluation.rule().formattedValue(), evaluation.measured(), evaluation.gap(), evaluation.rule().citation())).toList();
	}
}
