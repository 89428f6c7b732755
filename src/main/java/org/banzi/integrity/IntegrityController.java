package org.banzi.integrity;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.TabularWriter;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.WorkingYear;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Integrity's pages. The officers' overview (reports due by name, checks, event filings and what they break), a
 * report with what changed item by item, a filing, the inspector's tip-offs; the cadre's own report and filings. A
 * unit administrator, leader or training administrator is answered 404 everywhere here.
 */
@Controller
class IntegrityController {

	/** Staff who might be sent here; the officers among them get in, the others get 404. */
	static final String STAFF = "hasAnyRole('INSPECTOR','COUNTY_ADMIN','UNIT_ADMIN','LEADER','TRAINING_ADMIN')";

	private final IntegrityService service;
	private final IntegrityRepository repository;
	private final IntegrityFigures figures;
	private final IntegrityImporter importer;
	private final EventRules eventRules;
	private final Cadres cadres;
	private final Units units;
	private final AuditTrail audit;
	private final MessageSource messages;

	IntegrityController(IntegrityService service, IntegrityRepository repository, IntegrityFigures figures, IntegrityImporter importer,
			EventRules eventRules, Cadres cadres, Units units, AuditTrail audit, MessageSource messages) {
		this.service = service;
		this.repository = repository;
		this.figures = figures;
		this.importer = importer;
		this.eventRules = eventRules;
		this.cadres = cadres;
		this.units = units;
		this.audit = audit;
		this.messages = messages;
	}

	@GetMapping("/integrity")
	@PreAuthorize(STAFF)
	String overview(@RequestParam(required = false) @Nullable String unit, Model model, HttpServletRequest request, Locale locale) {
		CurrentUser user = CurrentUsers.get();
		IntegrityService.officer(user);
		Unit place = units.place(user, unit);
		Scope scope = new Scope(place.id(), place.path());
		int year = WorkingYear.of(request);
		LocalDate day = Rules.reportDay(year, service.today());
		List<IntegrityRepository.Check> checks = repository.checks(scope, year);
		Map<IntegrityRepository.Filing, List<EventRules.Breach>> filings = figures.violations(scope, year, day);
		Set<Long> named = new HashSet<>();
		checks.forEach(c -> named.add(c.cadreId()));
		filings.keySet().forEach(f -> named.add(f.cadreId()));
		model.addAttribute("place", place);
		model.addAttribute("year", year);
		model.addAttribute("day", day);
		model.addAttribute("due", figures.due(scope, year));
		model.addAttribute("checks", checks);
		model.addAttribute("filings", filings);
		model.addAttribute("names", cadres.findByIds(named));
		model.addAttribute("outcomes", CheckOutcome.values());
		model.addAttribute("inspector", user.has(org.banzi.platform.Role.INSPECTOR));
		audit.record(AuditEntry.success("read", "integrity-overview", year, place.id(), Map.of("year", year)));
		return "integrity/overview";
	}

	@GetMapping("/integrity/reports/{id}")
	@PreAuthorize(Access.READ_ORGANIZATION_OR_SELF)
	String report(@PathVariable long id, Model model) {
		model.addAttribute("view", service.readReport(CurrentUsers.get(), id));
		model.addAttribute("items", ReportItem.values());
		return "integrity/report";
	}

	@GetMapping("/integrity/reports/export")
	@PreAuthorize(STAFF)
	void exportReports(@RequestParam int year, @RequestParam(defaultValue = "") String reason,
			@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response) throws IOException {
		CurrentUser user = CurrentUsers.get();
		IntegrityService.officer(user);
		if (reason.isBlank()) {
			throw new BusinessRuleException("integrity.export.reason");
		}
		Scope scope = units.scopeOf(user);
		List<Long> filers = repository.filers(scope, year);
		Map<Long, Cadre> names = cadres.findByIds(filers);
		Map<Long, IntegrityRepository.Report> reports = repository.annualReports(year, filers);
		audit.record(AuditEntry.success("export", "personal-matters-report", year, scope.rootId(), Map.of("year", year, "reason", reason.strip(),
				"reports", reports.size())));
		TabularWriter.Format type = TabularWriter.Format.parse(format);
		response.setContentType(type.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"personal-matters-" + year + "." + type.extension() + "\"");
		List<String> header = new ArrayList<>(List.of(message("cadre.no", locale), message("cadre.name", locale),
				message("integrity.filedOn", locale)));
		for (ReportItem item : ReportItem.values()) {
			header.add(message("integrity.item." + item, locale));
		}
		TabularWriter.write(type, header, sink -> filers.forEach(cadreId -> {
			IntegrityRepository.Report report = reports.get(cadreId);
			List<Object> row = new ArrayList<>(List.of(names.get(cadreId).cadreNo(), names.get(cadreId).name(), report.filedOn()));
			service.items(report).values().forEach(rows -> row.add(String.join("\n", rows)));
			sink.accept(row);
		}), response.getOutputStream());
	}

	private String message(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	@PostMapping("/integrity/checks/draw")
	@PreAuthorize(STAFF)
	String draw(@RequestParam int year, @RequestParam long seed, RedirectAttributes redirect, Locale locale) {
		try {
			List<IntegrityService.Drawn> drawn = service.drawChecks(CurrentUsers.get(), year, seed);
			redirect.addFlashAttribute("flash", "integrity.check.drawn");
			redirect.addFlashAttribute("flashArgs", new Object[] { drawn.size() });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashErrorText", messages.getMessage(ex.messageKey(), ex.arguments(), locale));
		}
		return "redirect:/integrity?year=" + year + "#checks";
	}

	@PostMapping("/integrity/checks/{id}/outcome")
	@PreAuthorize(STAFF)
	String outcome(@PathVariable long id, @RequestParam CheckOutcome outcome, @RequestParam(defaultValue = "") String handling,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate on, RedirectAttributes redirect) {
		service.recordOutcome(CurrentUsers.get(), id, outcome, handling, on == null ? service.today() : on);
		redirect.addFlashAttribute("flash", "integrity.check.recorded");
		return "redirect:/integrity#checks";
	}

	@GetMapping("/integrity/events/{id}")
	@PreAuthorize(Access.READ_ORGANIZATION_OR_SELF)
	String event(@PathVariable long id, Model model) {
		IntegrityRepository.Filing filing = service.readFiling(CurrentUsers.get(), id);
		Cadre cadre = cadres.findById(filing.cadreId()).orElseThrow();
		Unit unit = units.findById(cadre.homeUnitId()).orElseThrow();
		WorkingDays calendar = new WorkingDays(repository.calendar(filing.eventDate().minusYears(1), filing.eventDate().plusYears(1)));
		model.addAttribute("filing", filing);
		model.addAttribute("cadre", cadre);
		model.addAttribute("gifts", service.decrypt(filing.giftsCipher()));
		model.addAttribute("breaches", eventRules.breaches(filing, unit, calendar, service.today()));
		return "integrity/event";
	}

	// tip-offs: the inspector's alone

	@GetMapping("/integrity/tipoffs")
	@PreAuthorize(STAFF)
	String tipOffs(Model model) {
		CurrentUser user = CurrentUsers.get();
		IntegrityService.inspector(user);
		List<IntegrityRepository.TipOff> list = repository.tipOffs(units.scopeOf(user));
		Set<Long> named = new HashSet<>();
		list.forEach(t -> {
			if (t.aboutCadreId() != null) {
				named.add(t.aboutCadreId());
			}
		});
		model.addAttribute("tipoffs", list);
		model.addAttribute("names", cadres.findByIds(named));
		model.addAttribute("unitsById", units.lookup());
		model.addAttribute("today", service.today());
		return "integrity/tipoffs";
	}

	@GetMapping("/integrity/tipoffs/new")
	@PreAuthorize(STAFF)
	String newTipOff(Model model) {
		IntegrityService.inspector(CurrentUsers.get());
		model.addAttribute("channels", TipOffChannel.values());
		model.addAttribute("today", service.today());
		return "integrity/tipoff-form";
	}

	@PostMapping("/integrity/tipoffs")
	@PreAuthorize(STAFF)
	String receiveTipOff(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate receivedOn, @RequestParam TipOffChannel channel,
			@RequestParam String unitCode, @RequestParam(defaultValue = "") String cadreNo, @RequestParam String summary,
			@RequestParam(defaultValue = "") String informant, @RequestParam(defaultValue = "") String handler, RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		IntegrityService.inspector(user);
		Unit unit = units.getInScope(user, unitCode);
		Cadre about = cadreNo.isBlank() ? null : cadres.findByNo(cadreNo.strip()).filter(c -> units.inScope(user, c.homeUnitId()))
			.orElseThrow(() -> new NotFoundException("integrity.cadre.unknown", cadreNo));
		long id = service.receiveTipOff(user, receivedOn, channel, about, unit, summary, informant, handler);
		redirect.addFlashAttribute("flash", "integrity.tipoff.recorded");
		return "redirect:/integrity/tipoffs/" + id;
	}

	@GetMapping("/integrity/tipoffs/{id}")
	@PreAuthorize(STAFF)
	String tipOff(@PathVariable long id, Model model) {
		IntegrityRepository.TipOff tipOff = service.readTipOff(CurrentUsers.get(), id);
		model.addAttribute("tipoff", tipOff);
		model.addAttribute("summary", service.decrypt(tipOff.summaryCipher()));
		model.addAttribute("informant", service.decrypt(tipOff.informantCipher()));
		model.addAttribute("handling", service.decrypt(tipOff.handlingCipher()));
		model.addAttribute("unit", units.findById(tipOff.aboutUnitId()).orElseThrow());
		model.addAttribute("about", tipOff.aboutCadreId() == null ? null : cadres.findById(tipOff.aboutCadreId()).orElse(null));
		model.addAttribute("outcomes", TipOffOutcome.values());
		model.addAttribute("today", service.today());
		return "integrity/tipoff";
	}

	@PostMapping("/integrity/tipoffs/{id}/close")
	@PreAuthorize(STAFF)
	String closeTipOff(@PathVariable long id, @RequestParam TipOffOutcome outcome, @RequestParam(defaultValue = "") String handling,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate closedOn,
			RedirectAttributes redirect, Locale locale) {
		try {
			service.closeTipOff(CurrentUsers.get(), id, outcome, handling, closedOn == null ? service.today() : closedOn);
			redirect.addFlashAttribute("flash", "integrity.tipoff.closed");
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashErrorText", messages.getMessage(ex.messageKey(), ex.arguments(), locale));
		}
		return "redirect:/integrity/tipoffs/" + id;
	}

	// the cadre's own

	@GetMapping("/my/integrity")
	@PreAuthorize("hasRole('CADRE')")
	String mine(@RequestParam(required = false) @Nullable Integer year, Model model) {
		Cadre cadre = own();
		int reportYear = year == null ? service.today().getYear() - 1 : year;
		model.addAttribute("cadre", cadre);
		model.addAttribute("year", reportYear);
		Map<ReportItem, String> form = new EnumMap<>(ReportItem.class);
		service.form(cadre, reportYear).forEach((item, rows) -> form.put(item, String.join("\n", rows)));
		model.addAttribute("form", form);
		model.addAttribute("items", ReportItem.values());
		model.addAttribute("reports", repository.reportsOf(cadre.id()));
		model.addAttribute("filings", repository.filingsOf(cadre.id()));
		model.addAttribute("kinds", EventKind.values());
		model.addAttribute("today", service.today());
		return "integrity/my-integrity";
	}

	private Cadre own() {
		return cadres.ownCadre(CurrentUsers.get()).orElseThrow(() -> new NotFoundException("cadre.notFound", "-"));
	}

	@PostMapping("/my/integrity/report")
	@PreAuthorize("hasRole('CADRE')")
	String file(@RequestParam int year, @RequestParam Map<String, String> all, RedirectAttributes redirect, Locale locale) {
		Map<ReportItem, List<String>> items = new EnumMap<>(ReportItem.class);
		for (ReportItem item : ReportItem.values()) {
			String text = all.getOrDefault("item_" + item.name(), "");
			items.put(item, text.lines().toList());
		}
		try {
			service.file(own(), year, items);
			redirect.addFlashAttribute("flash", "integrity.report.filed");
			redirect.addFlashAttribute("flashArgs", new Object[] { year });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashErrorText", messages.getMessage(ex.messageKey(), ex.arguments(), locale));
		}
		return "redirect:/my/integrity?year=" + year;
	}

	@PostMapping("/my/integrity/events")
	@PreAuthorize("hasRole('CADRE')")
	String fileEvent(@RequestParam EventKind kind, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate eventDate,
			@RequestParam(required = false) @Nullable Integer guests, @RequestParam(required = false) @Nullable Integer tables,
			@RequestParam(required = false) @Nullable Integer cars, @RequestParam(required = false) @Nullable Integer officialCars,
			@RequestParam(defaultValue = "") String gifts, RedirectAttributes redirect, Locale locale) {
		try {
			service.fileEvent(own(), kind, eventDate, guests, tables, cars, officialCars, gifts);
			redirect.addFlashAttribute("flash", "integrity.event.filed");
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashErrorText", messages.getMessage(ex.messageKey(), ex.arguments(), locale));
		}
		return "redirect:/my/integrity";
	}

	// import

	@GetMapping("/integrity/import")
	@PreAuthorize(STAFF)
	String importForm(Model model) {
		IntegrityService.officer(CurrentUsers.get());
		model.addAttribute("kinds", IntegrityImporter.KINDS);
		return "integrity/import";
	}

	@PostMapping("/integrity/import")
	@PreAuthorize(STAFF)
	String importFile(@RequestParam(defaultValue = "personal-matters-filings") String kind, @RequestParam("file") MultipartFile file,
			Model model, Locale locale, ImportJobs jobs) throws IOException {
		CurrentUser user = CurrentUsers.get();
		IntegrityService.officer(user);
		return jobs.onPage(model, file, IntegrityImporter.KINDS, kind, "/integrity/import", "integrity/import",
				(chosen, name, content) -> importer.importKind(chosen, user, name, content, locale));
	}

	@GetMapping("/integrity/template")
	@PreAuthorize(STAFF)
	void template(@RequestParam(defaultValue = "personal-matters-filings") String kind, @RequestParam(defaultValue = "xlsx") String format,
			Locale locale, HttpServletResponse response) throws IOException {
		IntegrityService.officer(CurrentUsers.get());
		String chosen = Imports.chosen(IntegrityImporter.KINDS, kind);
		Imports.template(response, chosen, IntegrityImporter.columns(chosen), format, locale);
	}
}
