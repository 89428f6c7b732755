package org.banzi.study;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
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
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.Upload;
import org.banzi.platform.tabular.UploadLimits;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.Page;
import org.banzi.platform.web.WorkingYear;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Study for unit staff: compliance, sessions with attendance and materials, the annual plan, spot checks, import. */
@Controller
class StudyController {

	private final StudyCompliance compliance;
	private final StudyRepository study;
	private final StudyService service;
	private final StudyImporter importer;
	private final Cadres cadres;
	private final Units units;

	/** Attachments are read whole: they take no more than an import read whole. */
	private final UploadLimits limits;

	StudyController(StudyCompliance compliance, StudyRepository study, StudyService service, StudyImporter importer,
			Cadres cadres, Units units, UploadLimits limits) {
		this.limits = limits;
		this.compliance = compliance;
		this.study = study;
		this.service = service;
		this.importer = importer;
		this.cadres = cadres;
		this.units = units;
	}

	@GetMapping("/study")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String compliance(@RequestParam(required = false) @Nullable String unit,
			@RequestParam(defaultValue = "true") boolean behindOnly, @RequestParam(defaultValue = "0") int page,
			Model model, HttpServletRequest request) {
		Unit place = place(unit);
		Scope scope = new Scope(place.id(), place.path());
		int year = WorkingYear.of(request);
		LocalDate day = Rules.reportDay(year, service.today());
		model.addAttribute("teams", compliance.teams(scope, year, day));
		model.addAttribute("members", compliance.members(scope, year, day, behindOnly, page, Page.size(50)));
		model.addAttribute("place", place);
		model.addAttribute("day", day);
		model.addAttribute("behindOnly", behindOnly);
		return "study/compliance";
	}

	@GetMapping("/study/sessions")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String sessions(@RequestParam(required = false) @Nullable String unit, @RequestParam(required = false) @Nullable Integer month,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletRequest request) {
		Unit place = place(unit);
		int year = WorkingYear.of(request);
		Page<StudyRepository.Session> result = study.sessions(new Scope(place.id(), place.path()), month, year, Math.max(page, 0), Page.size(50));
		model.addAttribute("month", month);
		Map<Long, Unit> all = units.lookup();
		Map<Long, String> names = new HashMap<>();
		result.items().forEach(s -> names.computeIfAbsent(s.unitId(), id -> units.of(all, id).name()));
		model.addAttribute("page", result);
		model.addAttribute("place", place);
		model.addAttribute("unitNames", names);
		return "study/sessions";
	}

	@GetMapping("/study/sessions/new")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String newSession(@RequestParam String unit,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date, Model model) {
		Unit place = units.getInScope(CurrentUsers.get(), unit);
		LocalDate day = date == null ? service.today() : date;
		model.addAttribute("form", new StudyService.NewSession(place.code(), day, "", "", "", null, List.of(), Map.of()));
		return sessionForm(place, day, model);
	}

	private String sessionForm(Unit place, LocalDate day, Model model) {
		List<Membership> team = cadres.teamOn(place.id(), day);
		Map<Long, Cadre> members = new LinkedHashMap<>();
		team.forEach(m -> members.computeIfAbsent(m.cadreId(), id -> cadres.findById(id).orElseThrow()));
		model.addAttribute("place", place);
		model.addAttribute("members", members.values());
		return "study/session-form";
	}

	@PostMapping("/study/sessions")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String recordSession(@RequestParam String unitCode,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(defaultValue = "") String topic, @RequestParam(defaultValue = "") String centralContent,
			@RequestParam(defaultValue = "") String speaker, @RequestParam(required = false) @Nullable BigDecimal hours,
			@RequestParam(name = "member", required = false) @Nullable List<String> listed,
			@RequestParam(name = "present", required = false) @Nullable List<String> present,
			@RequestParam Map<String, String> all, Model model, RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.getInScope(user, unitCode);
		List<String> here = present == null ? List.of() : present;
		Map<String, String> absent = new LinkedHashMap<>();
		for (String number : listed == null ? List.<String>of() : listed) {
			if (!here.contains(number)) {
				absent.put(number, all.getOrDefault("reason_" + number, ""));
			}
		}
		StudyService.NewSession session = new StudyService.NewSession(unitCode, date, topic, centralContent, speaker, hours,
				here, absent);
		List<FieldProblem> problems = service.checkSession(user, session);
		if (problems.isEmpty()) {
			long id = service.recordSession(user, session);
			redirect.addFlashAttribute("flash", "study.session.recorded");
			redirect.addFlashAttribute("flashArgs", new Object[] { topic, here.size() });
			return "redirect:/study/sessions/" + id;
		}
		model.addAttribute("form", session);
		model.addAttribute("problems", problems);
		return sessionForm(place, date == null ? service.today() : date, model);
	}

	@GetMapping("/study/sessions/{id}")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String session(@PathVariable long id, Model model) {
		StudyRepository.Session session = visibleSession(id);
		List<StudyRepository.Attendance> attendance = study.attendance(id);
		model.addAttribute("session", session);
		model.addAttribute("unit", units.findById(session.unitId()).orElseThrow());
		model.addAttribute("attendance", attendance);
		model.addAttribute("names", study.cadreNames(attendance.stream().map(StudyRepository.Attendance::cadreId).toList()));
		model.addAttribute("materials", study.materials(id));
		return "study/session";
	}

	@PostMapping("/study/sessions/{id}/materials")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String attach(@PathVariable long id, @RequestParam("file") MultipartFile file, RedirectAttributes redirect)
			throws IOException {
		if (file.isEmpty()) {
			redirect.addFlashAttribute("flashError", "upload.empty");
		}
		else {
			limits.checkHeld(file.getSize());
			service.attach(CurrentUsers.get(), id, String.valueOf(file.getOriginalFilename()),
					file.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : file.getContentType(), file.getBytes());
			redirect.addFlashAttribute("flash", "study.material.attached");
			redirect.addFlashAttribute("flashArgs", new Object[] { file.getOriginalFilename() });
		}
		return "redirect:/study/sessions/" + id;
	}

	@GetMapping("/study/sessions/{id}/materials/{material}")
	@PreAuthorize(Access.READ_ORGANIZATION)
	ResponseEntity<byte[]> material(@PathVariable long id, @PathVariable long material) {
		visibleSession(id);
		StudyRepository.Material info = study.materials(id).stream().filter(m -> m.id() == material).findFirst()
			.orElseThrow(() -> new NotFoundException("study.session.notFound", id));
		byte[] data = study.materialData(id, material).orElseThrow();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.attachment()
				.filename(info.filename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(data);
	}

	@GetMapping("/study/plan")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String plan(@RequestParam(required = false) @Nullable String unit, Model model, HttpServletRequest request) {
		Unit place = place(unit);
		int year = WorkingYear.of(request);
		model.addAttribute("place", place);
		model.addAttribute("year", year);
		model.addAttribute("items", study.plan(place.id(), year));
		return "study/plan";
	}

	@PostMapping("/study/plan")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String addPlanItem(@RequestParam String unit, @RequestParam int year, @RequestParam(defaultValue = "0") int month,
			@RequestParam(defaultValue = "") String topic, @RequestParam(defaultValue = "") String centralContent,
			@RequestParam(defaultValue = "") String speaker, RedirectAttributes redirect) {
		try {
			service.addPlanItem(CurrentUsers.get(), unit, year, month, topic, centralContent, speaker);
			redirect.addFlashAttribute("flash", "study.plan.added");
			redirect.addFlashAttribute("flashArgs", new Object[] { topic });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/study/plan?unit=" + unit + "&year=" + year;
	}

	@PostMapping("/study/plan/{id}/delete")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String removePlanItem(@PathVariable long id, @RequestParam String unit, @RequestParam int year) {
		service.removePlanItem(CurrentUsers.get(), unit, id);
		return "redirect:/study/plan?unit=" + unit + "&year=" + year;
	}

	@GetMapping("/study/self-study")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String selfStudy(@RequestParam(required = false) @Nullable String unit, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable Integer month, @RequestParam(defaultValue = "0") int page, Model model,
			HttpServletRequest request) {
		Unit place = place(unit);
		String filter = status == null || status.isBlank() ? null : status;
		Integer chosenMonth = month != null && month >= 1 && month <= 12 ? month : null;
		Page<StudyRepository.SelfStudy> result = study.selfStudyIn(new Scope(place.id(), place.path()), WorkingYear.of(request),
				chosenMonth, filter, Math.max(page, 0), Page.size(50));
		model.addAttribute("month", chosenMonth);
		model.addAttribute("page", result);
		model.addAttribute("place", place);
		model.addAttribute("status", filter);
		model.addAttribute("names", study.cadreNames(result.items().stream().map(StudyRepository.SelfStudy::cadreId).toList()));
		return "study/self-study";
	}

	@PostMapping("/study/self-study/{id}/check")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String check(@PathVariable long id, @RequestParam String status, @RequestParam(defaultValue = "") String back,
			RedirectAttributes redirect) {
		service.spotCheck(CurrentUsers.get(), id, status);
		redirect.addFlashAttribute("flash", "study.check.done");
		return "redirect:/study/self-study" + (back.startsWith("?") ? back : "");
	}

	@GetMapping("/study/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importForm() {
		return "study/import";
	}

	@PostMapping("/study/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importFile(@RequestParam(defaultValue = "study-sessions") String kind, @RequestParam("file") MultipartFile file,
			Model model, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.onPage(model, file, List.of("study-sessions", "self-study", "notes"), kind, "/study/import", "study/import",
				(String chosen, Upload upload) -> importKind(importer, chosen, CurrentUsers.get(), upload, locale));
	}

	/** Self-study streamed from the file kept on disk (a year of a county in one file), the others read whole. */
	static ImportReport importKind(StudyImporter importer, String kind, CurrentUser user, Upload upload, Locale locale) {
		return switch (kind) {
			case "self-study" -> importer.importSelfStudy(user, upload, locale);
			case "notes" -> importer.importNotes(user, upload.filename(), importer.whole(upload), locale);
			default -> importer.importSessions(user, upload.filename(), importer.whole(upload), locale);
		};
	}

	@GetMapping("/study/template")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	void template(@RequestParam(defaultValue = "study-sessions") String kind, @RequestParam(defaultValue = "xlsx") String format,
			Locale locale, HttpServletResponse response) throws IOException {
		String chosen = Imports.chosen(List.of("study-sessions", "self-study", "notes"), kind);
		var columns = switch (chosen) {
			case "self-study" -> StudyImporter.SELF_STUDY_COLUMNS;
			case "notes" -> StudyImporter.NOTE_COLUMNS;
			default -> StudyImporter.SESSION_COLUMNS;
		};
		Imports.template(response, chosen, columns, format, locale);
	}

	private StudyRepository.Session visibleSession(long id) {
		StudyRepository.Session session = study.findSession(id).orElseThrow(() -> new NotFoundException("study.session.notFound", id));
		if (!units.inScope(CurrentUsers.get(), session.unitId())) {
			throw new NotFoundException("study.session.notFound", id);
		}
		return session;
	}

	private Unit place(@Nullable String code) {
		return units.place(CurrentUsers.get(), code);
	}
}
