package org.banzi.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.banzi.cadres.TeamFigures;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.UnitType;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.web.WorkingYear;
import org.banzi.study.StudyFigures;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

/** The dashboard: the year's figures so far, what is behind, and month-by-month trends; every number links to its records. */
@Controller
class DashboardController {

	private final SummaryCalculator calculator;
	private final StudyFigures study;
	private final TeamFigures teams;
	private final Units units;
	private final JsonMapper json;
	private final SummaryDocuments documents;

	DashboardController(SummaryCalculator calculator, StudyFigures study, TeamFigures teams, Units units, JsonMapper json,
			SummaryDocuments documents) {
		this.documents = documents;
		this.calculator = calculator;
		this.study = study;
		this.teams = teams;
		this.units = units;
		this.json = json;
	}

	@GetMapping("/dashboard")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String dashboard(@RequestParam(required = false) @Nullable String unit, Model model, HttpServletRequest request, Locale locale) {
		Unit place = place(unit);
		int year = WorkingYear.of(request);
		Summary summary = calculator.compute(place, year, locale);
		List<StudyFigures.Month> months = study.months(new Scope(place.id(), place.path()), year);
		Map<String, Object> chart = new LinkedHashMap<>();
		List<Object> sessions = new ArrayList<>();
		List<Object> hours = new ArrayList<>();
		List<String> links = new ArrayList<>();
		List<String> selfStudyLinks = new ArrayList<>();
		for (StudyFigures.Month month : months) {
			sessions.add(month.sessions());
			hours.add(month.selfStudyHours());
			links.add("/study/sessions?unit=" + place.code() + "&year=" + year + "&month=" + month.month());
			selfStudyLinks.add("/study/self-study?unit=" + place.code() + "&year=" + year + "&month=" + month.month());
		}
		chart.put("months", months.stream().map(StudyFigures.Month::month).toList());
		chart.put("sessions", sessions);
		chart.put("selfStudyHours", hours);
		chart.put("links", links);
		chart.put("selfStudyLinks", selfStudyLinks);
		model.addAttribute("place", place);
		model.addAttribute("year", year);
		model.addAttribute("summary", summary);
		model.addAttribute("problemLines", documents.lines(summary, locale));
		model.addAttribute("months", months);
		model.addAttribute("chartJson", json.writeValueAsString(chart));
		return "reporting/dashboard";
	}

	@GetMapping("/reports/evidence/teams-adjusted")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String teamsAdjusted(@RequestParam(required = false) @Nullable String unit, @RequestParam UnitType type, @RequestParam int year, Model model) {
		Unit place = place(unit);
		model.addAttribute("place", place);
		model.addAttribute("type", type);
		model.addAttribute("year", year);
		model.addAttribute("adjustments", teams.adjustmentList(new Scope(place.id(), place.path()), type, year));
		return "reporting/teams-adjusted";
	}

	@GetMapping("/reports/evidence/exchanges")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String exchanges(@RequestParam(required = false) @Nullable String unit, @RequestParam int year, Model model) {
		Unit place = place(unit);
		model.addAttribute("place", place);
		model.addAttribute("year", year);
		model.addAttribute("exchanges", teams.exchangeList(new Scope(place.id(), place.path()), year));
		return "reporting/exchanges";
	}

	private Unit place(@Nullable String code) {
		return units.place(CurrentUsers.get(), code);
	}
}
