package org.banzi.responsibility;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The responsibility system over the API: its two imports, the tasks of a year and each team's analysis meetings. */
@RestController
class ResponsibilityApiController {

	private final ResponsibilityImporter importer;
	private final ResponsibilityViews views;
	private final ResponsibilityChecks checks;
	private final Units units;

	ResponsibilityApiController(ResponsibilityImporter importer, ResponsibilityViews views, ResponsibilityChecks checks, Units units) {
		this.importer = importer;
		this.views = views;
		this.checks = checks;
		this.units = units;
	}

	@PostMapping({ "/api/import/responsibility-tasks", "/api/import/analysis-meetings" })
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importFile(HttpServletRequest request, @RequestParam("file") MultipartFile file, Locale locale,
			ImportJobs jobs) throws IOException {
		String kind = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
		return jobs.respond(kind, file, (name, content) -> importer.importKind(kind, CurrentUsers.get(), name, content, locale));
	}

	record TaskJson(String unit, int year, String task, String owner, LocalDate dueOn, @Nullable LocalDate completedOn, boolean overdue) {
	}

	@GetMapping("/api/responsibility/tasks")
	@PreAuthorize(Access.READ_ORGANIZATION)
	List<TaskJson> tasks(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit,
			@RequestParam(defaultValue = "all") String status) {
		Unit place = units.place(CurrentUsers.get(), unit);
		int chosen = year == null ? checks.today().getYear() : year;
		LocalDate day = Rules.reportDay(chosen, checks.today());
		return views.tasks(new Scope(place.id(), place.path()), chosen, status, day).stream()
			.map(t -> new TaskJson(t.unitCode(), t.task().year(), t.task().task(), t.ownerNo(), t.task().dueOn(), t.task().completedOn(),
					t.task().overdueOn(day)))
			.toList();
	}

	record TeamJson(String unit, @Nullable String firstResponsible, long analysisMeetings, @Nullable String target, boolean behind) {
	}

	@GetMapping("/api/responsibility/teams")
	@PreAuthorize(Access.READ_ORGANIZATION)
	List<TeamJson> teams(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit) {
		Unit place = units.place(CurrentUsers.get(), unit);
		int chosen = year == null ? checks.today().getYear() : year;
		return views.teams(new Scope(place.id(), place.path()), chosen, Rules.reportDay(chosen, checks.today())).stream()
			.map(t -> new TeamJson(t.team().unitCode(), t.secretary() == null ? null : t.secretary().cadreNo(), t.team().meetings(), t.rule() == null ? null : t.rule().formattedValue(), t.behind()))
			.toList();
	}
}
