package org.banzi.study;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.web.WorkingYear;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A cadre's own study, from a phone or a desk: progress against the targets, self-study and notes. */
@Controller
class MyStudyController {

	static final String VIEW = "study/my-study";

	private final StudyService service;
	private final StudyRepository study;
	private final StudyCompliance compliance;
	private final Cadres cadres;
	private final Units units;

	MyStudyController(StudyService service, StudyRepository study, StudyCompliance compliance, Cadres cadres, Units units) {
		this.service = service;
		this.study = study;
		this.compliance = compliance;
		this.cadres = cadres;
		this.units = units;
	}

	/** The cadre's own study page, its reads in one read-only transaction (not one each). */
	@GetMapping("/my/study")
	@PreAuthorize(Access.SIGNED_IN)
	@Transactional(readOnly = true)
	String mine(Model model, HttpServletRequest request) {
		Cadre cadre = own();
		int year = WorkingYear.of(request);
		LocalDate day = Rules.reportDay(year, service.today());
		Optional<Membership> membership = cadres.memberships(cadre.id()).stream().filter(m -> m.heldOn(day)).findFirst();
		Optional<StudyCompliance.MemberStudy> progress = membership.flatMap(m -> {
			// from the kept look-up of units, not read again
			Unit team = units.of(units.lookup(), m.unitId());
			return compliance.member(cadre.id(), new Scope(team.id(), team.path()), year, day);
		});
		model.addAttribute("cadre", cadre);
		model.addAttribute("progress", progress.orElse(null));
		model.addAttribute("entries", study.selfStudyOf(cadre.id(), year, 20));
		model.addAttribute("notes", study.notesOf(cadre.id(), year, 20));
		model.addAttribute("today", service.today());
		return VIEW;
	}

	@PostMapping("/my/study/self-study")
	@PreAuthorize(Access.SIGNED_IN)
	String log(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(required = false) @Nullable BigDecimal hours, @RequestParam(defaultValue = "") String material,
			Model model, HttpServletRequest request, RedirectAttributes redirect) {
		List<FieldProblem> problems = service.logSelfStudy(own(), date, hours, material);
		if (!problems.isEmpty()) {
			model.addAttribute("studyProblems", problems);
			model.addAttribute("typedDate", date);
			model.addAttribute("typedHours", hours);
			model.addAttribute("typedMaterial", material);
			return mine(model, request);
		}
		redirect.addFlashAttribute("flash", "study.selfStudy.logged");
		redirect.addFlashAttribute("flashArgs", new Object[] { hours });
		return "redirect:/my/study";
	}

	@PostMapping("/my/study/notes")
	@PreAuthorize(Access.SIGNED_IN)
	String note(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String content, Model model,
			HttpServletRequest request, RedirectAttributes redirect) {
		List<FieldProblem> problems = service.writeNote(own(), date, title, content);
		if (!problems.isEmpty()) {
			model.addAttribute("noteProblems", problems);
			model.addAttribute("typedNoteDate", date);
			model.addAttribute("typedTitle", title);
			model.addAttribute("typedContent", content);
			return mine(model, request);
		}
		redirect.addFlashAttribute("flash", "study.note.saved");
		redirect.addFlashAttribute("flashArgs", new Object[] { CharacterCount.of(content) });
		return "redirect:/my/study";
	}

	private Cadre own() {
		var user = CurrentUsers.get();
		return cadres.ownCadre(user).orElseThrow(() -> new NotFoundException("cadre.notLinked", user.username()));
	}
}
