package org.banzi.responsibility;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.TabularWriter;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.Page;
import org.banzi.platform.web.WorkingYear;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The responsibility system's pages: the lists of a scope and year, their export, and the two imports. */
@Controller
class ResponsibilityController {

	static final List<String> STATUSES = List.of("all", "open", "overdue", "completed");

	private final ResponsibilityViews views;
	private final ResponsibilityRepository repository;
	private final ResponsibilityImporter importer;
	private final ResponsibilityChecks checks;
	private final Units units;

	ResponsibilityController(ResponsibilityViews views, ResponsibilityRepository repository, ResponsibilityImporter importer,
			ResponsibilityChecks checks, Units units) {
		this.views = views;
		this.repository = repository;
		this.importer = importer;
		this.checks = checks;
		this.units = units;
	}

	@GetMapping("/responsibility")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String list(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "all") String status,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "0") int teamPage,
			@RequestParam(defaultValue = "0") int meetingPage, @RequestParam(defaultValue = "0") int size, Model model,
			HttpServletRequest request) {
		Unit place = units.place(CurrentUsers.get(), unit);
		Scope scope = new Scope(place.id(), place.path());
		int year = WorkingYear.of(request);
		LocalDate day = Rules.reportDay(year, checks.today());
		String chosen = STATUSES.contains(status) ? status : "all";
		List<ResponsibilityRepository.TaskRow> tasks = views.tasks(scope, year, chosen, day);
		int rows = Page.size(size);
		model.addAttribute("place", place);
		model.addAttribute("year", year);
		model.addAttribute("day", day);
		model.addAttribute("status", chosen);
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("page", Page.of(tasks, page, rows));
		model.addAttribute("teams", Page.of(views.teams(scope, year, day), teamPage, rows));
		model.addAttribute("meetings", Page.of(views.meetings(scope, year), meetingPage, rows));
		model.addAttribute("size", size);
		return "responsibility/list";
	}

	@GetMapping("/responsibility/export")
	@PreAuthorize(Access.READ_ORGANIZATION)
	void export(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "responsibility-tasks") String what,
			@RequestParam(defaultValue = "xlsx") String format, HttpServletRequest request, HttpServletResponse response, Locale locale)
			throws IOException {
		Unit place = units.place(CurrentUsers.get(), unit);
		Scope scope = new Scope(place.id(), place.path());
		int year = WorkingYear.of(request);
		String kind = Imports.chosen(ResponsibilityImporter.KINDS, what);
		TabularWriter.Format type = TabularWriter.Format.parse(format);
		response.setContentType(type.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"" + kind + "-" + year + "." + type.extension() + "\"");
		List<String> header = ResponsibilityImporter.columns(kind).stream().map(c -> c.header(locale)).toList();
		if ("analysis-meetings".equals(kind)) {
			java.util.Map<Long, Unit> all = units.lookup();
			TabularWriter.write(type, header, sink -> repository.meetings(scope, year).forEach(m -> sink.accept(List.of(
					all.get(m.getKey().unitId()).code(), m.getKey().date(), m.getKey().topic()))), response.getOutputStream());
		}
		else {
			TabularWriter.write(type, header, sink -> repository.tasks(scope, year).forEach(t -> sink.accept(List.of(t.unitCode(),
					t.task().year(), t.task().task(), t.ownerNo(), t.task().dueOn(),
					t.task().completedOn() == null ? "" : t.task().completedOn()))), response.getOutputStream());
		}
	}

	@GetMapping("/responsibility/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importForm(Model model) {
		model.addAttribute("kinds", ResponsibilityImporter.KINDS);
		return "responsibility/import";
	}

	@PostMapping("/responsibility/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importFile(@RequestParam(defaultValue = "responsibility-tasks") String kind, @RequestParam("file") MultipartFile file, Model model,
			Locale locale, ImportJobs jobs) throws IOException {
		return jobs.onPage(model, file, ResponsibilityImporter.KINDS, kind, "/responsibility/import", "responsibility/import",
				(chosen, name, content) -> importer.importKind(chosen, CurrentUsers.get(), name, content, locale));
	}

	@GetMapping("/responsibility/template")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	void template(@RequestParam(defaultValue = "responsibility-tasks") String kind, @RequestParam(defaultValue = "xlsx") String format,
			Locale locale, HttpServletResponse response) throws IOException {
		String chosen = Imports.chosen(ResponsibilityImporter.KINDS, kind);
		Imports.template(response, chosen, ResponsibilityImporter.columns(chosen), format, locale);
	}
}
