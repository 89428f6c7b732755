package org.banzi.cadres;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.TabularWriter;
import org.banzi.platform.web.Htmx;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The registry of cadres: list, a cadre's page, the form, posts, import and export. */
@Controller
class CadreController {

	static final String LIST = "cadres/cadres";
	static final String SHOW = "cadres/cadre";
	static final String FORM = "cadres/cadre-form";
	static final String IMPORT = "cadres/cadre-import";

	private final CadreRepository repository;
	private final CadreService service;
	private final CadreImporter importer;
	private final CadreExporter exporter;
	private final TenureClock tenure;
	private final Units units;
	private final Clock clock;

	CadreController(CadreRepository repository, CadreService service, CadreImporter importer, CadreExporter exporter,
			TenureClock tenure, Units units, Clock clock) {
		this.repository = repository;
		this.service = service;
		this.importer = importer;
		this.exporter = exporter;
		this.tenure = tenure;
		this.units = units;
		this.clock = clock;
	}

	@ModelAttribute("ranks")
	Rank[] ranks() {
		return Rank.values();
	}

	@ModelAttribute("reasons")
	PostReason[] reasons() {
		return PostReason.values();
	}

	@GetMapping("/cadres")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String list(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable Rank rank,
			@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Scope scope = scope(unit);
		Page<Cadre> result = repository.search(new CadreRepository.Search(scope, q, rank), Math.max(page, 0), Page.size(size));
		model.addAttribute("page", result);
		model.addAttribute("q", q);
		model.addAttribute("rank", rank);
		model.addAttribute("unit", unit);
		model.addAttribute("unitNames", unitNames(result.items()));
		return Htmx.view(request, response, LIST, "rows");
	}

	@GetMapping("/cadres/export")
	@PreAuthorize(Access.READ_ORGANIZATION)
	void export(@RequestParam(required = false) @Nullable Rank rank, @RequestParam(required = false) @Nullable String unit,
			@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
			throws IOException {
		TabularWriter.Format chosen = TabularWriter.Format.parse(format);
		Scope scope = scope(unit);
		attachment(response, chosen, "cadres");
		exporter.cadres(new CadreRepository.Search(scope, null, rank), chosen, locale, response.getOutputStream());
	}

	@GetMapping("/me")
	@PreAuthorize(Access.SIGNED_IN)
	String me() {
		CurrentUser user = CurrentUsers.get();
		Cadre cadre = repository.findByNo(user.username()).orElseThrow(() -> new NotFoundException("cadre.notLinked", user.username()));
		return "redirect:/cadres/" + cadre.cadreNo();
	}

	@GetMapping("/cadres/{no}")
	@PreAuthorize(Access.READ_ORGANIZATION_OR_SELF)
	String show(@PathVariable String no, Model model) {
		Cadre cadre = service.visible(CurrentUsers.get(), no);
		return show(cadre, model);
	}

	private String show(Cadre cadre, Model model) {
		LocalDate today = LocalDate.now(clock);
		List<Post> posts = repository.posts(cadre.id());
		List<Membership> memberships = repository.memberships(cadre.id());
		Map<Long, Unit> unitMap = new HashMap<>();
		posts.forEach(post -> unitMap.computeIfAbsent(post.unitId(), id -> units.findById(id).orElseThrow()));
		memberships.forEach(m -> unitMap.computeIfAbsent(m.unitId(), id -> units.findById(id).orElseThrow()));
		unitMap.computeIfAbsent(cadre.homeUnitId(), id -> units.findById(id).orElseThrow());
		model.addAttribute("cadre", cadre);
		model.addAttribute("posts", posts);
		model.addAttribute("memberships", memberships);
		model.addAttribute("unitMap", unitMap);
		model.addAttribute("today", today);
		model.addAttribute("flags", tenure.flagsOf(cadre.id(), today));
		if (!model.containsAttribute("post")) {
			model.addAttribute("post", new CadreService.NewPost("", "", today, false, PostReason.APPOINTMENT, true));
		}
		return SHOW;
	}

	@PostMapping("/cadres/{no}/reveal-id")
	@PreAuthorize(Access.COUNTY_ADMIN)
	String reveal(@PathVariable String no, Model model) {
		CurrentUser user = CurrentUsers.get();
		model.addAttribute("revealedId", service.revealIdNumber(user, no));
		return show(service.visible(user, no), model);
	}

	@PostMapping("/cadres/{no}/posts")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String addPost(@PathVariable String no, @RequestParam(defaultValue = "") String unitCode,
			@RequestParam(defaultValue = "") String title,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate start,
			@RequestParam(defaultValue = "false") boolean keyPost,
			@RequestParam(defaultValue = "APPOINTMENT") PostReason reason,
			@RequestParam(defaultValue = "false") boolean endCurrent, Model model, RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		CadreService.NewPost post = new CadreService.NewPost(unitCode, title, start, keyPost, reason, endCurrent);
		try {
			service.addPost(user, no, post);
		}
		catch (BusinessRuleException | NotFoundException ex) {
			model.addAttribute("post", post);
			model.addAttribute("postError", ex instanceof BusinessRuleException rule ? rule.messageKey() : "unit.notFound");
			model.addAttribute("postErrorArgs", ex instanceof BusinessRuleException rule ? rule.arguments() : new Object[] { unitCode });
			return show(service.visible(user, no), model);
		}
		redirect.addFlashAttribute("flash", "cadre.post.added");
		redirect.addFlashAttribute("flashArgs", new Object[] { title });
		return "redirect:/cadres/" + no;
	}

	@GetMapping("/cadres/new")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String newForm(Model model) {
		CurrentUser user = CurrentUsers.get();
		model.addAttribute("form", CadreForm.empty(units.findById(user.homeUnitId()).orElseThrow().code()));
		return FORM;
	}

	@PostMapping("/cadres")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String create(@ModelAttribute("form") CadreForm form, Model model, RedirectAttributes redirect) {
		List<FieldProblem> problems = service.save(CurrentUsers.get(), null, form.input());
		if (!problems.isEmpty()) {
			model.addAttribute("problems", problems);
			return FORM;
		}
		redirect.addFlashAttribute("flash", "cadre.saved");
		redirect.addFlashAttribute("flashArgs", new Object[] { form.name() });
		return "redirect:/cadres/" + form.cadreNo().strip();
	}

	@GetMapping("/cadres/{no}/edit")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String editForm(@PathVariable String no, Model model) {
		Cadre cadre = service.managed(CurrentUsers.get(), no);
		model.addAttribute("cadre", cadre);
		model.addAttribute("form", CadreForm.of(cadre, units.findById(cadre.homeUnitId()).orElseThrow().code()));
		return FORM;
	}

	@PostMapping("/cadres/{no}")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String update(@PathVariable String no, @ModelAttribute("form") CadreForm form, Model model, RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Cadre cadre = service.managed(user, no);
		CadreForm fixed = new CadreForm(cadre.cadreNo(), form.name(), form.gender(), form.birthDate(), form.rank(),
				form.unitCode(), form.idNumber(), form.ethnicity(), form.education(), form.partyDate(), form.rankSince());
		List<FieldProblem> problems = service.save(user, cadre, fixed.input());
		if (!problems.isEmpty()) {
			model.addAttribute("cadre", cadre);
			model.addAttribute("problems", problems);
			return FORM;
		}
		redirect.addFlashAttribute("flash", "cadre.saved");
		redirect.addFlashAttribute("flashArgs", new Object[] { form.name() });
		return "redirect:/cadres/" + no;
	}

	@GetMapping("/cadres/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importForm() {
		return IMPORT;
	}

	@PostMapping("/cadres/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importFile(@RequestParam(defaultValue = "cadres") String kind, @RequestParam("file") MultipartFile file,
			Model model, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.onPage(model, file, List.of("cadres", "posts", "team-members"), kind, "/cadres/import", IMPORT,
				(chosen, name, content) -> importKind(importer, chosen, CurrentUsers.get(), name, content, locale));
	}

	static ImportReport importKind(CadreImporter importer, String kind, CurrentUser user, String filename, byte[] content,
			Locale locale) {
		return switch (kind) {
			case "posts" -> importer.importPosts(user, filename, content, locale);
			case "team-members" -> importer.importMemberships(user, filename, content, locale);
			default -> importer.importCadres(user, filename, content, locale);
		};
	}

	@GetMapping("/cadres/template")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	void template(@RequestParam(defaultValue = "cadres") String kind, @RequestParam(defaultValue = "xlsx") String format,
			Locale locale, HttpServletResponse response) throws IOException {
		String chosen = Imports.chosen(List.of("cadres", "posts", "team-members"), kind);
		List<Column> columns = switch (chosen) {
			case "posts" -> CadreImporter.POST_COLUMNS;
			case "team-members" -> CadreImporter.MEMBER_COLUMNS;
			default -> CadreImporter.CADRE_COLUMNS;
		};
		Imports.template(response, chosen, columns, format, locale);
	}

	private Scope scope(@Nullable String unitCode) {
		return units.scopeAt(CurrentUsers.get(), unitCode);
	}

	private Map<Long, String> unitNames(List<Cadre> cadres) {
		Map<Long, Unit> all = units.lookup();
		Map<Long, String> names = new HashMap<>();
		cadres.forEach(c -> names.put(c.homeUnitId(), all.containsKey(c.homeUnitId()) ? all.get(c.homeUnitId()).name() : ""));
		return names;
	}

	static void attachment(HttpServletResponse response, TabularWriter.Format format, String name) {
		response.setContentType(format.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"");
	}
}
