package org.banzi.assessment;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Assessment pages: the county administrator's cycles, appraisal sheets with a QR code per code, results, grades with
 * their blockers and the quota, feedback letters; the cadre's own duty report (drafted from the records) and results.
 */
@Controller
class AssessmentController {

	private final AssessmentService service;
	private final AssessmentDocuments documents;
	private final Cadres cadres;
	private final Units units;
	private final MessageSource messages;

	AssessmentController(AssessmentService service, AssessmentDocuments documents, Cadres cadres, Units units, MessageSource messages) {
		this.service = service;
		this.documents = documents;
		this.cadres = cadres;
		this.units = units;
		this.messages = messages;
	}

	@GetMapping("/assessment")
	@PreAuthorize(Access.COUNTY_ADMIN)
	String cycles(@RequestParam(required = false) @Nullable String unit, Model model, HttpServletRequest request) {
		Unit place = units.place(CurrentUsers.get(), unit);
		model.addAttribute("place", place);
		model.addAttribute("cycles", service.cycles(new Scope(place.id(), place.path())));
		model.addAttribute("year", org.banzi.platform.web.WorkingYear.of(request));
		model.addAttribute("today", service.today());
		return "assessment/cycles";
	}

	@PostMapping("/assessment/cycles")
	@PreAuthorize(Access.COUNTY_ADMIN)
	String open(@RequestParam int year, @RequestParam String unitCode, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate opens,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closes, RedirectAttributes redirect, Locale locale) {
		try {
			long id = service.openCycle(CurrentUsers.get(), year, unitCode, opens, closes);
			return "redirect:/assessment/cycles/" + id;
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashErrorText", messages.getMessage(ex.messageKey(), ex.arguments(), locale));
			return "redirect:/assessment";
		}
	}

	/** A subject of the grades: a cadre with their proposal and blockers, or a team with its proposal. */
	record CadreRow(Cadre cadre, Unit team, @Nullable Grade grade, List<AssessmentService.Blocker> blockers) {
	}

	@GetMapping("/assessment/cycles/{id}")
	@PreAuthorize(Access.COUNTY_ADMIN)
	String cycle(@PathVariable long id, Model model) {
		AssessmentService.Cycle cycle = service.visibleCycle(CurrentUsers.get(), id);
		Map<Unit, List<Membership>> teams = service.teams(cycle);
		Map<Long, Grade> cadreGrades = new LinkedHashMap<>();
		Map<Long, Grade> teamGrades = new LinkedHashMap<>();
		service.grades(id).forEach(g -> {
			if (g.cadreId() != null) {
				cadreGrades.put(g.cadreId(), g.grade());
			}
			else {
				teamGrades.put(g.unitId(), g.grade());
			}
		});
		Set<Long> ids = new HashSet<>();
		teams.values().forEach(team -> team.forEach(m -> ids.add(m.cadreId())));
		Map<Long, Cadre> found = cadres.findByIds(ids);
		List<CadreRow> rows = new ArrayList<>();
		Set<Long> listed = new HashSet<>();
		teams.forEach((unit, team) -> team.forEach(m -> {
			if (listed.add(m.cadreId())) {
				Cadre cadre = found.get(m.cadreId());
				rows.add(new CadreRow(cadre, unit, cadreGrades.get(cadre.id()), cycle.closed(service.today()) ? service.blockers(cycle, cadre)
						: List.of()));
			}
		}));
		rows.sort((a, b) -> a.cadre().cadreNo().compareTo(b.cadre().cadreNo()));
		Map<Long, Long> ballots = new LinkedHashMap<>();
		service.appraisals(id).forEach(a -> ballots.put(a.unitId(), (long) a.voters()));
		model.addAttribute("cycle", cycle);
		model.addAttribute("unit", units.findById(cycle.unitId()).orElseThrow());
		model.addAttribute("teams", teams.keySet());
		model.addAttribute("teamGrades", teamGrades);
		model.addAttribute("appraised", ballots);
		model.addAttribute("appraisals", service.appraisals(id));
		model.addAttribute("rows", rows);
		model.addAttribute("grades", Grade.values());
		model.addAttribute("today", service.today());
		return "assessment/cycle";
	}

	/** Issues the codes and shows them once, each with its QR code, to print. */
	@PostMapping("/assessment/cycles/{id}/appraisals")
	@PreAuthorize(Access.COUNTY_ADMIN)
	String issue(@PathVariable long id, @RequestParam String unitCode, @RequestParam int voters, HttpServletRequest request, Model model) {
		Map.Entry<Long, List<String>> issued = service.issue(CurrentUsers.get(), id, unitCode, voters);
		String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + request.getContextPath();
		List<String[]> sheet = issued.getValue().stream().map(code -> new String[] { code, QrCodes.svg(base + "/ballot/" + code, 132) }).toList();
		model.addAttribute("sheet", sheet);
		model.addAttribute("unit", units.getInScope(CurrentUsers.get(), unitCode));
		model.addAttribute("base", base);
		return "assessment/sheet";
	}

	@PostMapping("/assessment/cycles/{id}/close")
	@PreAuthorize(Access.COUNTY_ADMIN)
	String close(@PathVariable long id, RedirectAttributes redirect) {
		service.closeCycle(CurrentUsers.get(), id);
		redirect.addFlashAttribute("flash", "assessment.cycle.closedDone");
		return "redirect:/assessment/cycles/" + id;
	}

	@PostMapping("/assessment/cycles/{id}/grades")
	@PreAuthorize(Access.COUNTY_ADMIN)
	String propose(@PathVariable long id, @RequestParam(defaultValue = "") String cadre, @RequestParam(defaultValue = "") String team,
			@RequestParam Grade grade, RedirectAttributes redirect, Locale locale) {
		try {
			if (!cadre.isBlank()) {
				service.proposeCadre(CurrentUsers.get(), id, cadre, grade);
			}
			else {
				service.proposeTeam(CurrentUsers.get(), id, team, grade);
			}
			redirect.addFlashAttribute("flash", "assessment.grade.proposed");
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashErrorText", messages.getMessage(ex.messageKey(), ex.arguments(), locale));
		}
		return "redirect:/assessment/cycles/" + id + "#grades";
	}

	@PostMapping("/assessment/cycles/{id}/sign")
	@PreAuthorize(Access.COUNTY_ADMIN)
	String sign(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("flash", "assessment.grades.signedDone");
		redirect.addFlashAttribute("flashArgs", new Object[] { service.sign(CurrentUsers.get(), id) });
		return "redirect:/assessment/cycles/" + id;
	}

	@GetMapping("/assessment/cycles/{id}/letters/{cadreNo}")
	@PreAuthorize(Access.COUNTY_ADMIN)
	ResponseEntity<byte[]> letter(@PathVariable long id, @PathVariable String cadreNo, Locale locale) {
		AssessmentService.Cycle cycle = service.visibleCycle(CurrentUsers.get(), id);
		if (cycle.signedAt() == null) {
			throw new BusinessRuleException("assessment.letter.unsigned");
		}
		Cadre cadre = cadres.findByNo(cadreNo).filter(c -> service.isSubject(cycle, c.id()))
			.orElseThrow(() -> new NotFoundException("assessment.subject.unknown", cadreNo));
		Grade grade = service.grades(id).stream().filter(g -> g.cadreId() != null && g.cadreId() == cadre.id()).map(AssessmentService.Proposal::grade)
			.findFirst().orElseThrow(() -> new NotFoundException("assessment.subject.unknown", cadreNo));
		Map<Grade, Long> counts = countsFor(cycle, cadre);
		return pdf("letter-" + cadreNo + ".pdf", documents.letter(cadre.name(), cycle.year(), grade, counts, service.blockers(cycle, cadre),
				Locale.SIMPLIFIED_CHINESE));
	}

	private Map<Grade, Long> countsFor(AssessmentService.Cycle cycle, Cadre cadre) {
		return service.teamOf(cycle, cadre.id()).flatMap(unitId -> service.resultsFor(cycle, unitId))
			.map(r -> r.members().getOrDefault(cadre.cadreNo(), Map.<Grade, Long>of())).orElse(Map.of());
	}

	private static ResponseEntity<byte[]> pdf(String filename, byte[] body) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.APPLICATION_PDF)
			.body(body);
	}

	// the cadre's own

	/** The cadre's own page, its reads in one read-only transaction (not one each). */
	@GetMapping("/my/assessment")
	@PreAuthorize("hasRole('CADRE')")
	@Transactional(readOnly = true)
	String mine(Model model) {
		Cadre cadre = own();
		List<AssessmentService.Cycle> cycles = service.cyclesOf(cadre);
		model.addAttribute("cadre", cadre);
		if (!cycles.isEmpty()) {
			AssessmentService.Cycle cycle = cycles.get(0);
			model.addAttribute("cycle", cycle);
			model.addAttribute("draft", service.draft(cycle, cadre));
			model.addAttribute("counts", countsFor(cycle, cadre));
			model.addAttribute("closed", cycle.closed(service.today()));
		}
		return "assessment/my-assessment";
	}

	private Cadre own() {
		return cadres.ownCadre(CurrentUsers.get()).orElseThrow(() -> new NotFoundException("cadre.notFound", "-"));
	}

	@PostMapping("/my/assessment/{cycleId}")
	@PreAuthorize("hasRole('CADRE')")
	String saveOwnWords(@PathVariable long cycleId, @RequestParam(defaultValue = "") String ownWords,
			@RequestParam(defaultValue = "false") boolean submit, RedirectAttributes redirect) {
		AssessmentService.Cycle cycle = service.findCycle(cycleId).orElseThrow(() -> new NotFoundException("assessment.cycle.notFound", cycleId));
		service.saveOwnWords(cycle, own(), ownWords, submit);
		redirect.addFlashAttribute("flash", submit ? "assessment.duty.submitted" : "assessment.duty.saved");
		return "redirect:/my/assessment";
	}

	@GetMapping("/my/assessment/{cycleId}/report.pdf")
	@PreAuthorize("hasRole('CADRE')")
	ResponseEntity<byte[]> reportPdf(@PathVariable long cycleId, Locale locale) {
		AssessmentService.Cycle cycle = service.findCycle(cycleId).orElseThrow(() -> new NotFoundException("assessment.cycle.notFound", cycleId));
		Cadre cadre = own();
		if (!service.isSubject(cycle, cadre.id())) {
			throw new NotFoundException("assessment.cycle.notFound", cycleId);
		}
		return pdf("duty-report-" + cycle.year() + ".pdf", documents.dutyReport(service.draft(cycle, cadre), cycle.year(), locale));
	}
}
