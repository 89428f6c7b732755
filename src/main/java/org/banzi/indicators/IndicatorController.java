package org.banzi.indicators;

import java.io.IOException;
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
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.TabularWriter;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.WorkingYear;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** The indicators of a scope (this year and the last), their import for the statistics office, and the same over the API. */
@Controller
class IndicatorController {

	private final IndicatorRepository repository;
	private final IndicatorImporter importer;
	private final Units units;

	IndicatorController(IndicatorRepository repository, IndicatorImporter importer, Units units) {
		this.repository = repository;
		this.importer = importer;
		this.units = units;
	}

	@GetMapping("/indicators")
	@PreAuthorize(Access.READ_INDICATORS)
	String list(@RequestParam(required = false) @Nullable String unit, Model model, HttpServletRequest request) {
		Unit place = units.place(CurrentUsers.get(), unit);
		int year = WorkingYear.of(request);
		model.addAttribute("place", place);
		model.addAttribute("year", year);
		model.addAttribute("rows", repository.rows(new Scope(place.id(), place.path()), year - 1, year));
		return "indicators/list";
	}

	@GetMapping("/indicators/export")
	@PreAuthorize(Access.READ_INDICATORS)
	void export(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "xlsx") String format,
			HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
		Unit place = units.place(CurrentUsers.get(), unit);
		int year = WorkingYear.of(request);
		TabularWriter.Format type = TabularWriter.Format.parse(format);
		response.setContentType(type.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"indicators-" + year + "." + type.extension() + "\"");
		TabularWriter.write(type, IndicatorImporter.COLUMNS.stream().map(c -> c.header(locale)).toList(),
				sink -> repository.rows(new Scope(place.id(), place.path()), year - 1, year).forEach(r -> sink.accept(List.of(r.unitCode(),
						r.entry().year(), r.entry().indicator().name(), r.entry().value(), r.entry().unitOfMeasure(), r.entry().source(),
						r.entry().publishedOn()))),
				response.getOutputStream());
	}

	@GetMapping("/indicators/import")
	@PreAuthorize(Access.ENTER_INDICATORS)
	String importForm(Model model) {
		model.addAttribute("kinds", List.of("indicators"));
		return "indicators/import";
	}

	@PostMapping("/indicators/import")
	@PreAuthorize(Access.ENTER_INDICATORS)
	String importFile(@RequestParam("file") MultipartFile file, Model model, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.onPage(model, file, List.of("indicators"), "indicators", "/indicators/import", "indicators/import",
				(kind, name, content) -> importer.importFile(CurrentUsers.get(), name, content, locale));
	}

	@GetMapping("/indicators/template")
	@PreAuthorize(Access.ENTER_INDICATORS)
	void template(@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response) throws IOException {
		Imports.template(response, "indicators", importer.templateColumns(), format, locale);
	}

	@PostMapping("/api/import/indicators")
	@PreAuthorize(Access.ENTER_INDICATORS)
	@ResponseBody
	ResponseEntity<ImportReport> importApi(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("indicators", file, (name, content) -> importer.importFile(CurrentUsers.get(), name, content, locale));
	}

	record IndicatorJson(String unit, int year, String indicator, java.math.BigDecimal value, String unitOfMeasure, String source,
			java.time.LocalDate publishedOn) {
	}

	@GetMapping("/api/indicators")
	@PreAuthorize(Access.READ_INDICATORS)
	@ResponseBody
	List<IndicatorJson> api(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit,
			HttpServletRequest request) {
		Unit place = units.place(CurrentUsers.get(), unit);
		int chosen = year == null ? WorkingYear.of(request) : year;
		return repository.rows(new Scope(place.id(), place.path()), chosen, chosen).stream()
			.map(r -> new IndicatorJson(r.unitCode(), r.entry().year(), r.entry().indicator().name(), r.entry().value(),
					r.entry().unitOfMeasure(), r.entry().source(), r.entry().publishedOn()))
			.toList();
	}
}
