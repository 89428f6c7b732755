package org.banzi.cadres;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.banzi.organization.Scope;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.tabular.TabularWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The tenure flags of the user's scope, filterable by rule and unit, exportable. */
@Controller
class TenureController {

	static final String VIEW = "cadres/tenure-flags";

	private final TenureClock clock;
	private final CadreExporter exporter;
	private final Units units;
	private final Clock time;

	TenureController(TenureClock clock, CadreExporter exporter, Units units, Clock time) {
		this.clock = clock;
		this.exporter = exporter;
		this.units = units;
		this.time = time;
	}

	@GetMapping("/tenure-flags")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String flags(@RequestParam(required = false) @Nullable String unit, @RequestParam(required = false) @Nullable String rule,
			Model model) {
		model.addAttribute("flags", find(unit, rule));
		model.addAttribute("unit", unit);
		model.addAttribute("rule", rule);
		model.addAttribute("ruleKeys", List.of(TenureClock.SAME_POST, TenureClock.KEY_POST, TenureClock.SAME_LEVEL, TenureClock.TERMS));
		return VIEW;
	}

	@GetMapping("/tenure-flags/export")
	@PreAuthorize(Access.READ_ORGANIZATION)
	void export(@RequestParam(required = false) @Nullable String unit, @RequestParam(required = false) @Nullable String rule,
			@RequestParam(defaultValue = "xlsx") String format, Locale locale, HttpServletResponse response)
			throws IOException {
		TabularWriter.Format chosen = TabularWriter.Format.parse(format);
		CadreController.attachment(response, chosen, "tenure-flags");
		exporter.flags(find(unit, rule), scope(unit).rootId(), chosen, locale, response.getOutputStream());
	}

	List<TenureFlag> find(@Nullable String unit, @Nullable String rule) {
		return clock.flags(scope(unit), LocalDate.now(time)).stream()
			.filter(flag -> rule == null || rule.isBlank() || flag.ruleKey().equals(rule))
			.toList();
	}

	private Scope scope(@Nullable String unitCode) {
		return units.scopeAt(CurrentUsers.get(), unitCode);
	}
}
