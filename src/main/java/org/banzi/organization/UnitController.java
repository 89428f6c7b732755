package org.banzi.organization;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.banzi.platform.Access;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.TabularWriter;
import org.banzi.platform.web.Htmx;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages to browse the tree and to add, edit, move, retire, import and export units. */
@Controller
class UnitController {

	static final String LIST = "organization/units";
	static final String SHOW = "organization/unit";
	static final String FORM = "organization/unit-form";
	static final String MOVE = "organization/unit-move";
	static final String IMPORT = "organization/unit-import";

	private final Units units;
	private final UnitRepository repository;
	private final UnitService service;
	private final UnitImporter importer;
	private final UnitExporter exporter;
	private final Clock clock;

	UnitController(Units units, UnitRepository repository, UnitService service, UnitImporter importer, UnitExporter exporter,
			Clock clock) {
		this.units = units;
		this.repository = repository;
		this.service = service;
		this.importer = importer;
		this.exporter = exporter;
		this.clock = clock;
	}

	@ModelAttribute("unitTypes")
	UnitType[] unitTypes() {
		return UnitType.values();
	}

	@GetMapping("/units")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String list(@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable UnitType type,
			@RequestParam(defaultValue = "false") boolean retired, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, Model model, HttpServletRequest request, HttpServletResponse response) {
		CurrentUser user = CurrentUsers.get();
		Scope scope = units.scopeOf(user);
		Page<Unit> result = repository.search(new UnitRepository.Search(scope, q, type, retired), Math.max(page, 0),
				Page.size(size));
		model.addAttribute("page", result);
		model.addAttribute("q", q);
		model.addAttribute("type", type);
		model.addAttribute("retired", retired);
		model.addAttribute("scopeRoot", units.findById(scope.rootId()).orElseThrow());
		return Htmx.view(request, response, LIST, "rows");
	}

	@GetMapping("/units/{code}")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String show(@PathVariable String code, @RequestParam(defaultValue = "false") boolean retired, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		CurrentUser user = CurrentUsers.get();
		Unit unit = units.getInScope(user, code);
		Scope scope = units.scopeOf(user);
		List<Unit> children = repository.children(unit.id(), retired);
		model.addAttribute("unit", unit);
		model.addAttribute("lineage", units.lineage(unit).stream().filter(scope::contains).toList());
		model.addAttribute("children", children);
		model.addAttribute("childCounts", repository.childCounts(children.stream().map(Unit::id).toList()));
		model.addAttribute("retired", retired);
		model.addAttribute("isScopeRoot", unit.id() == scope.rootId());
		return Htmx.view(request, response, SHOW, "children");
	}

	@GetMapping("/units/new")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String newForm(@RequestParam(required = false) @Nullable String parent, Model model) {
		CurrentUser user = CurrentUsers.get();
		Unit parentUnit = parent == null ? units.findById(user.homeUnitId()).orElseThrow() : units.getInScope(user, parent);
		model.addAttribute("form", UnitForm.empty(parentUnit.code()));
		model.addAttribute("parent", parentUnit);
		return FORM;
	}

	@PostMapping("/units")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String create(@Valid @ModelAttribute("form") UnitForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit parent = units.getInScope(user, form.parentCode() == null ? "" : form.parentCode());
		model.addAttribute("parent", parent);
		if (errors.hasErrors()) {
			return FORM;
		}
		try {
			Unit unit = service.create(user, form.code(), form.name(), form.type(), parent.code());
			redirect.addFlashAttribute("flash", "unit.created");
			redirect.addFlashAttribute("flashArgs", new Object[] { unit.name() });
			return "redirect:/units/" + parent.code();
		}
		catch (BusinessRuleException ex) {
			errors.rejectValue("code", ex.messageKey(), ex.arguments(), ex.messageKey());
			return FORM;
		}
	}

	@GetMapping("/units/{code}/edit")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String editForm(@PathVariable String code, Model model) {
		Unit unit = units.getInScope(CurrentUsers.get(), code);
		model.addAttribute("unit", unit);
		model.addAttribute("form", UnitForm.of(unit, null));
		return FORM;
	}

	@PostMapping("/units/{code}")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String update(@PathVariable String code, @Valid @ModelAttribute("form") UnitForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit unit = units.getInScope(user, code);
		model.addAttribute("unit", unit);
		if (errors.hasErrors()) {
			return FORM;
		}
		try {
			Unit updated = service.update(user, code, form.code(), form.name(), form.type());
			redirect.addFlashAttribute("flash", "unit.updated");
			redirect.addFlashAttribute("flashArgs", new Object[] { updated.name() });
			return "redirect:/units/" + updated.code();
		}
		catch (BusinessRuleException ex) {
			errors.rejectValue("code", ex.messageKey(), ex.arguments(), ex.messageKey());
			return FORM;
		}
	}

	@GetMapping("/units/{code}/move")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String moveForm(@PathVariable String code, Model model) {
		Unit unit = units.getInScope(CurrentUsers.get(), code);
		model.addAttribute("unit", unit);
		model.addAttribute("newParent", "");
		return MOVE;
	}

	@PostMapping("/units/{code}/move")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String move(@PathVariable String code, @RequestParam(defaultValue = "") String newParent, Model model,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit unit = units.getInScope(user, code);
		try {
			if (newParent.isBlank()) {
				throw new BusinessRuleException("unit.move.parentRequired");
			}
			service.move(user, code, newParent.strip());
			redirect.addFlashAttribute("flash", "unit.moved");
			redirect.addFlashAttribute("flashArgs", new Object[] { unit.name() });
			return "redirect:/units/" + code;
		}
		catch (BusinessRuleException | org.banzi.platform.NotFoundException ex) {
			model.addAttribute("unit", unit);
			model.addAttribute("newParent", newParent);
			model.addAttribute("error", ex instanceof BusinessRuleException rule ? rule.messageKey() : "unit.move.parentNotFound");
			model.addAttribute("errorArgs", ex instanceof BusinessRuleException rule ? rule.arguments() : new Object[] { newParent });
			return MOVE;
		}
	}

	@PostMapping("/units/{code}/retire")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String retire(@PathVariable String code, RedirectAttributes redirect) {
		try {
			Unit unit = service.retire(CurrentUsers.get(), code);
			redirect.addFlashAttribute("flash", "unit.retired");
			redirect.addFlashAttribute("flashArgs", new Object[] { unit.name() });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/units/" + code;
	}

	@PostMapping("/units/{code}/reinstate")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String reinstate(@PathVariable String code, RedirectAttributes redirect) {
		try {
			Unit unit = service.reinstate(CurrentUsers.get(), code);
			redirect.addFlashAttribute("flash", "unit.reinstated");
			redirect.addFlashAttribute("flashArgs", new Object[] { unit.name() });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/units/" + code;
	}

	@GetMapping("/units/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importForm() {
		return IMPORT;
	}

	@PostMapping("/units/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importFile(@RequestParam("file") MultipartFile file, Model model, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.onPage(model, file, "units", "/units/import", IMPORT,
				(name, content) -> importer.importFile(CurrentUsers.get(), name, content, locale));
	}

	@GetMapping("/units/export")
	@PreAuthorize(Access.READ_ORGANIZATION)
	void export(@RequestParam(defaultValue = "xlsx") String format,
			@RequestParam(defaultValue = "false") boolean retired, Locale locale, HttpServletResponse response)
			throws IOException {
		TabularWriter.Format chosen = TabularWriter.Format.parse(format);
		attachment(response, chosen, "units-" + LocalDate.now(clock));
		exporter.export(CurrentUsers.get(), chosen, retired, locale, response.getOutputStream());
	}

	@GetMapping("/units/template")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	void template(@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
			throws IOException {
		Imports.template(response, "units", UnitImporter.COLUMNS, format, locale);
	}

	static void attachment(HttpServletResponse response, TabularWriter.Format format, String name) {
		response.setContentType(format.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"");
	}

	/** A unit as the JSON API gives it. */
	record UnitJson(String code, String name, String type, @Nullable String parentCode, int depth, @Nullable LocalDate retiredOn) {

		static UnitJson of(Unit unit, @Nullable String parentCode) {
			return new UnitJson(unit.code(), unit.name(), unit.type().name(), parentCode, unit.depth(), unit.retiredOn());
		}
	}
}
