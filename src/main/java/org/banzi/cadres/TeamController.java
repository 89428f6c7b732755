package org.banzi.cadres;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A unit's leadership team: who is secretary, deputy and member, since when; joining and leaving. */
@Controller
class TeamController {

	static final String VIEW = "cadres/team";

	private final CadreRepository repository;
	private final CadreService service;
	private final Units units;
	private final Clock clock;

	TeamController(CadreRepository repository, CadreService service, Units units, Clock clock) {
		this.repository = repository;
		this.service = service;
		this.units = units;
		this.clock = clock;
	}

	@GetMapping("/units/{code}/team")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String team(@PathVariable String code, @RequestParam(defaultValue = "false") boolean history, Model model) {
		Unit unit = units.getInScope(CurrentUsers.get(), code);
		List<Membership> members = repository.team(unit.id(), history);
		Map<Long, Cadre> cadres = new HashMap<>();
		members.forEach(m -> cadres.computeIfAbsent(m.cadreId(), id -> repository.findById(id).orElseThrow()));
		model.addAttribute("unit", unit);
		model.addAttribute("members", members);
		model.addAttribute("cadres", cadres);
		model.addAttribute("history", history);
		model.addAttribute("roles", TeamRole.values());
		model.addAttribute("today", LocalDate.now(clock));
		return VIEW;
	}

	@PostMapping("/units/{code}/team")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String join(@PathVariable String code, @RequestParam(defaultValue = "") String cadreNo,
			@RequestParam(defaultValue = "MEMBER") TeamRole role,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate start,
			Model model, RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		try {
			service.addMember(user, code, cadreNo, role, start);
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("error", ex.messageKey());
			model.addAttribute("errorArgs", ex.arguments());
			model.addAttribute("typedCadreNo", cadreNo);
			model.addAttribute("typedRole", role);
			model.addAttribute("typedStart", start);
			return team(code, false, model);
		}
		redirect.addFlashAttribute("flash", "team.joined");
		redirect.addFlashAttribute("flashArgs", new Object[] { cadreNo });
		return "redirect:/units/" + code + "/team";
	}

	@PostMapping("/units/{code}/team/{membership}/end")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String leave(@PathVariable String code, @PathVariable long membership,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate end,
			RedirectAttributes redirect) {
		try {
			service.endMembership(CurrentUsers.get(), code, membership, end == null ? LocalDate.now(clock) : end);
			redirect.addFlashAttribute("flash", "team.left");
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/units/" + code + "/team";
	}
}
