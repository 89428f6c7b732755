package org.banzi.rules;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.TabularWriter;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.KeptFragments;
import org.banzi.platform.web.WorkingYear;
import org.jspecify.annotations.Nullable;
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

/** The rules in force where the user looks, each rule's history, new versions, import and export. */
@Controller
class RuleController {

	static final String LIST = "rules/rules";
	static final String SHOW = "rules/rule";
	static final String IMPORT = "rules/rule-import";

	private final Rules rules;
	private final RuleService service;
	private final RuleImporter importer;
	private final RuleExporter exporter;
	private final Units units;
	private final Clock clock;
	private final KeptFragments fragments;

	RuleController(Rules rules, RuleService service, RuleImporter importer, RuleExporter exporter, Units units,
			Clock clock, KeptFragments fragments) {
		this.fragments = fragments;
		this.rules = rules;
		this.service = service;
		this.importer = importer;
		this.exporter = exporter;
		this.units = units;
		this.clock = clock;
	}

	/** A rule, its target, and the version in force there (null when none is). */
	record Row(RuleDefinition definition, String target, @Nullable AppliedRule rule) {
	}

	/** What the rules in force at a unit are read from: kept as rendered until one of them changes. */
	static final List<String> TABLES = List.of("rule_definition", "rule_value", "org_unit");

	/** The rules in force at a unit on the report day; the table is rendered once and kept until a rule or unit changes. */
	@GetMapping("/rules")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String list(@RequestParam(required = false) @Nullable String unit, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Unit place = place(unit);
		LocalDate day = Rules.reportDay(WorkingYear.of(request), LocalDate.now(clock));
		model.addAttribute("place", place);
		model.addAttribute("day", day);
		model.addAttribute("table", fragments.render("rules/rules-table :: table", List.of(place.id(), day), TABLES, request,
				response, () -> table(place, day)));
		return LIST;
	}

	private Map<String, Object> table(Unit place, LocalDate day) {
		List<Row> rows = new ArrayList<>();
		for (RuleDefinition definition : rules.definitions()) {
			for (String target : definition.appliesKind().targets()) {
				AppliedRule rule = rules.resolve(definition.key(), target, place, day).orElse(null);
				if (rule != null || definition.appliesKind() != AppliesKind.UNIT_TYPE) {
					rows.add(new Row(definition, target, rule));
				}
			}
		}
		return Map.of("rows", rows, "place", place, "unitNames", unitNames(rows.stream().map(Row::rule).toList()));
	}

	@GetMapping("/rules/{key}")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String show(@PathVariable String key, @RequestParam(required = false) @Nullable String unit, Model model) {
		Unit place = place(unit);
		RuleDefinition definition = rules.definition(key);
		model.addAttribute("form", new RuleForm(definition.appliesKind().targets().get(0),
				place.isRoot() ? "" : place.code(), "", LocalDate.now(clock), null, "", "", ""));
		return show(definition, place, model);
	}

	private String show(RuleDefinition definition, Unit place, Model model) {
		Scope scope = units.scopeOf(CurrentUsers.get());
		Map<Long, Unit> all = units.lookup();
		List<AppliedRule> history = rules.history(definition.key()).stream()
			.filter(v -> v.definedAtUnitId() == null || scope.contains(units.of(all, v.definedAtUnitId())))
			.toList();
		model.addAttribute("definition", definition);
		model.addAttribute("place", place);
		model.addAttribute("history", history);
		model.addAttribute("targets", definition.appliesKind().targets());
		model.addAttribute("unitNames", unitNames(history));
		return SHOW;
	}

	@PostMapping("/rules/{key}")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String addVersion(@PathVariable String key, @RequestParam(required = false) @Nullable String unit,
			@ModelAttribute("form") RuleForm form, Model model, RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit place = place(unit);
		RuleDefinition definition = rules.definition(key);
		var checked = service.check(user, form.toRequest(key));
		try {
			if (checked instanceof RuleService.Invalid invalid) {
				throw new BusinessRuleException(invalid.messageKey(), invalid.arguments());
			}
			service.addVersion(((RuleService.Valid) checked).version());
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("error", ex.messageKey());
			model.addAttribute("errorArgs", ex.arguments());
			model.addAttribute("errorField", checked instanceof RuleService.Invalid invalid ? invalid.field() : "from");
			return show(definition, place, model);
		}
		redirect.addFlashAttribute("flash", "rule.versionAdded");
		redirect.addFlashAttribute("flashArgs", new Object[] { form.value() });
		return "redirect:/rules/" + key + "?unit=" + place.code();
	}

	@GetMapping("/rules/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importForm() {
		return IMPORT;
	}

	@PostMapping("/rules/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importFile(@RequestParam("file") MultipartFile file, Model model, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.onPage(model, file, "rules", "/rules/import", IMPORT,
				(name, content) -> importer.importFile(CurrentUsers.get(), name, content, locale));
	}

	@GetMapping("/rules/export")
	@PreAuthorize(Access.READ_ORGANIZATION)
	void export(@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
			throws IOException {
		TabularWriter.Format chosen = TabularWriter.Format.parse(format);
		response.setContentType(chosen.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"rules." + chosen.extension() + "\"");
		exporter.export(CurrentUsers.get(), chosen, locale, response.getOutputStream());
	}

	@GetMapping("/rules/template")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	void template(@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
			throws IOException {
		List<String> keys = rules.definitions().stream().map(RuleDefinition::key).toList();
		Imports.template(response, "rules", RuleImporter.COLUMNS.stream()
			.map(column -> "rule_key".equals(column.name()) ? column.choices(keys) : column).toList(), format, locale);
	}

	private Unit place(@Nullable String code) {
		return units.place(CurrentUsers.get(), code);
	}

	private Map<Long, String> unitNames(List<@Nullable AppliedRule> versions) {
		Map<Long, Unit> all = units.lookup();
		Map<Long, String> names = new java.util.HashMap<>();
		for (AppliedRule version : versions) {
			if (version != null && version.definedAtUnitId() != null) {
				Unit unit = units.of(all, version.definedAtUnitId());
				names.put(unit.id(), unit.name());
			}
		}
		return names;
	}
}
