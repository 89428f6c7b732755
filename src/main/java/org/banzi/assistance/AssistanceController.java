package org.banzi.assistance;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.banzi.assistance.AssistanceRecords.Help;
import org.banzi.assistance.AssistanceRecords.Household;
import org.banzi.assistance.AssistanceRecords.Pairing;
import org.banzi.assistance.AssistanceRecords.Site;
import org.banzi.assistance.AssistanceRecords.Visit;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.TabularWriter;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.Page;
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
 * The assistance ledger's pages: the year's sites with their leader, departments and help, the problems; pairings
 * with their last visit; a village and a household; the cadre's own households ("我的帮扶") with a visit in one tap;
 * exports and imports.
 */
@Controller
class AssistanceController {

	private final AssistanceRepository repository;
	private final AssistanceService service;
	private final AssistanceFigures figures;
	private final AssistanceImporter importer;
	private final Cadres cadres;
	private final Units units;
	private final MessageSource messages;

	AssistanceController(AssistanceRepository repository, AssistanceService service, AssistanceFigures figures, AssistanceImporter importer,
			Cadres cadres, Units units, MessageSource messages) {
		this.repository = repository;
		this.service = service;
		this.figures = figures;
		this.importer = importer;
		this.cadres = cadres;
		this.units = units;
		this.messages = messages;
	}

	/** A site with what its village received in the year. */
	record SiteRow(Site site, Unit village, Cadre leader, List<Unit> departments, BigDecimal funds, BigDecimal materials, int houses) {
	}

	@GetMapping("/assistance")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String sites(@RequestParam(required = false) @Nullable String unit, Model model, HttpServletRequest request, Locale locale) {
		Unit place = units.place(CurrentUsers.get(), unit);
		Scope scope = new Scope(place.id(), place.path());
		int year = WorkingYear.of(request);
		Map<Long, Unit> all = units.lookup();
		model.addAttribute("place", place);
		model.addAttribute("year", year);
		model.addAttribute("sites", siteRows(scope, year, all));
		model.addAttribute("problems", figures.find(scope, year, Rules.reportDay(year, service.today())).stream()
			.map(f -> figures.text(f, locale)).toList());
		return "assistance/sites";
	}

	private List<SiteRow> siteRows(Scope scope, int year, Map<Long, Unit> all) {
		List<Site> sites = repository.sites(scope, year);
		Set<Long> leaders = new HashSet<>();
		sites.forEach(s -> leaders.add(s.leaderCadreId()));
		Map<Long, Cadre> names = cadres.findByIds(leaders);
		Map<Long, AssistanceRepository.HelpTotals> help = repository.helpTotals(scope, year);
		AssistanceRepository.HelpTotals none = new AssistanceRepository.HelpTotals(BigDecimal.ZERO, BigDecimal.ZERO, 0);
		List<SiteRow> rows = new ArrayList<>();
		for (Site site : sites) {
			AssistanceRepository.HelpTotals given = help.getOrDefault(site.villageId(), none);
			rows.add(new SiteRow(site, all.get(site.villageId()), names.get(site.leaderCadreId()),
					site.departmentIds().stream().map(all::get).toList(), given.funds(), given.materials(), given.houses()));
		}
		return rows;
	}

	@GetMapping("/assistance/pairings")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String pairings(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "0") int page, Model model,
			HttpServletRequest request) {
		Unit place = units.place(CurrentUsers.get(), unit);
		int year = WorkingYear.of(request);
		LocalDate day = Rules.reportDay(year, service.today());
		List<AssistanceFigures.PairingState> all = figures.pairingStates(new Scope(place.id(), place.path()), year, day);
		model.addAttribute("page", Page.of(all, page, Page.size(50)));
		model.addAttribute("place", place);
		model.addAttribute("day", day);
		model.addAttribute("unitsById", units.lookup());
		return "assistance/pairings";
	}

	@GetMapping("/assistance/villages/{code}")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String village(@PathVariable String code, Model model, HttpServletRequest request) {
		Unit village = units.getInScope(CurrentUsers.get(), code);
		int year = WorkingYear.of(request);
		Map<Long, Unit> all = units.lookup();
		model.addAttribute("village", village);
		model.addAttribute("sites", siteRows(new Scope(village.id(), village.path()), year, all));
		model.addAttribute("households", repository.householdsOfVillage(village.id()));
		model.addAttribute("help", repository.helpTo(village.id(), null));
		model.addAttribute("unitsById", all);
		return "assistance/village";
	}

	@GetMapping("/assistance/households/{id}")
	@PreAuthorize(Access.READ_ORGANIZATION_OR_SELF)
	String household(@PathVariable long id, Model model) {
		CurrentUser user = CurrentUsers.get();
		Household household = service.visibleHousehold(user, id, cadres.ownCadre(user).orElse(null));
		List<Pairing> pairings = repository.pairingsOfHousehold(id);
		List<AssistanceRecords.Visit> visits = repository.visitsOfHousehold(id);
		Set<Long> named = new HashSet<>();
		pairings.forEach(p -> named.add(p.cadreId()));
		visits.forEach(v -> named.add(v.cadreId()));
		model.addAttribute("household", household);
		model.addAttribute("village", units.findById(household.villageId()).orElseThrow());
		model.addAttribute("pairings", pairings);
		model.addAttribute("visits", visits);
		model.addAttribute("help", repository.helpTo(household.villageId(), household.id()));
		model.addAttribute("names", cadres.findByIds(named));
		model.addAttribute("unitsById", units.lookup());
		return "assistance/household";
	}

	/** One of the cadre's households this year, with the last visit. */
	record MyHousehold(Household household, Unit village, @Nullable LocalDate lastVisit) {
	}

	@GetMapping("/my/assistance")
	@PreAuthorize("hasRole('CADRE')")
	String mine(Model model) {
		Cadre cadre = cadres.ownCadre(CurrentUsers.get()).orElseThrow(() -> new NotFoundException("cadre.notFound", "-"));
		LocalDate today = service.today();
		List<Pairing> pairings = repository.pairingsOfCadre(cadre.id(), today.getYear());
		Map<Long, Household> households = repository.householdsByIds(pairings.stream().map(Pairing::householdId).toList());
		Map<Long, LocalDate> last = repository.lastVisits(cadre.id(), today);
		List<MyHousehold> mine = new ArrayList<>();
		for (Pairing p : pairings) {
			Household h = households.get(p.householdId());
			mine.add(new MyHousehold(h, units.findById(h.villageId()).orElseThrow(), last.get(h.id())));
		}
		model.addAttribute("cadre", cadre);
		model.addAttribute("households", mine);
		model.addAttribute("today", today);
		return "assistance/my-assistance";
	}

	@PostMapping("/my/assistance/visits")
	@PreAuthorize("hasRole('CADRE')")
	String visit(@RequestParam long household, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(defaultValue = "") String what, RedirectAttributes redirect, Locale locale) {
		Cadre cadre = cadres.ownCadre(CurrentUsers.get()).orElseThrow(() -> new NotFoundException("cadre.notFound", "-"));
		Checked<Long> result = service.recordVisit(cadre, household, date == null ? service.today() : date, what);
		if (result.ok()) {
			redirect.addFlashAttribute("flash", "assistance.visit.recorded");
		}
		else {
			redirect.addFlashAttribute("flashErrorText", result.problems().stream()
				.map(p -> messages.getMessage(p.messageKey(), p.arguments(), locale)).reduce((a, b) -> a + " " + b).orElse(""));
		}
		return "redirect:/my/assistance";
	}

	@GetMapping("/assistance/export")
	@PreAuthorize(Access.READ_ORGANIZATION)
	void export(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "sites") String what,
			@RequestParam(defaultValue = "xlsx") String format, HttpServletRequest request, HttpServletResponse response, Locale locale)
			throws IOException {
		Unit place = units.place(CurrentUsers.get(), unit);
		Scope scope = new Scope(place.id(), place.path());
		int year = WorkingYear.of(request);
		Map<Long, Unit> all = units.lookup();
		TabularWriter.Format type = TabularWriter.Format.parse(format);
		String kind = switch (what) {
			case "households", "pairings", "visits", "assistance-help" -> what;
			default -> "assistance-sites";
		};
		response.setContentType(type.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"" + kind + "-" + year + "." + type.extension() + "\"");
		List<String> header = AssistanceImporter.columns(kind).stream().map(c -> c.header(locale)).toList();
		switch (kind) {
			case "households" -> TabularWriter.write(type, header, sink -> repository.households(scope).forEach(h -> sink.accept(List.of(
					h.code(), all.get(h.villageId()).code(), h.headName(), h.members(), h.status().name(),
					h.idNumberMasked() == null ? "" : h.idNumberMasked()))), response.getOutputStream());
			case "pairings" -> {
				List<Pairing> pairings = repository.pairings(scope, year);
				Map<Long, Cadre> names = cadres.findByIds(pairings.stream().map(Pairing::cadreId).toList());
				Map<Long, Household> households = repository.householdsByIds(pairings.stream().map(Pairing::householdId).toList());
				TabularWriter.write(type, header, sink -> pairings.forEach(p -> sink.accept(List.of(p.year(), names.get(p.cadreId()).cadreNo(),
						households.get(p.householdId()).code(), p.startDate()))), response.getOutputStream());
			}
			case "visits" -> {
				List<Visit> visits = repository.visits(scope, year);
				Map<Long, Cadre> names = cadres.findByIds(visits.stream().map(Visit::cadreId).distinct().toList());
				Map<Long, Household> households = repository.householdsByIds(visits.stream().map(Visit::householdId).distinct().toList());
				TabularWriter.write(type, header, sink -> visits.forEach(v -> sink.accept(List.of(v.date(), names.get(v.cadreId()).cadreNo(),
						households.get(v.householdId()).code(), v.what()))), response.getOutputStream());
			}
			case "assistance-help" -> {
				List<Help> help = repository.help(scope, year);
				Map<Long, Household> households = repository.householdsByIds(help.stream().map(Help::householdId)
					.filter(java.util.Objects::nonNull).distinct().toList());
				TabularWriter.write(type, header, sink -> help.forEach(h -> sink.accept(List.of(h.code(), h.date(), h.kind().name(),
						all.get(h.providerUnitId()).code(), h.villageId() == null ? "" : all.get(h.villageId()).code(),
						h.householdId() == null ? "" : households.get(h.householdId()).code(),
						h.amount() == null ? "" : h.amount(), h.houses() == null ? "" : h.houses(), h.note()))), response.getOutputStream());
			}
			default -> TabularWriter.write(type, header, sink -> siteRows(scope, year, all).forEach(s -> sink.accept(List.of(s.site().year(),
					s.village().code(), s.site().kind().name(), s.leader().cadreNo(),
					String.join(";", s.departments().stream().map(Unit::code).toList()), s.site().targets()))), response.getOutputStream());
		}
	}

	@GetMapping("/assistance/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importForm(Model model) {
		model.addAttribute("kinds", AssistanceImporter.KINDS);
		return "assistance/import";
	}

	@PostMapping("/assistance/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importFile(@RequestParam(defaultValue = "assistance-sites") String kind, @RequestParam("file") MultipartFile file, Model model,
			Locale locale, ImportJobs jobs) throws IOException {
		return jobs.onPage(model, file, AssistanceImporter.KINDS, kind, "/assistance/import", "assistance/import",
				(chosen, name, content) -> importer.importKind(chosen, CurrentUsers.get(), name, content, locale));
	}

	@GetMapping("/assistance/template")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	void template(@RequestParam(defaultValue = "assistance-sites") String kind, @RequestParam(defaultValue = "xlsx") String format,
			Locale locale, HttpServletResponse response) throws IOException {
		String chosen = Imports.chosen(AssistanceImporter.KINDS, kind);
		Imports.template(response, chosen, AssistanceImporter.columns(chosen), format, locale);
	}
}
