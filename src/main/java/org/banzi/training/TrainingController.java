package org.banzi.training;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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

/** Classes, enrolment, absences and certificates for the party school; training hours and statistics for all staff. */
@Controller
class TrainingController {

	private final TrainingRepository repository;
	private final TrainingService service;
	private final TrainingRecords records;
	private final TrainingImporter importer;
	private final AbsenceRule absence;
	private final Units units;
	private final Clock clock;

	TrainingController(TrainingRepository repository, TrainingService service, TrainingRecords records,
			TrainingImporter importer, AbsenceRule absence, Units units, Clock clock) {
		this.repository = repository;
		this.service = service;
		this.records = records;
		this.importer = importer;
		this.absence = absence;
		this.units = units;
		this.clock = clock;
	}

	@GetMapping("/training")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String classes(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "0") int page, Model model,
			HttpServletRequest request) {
		// the unit a summary's figure links to, inside the caller's scope; the caller's whole scope without one
		Unit place = units.place(CurrentUsers.get(), unit);
		Scope scope = new Scope(place.id(), place.path());
		int year = WorkingYear.of(request);
		model.addAttribute("place", place);
		model.addAttribute("page", repository.search(scope, year, Math.max(page, 0), Page.size(50)));
		model.addAttribute("statistics", records.statistics(scope, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
		model.addAttribute("categories", ClassCategory.values());
		return "training/classes";
	}

	@GetMapping("/training/classes/new")
	@PreAuthorize(Access.MANAGE_TRAINING)
	String newClass(Model model) {
		CurrentUser user = CurrentUsers.get();
		model.addAttribute("form", new TrainingService.ClassRequest("", "", units.findById(user.homeUnitId()).orElseThrow().code(),
				"PARTY_SCHOOL_CLASS", LocalDate.now(clock), LocalDate.now(clock), null, "", ""));
		model.addAttribute("categories", ClassCategory.values());
		return "training/class-form";
	}

	@PostMapping("/training/classes")
	@PreAuthorize(Access.MANAGE_TRAINING)
	String create(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String organizerCode, @RequestParam(defaultValue = "") String category,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate start,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate end,
			@RequestParam(required = false) @Nullable BigDecimal hours, @RequestParam(defaultValue = "") String targetRanks,
			@RequestParam(defaultValue = "") String targetUnitTypes, Model model, RedirectAttributes redirect) {
		TrainingService.ClassRequest form = new TrainingService.ClassRequest(code, title, organizerCode, category, start, end,
				hours, targetRanks, targetUnitTypes);
		try {
			TrainingClass created = service.createClass(CurrentUsers.get(), form);
			redirect.addFlashAttribute("flash", "training.class.created");
			redirect.addFlashAttribute("flashArgs", new Object[] { created.title() });
			return "redirect:/training/classes/" + created.code();
		}
		catch (BusinessRuleException ex) {
			model.addAttribute("form", form);
			model.addAttribute("categories", ClassCategory.values());
			model.addAttribute("error", ex.messageKey());
			model.addAttribute("errorArgs", ex.arguments());
			return "training/class-form";
		}
	}

	@GetMapping("/training/classes/{code}")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String show(@PathVariable String code, Model model) {
		TrainingClass trainingClass = service.visible(CurrentUsers.get(), code);
		List<Trainee> trainees = service.trainees(trainingClass);
		model.addAttribute("trainingClass", trainingClass);
		model.addAttribute("organizer", units.findById(trainingClass.organizerUnitId()).orElseThrow());
		model.addAttribute("stages", repository.stages(trainingClass.id()));
		model.addAttribute("trainees", trainees);
		model.addAttribute("completed", trainees.stream().filter(Trainee::completed).count());
		model.addAttribute("notCompleted", trainees.stream().filter(t -> !t.completed()).count());
		model.addAttribute("absenceRule", absence.ruleFor(trainingClass));
		if (trainingClass.category() == ClassCategory.ROTATION) {
			model.addAttribute("rotation", records.rotation(trainingClass));
		}
		return "training/class";
	}

	@PostMapping("/training/classes/{code}/enrol")
	@PreAuthorize(Access.MANAGE_TRAINING)
	String enrol(@PathVariable String code, @RequestParam(defaultValue = "") String cadreNumbers,
			@RequestParam(required = false) @Nullable Integer stage, RedirectAttributes redirect) {
		List<String> numbers = Arrays.stream(cadreNumbers.split("[\\s,;，；、]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
		try {
			int count = service.enrol(CurrentUsers.get(), code, numbers, stage);
			redirect.addFlashAttribute("flash", "training.enrolled");
			redirect.addFlashAttribute("flashArgs", new Object[] { count });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
			redirect.addFlashAttribute("typedNumbers", cadreNumbers);
		}
		return "redirect:/training/classes/" + code;
	}

	@PostMapping("/training/classes/{code}/absence")
	@PreAuthorize(Access.MANAGE_TRAINING)
	String absence(@PathVariable String code, @RequestParam String cadreNo, @RequestParam(required = false) @Nullable BigDecimal absentHours,
			RedirectAttributes redirect) {
		try {
			service.recordAbsence(CurrentUsers.get(), code, cadreNo, absentHours);
			redirect.addFlashAttribute("flash", "training.absence.recorded");
			redirect.addFlashAttribute("flashArgs", new Object[] { cadreNo });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/training/classes/" + code;
	}

	@PostMapping("/training/classes/{code}/stages")
	@PreAuthorize(Access.MANAGE_TRAINING)
	String stage(@PathVariable String code, @RequestParam(defaultValue = "0") int stageNo, @RequestParam(defaultValue = "") String title,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate start,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate end,
			RedirectAttributes redirect) {
		try {
			service.addStage(CurrentUsers.get(), code, stageNo, title, start, end);
			redirect.addFlashAttribute("flash", "training.stage.added");
			redirect.addFlashAttribute("flashArgs", new Object[] { stageNo });
		}
		catch (BusinessRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.messageKey());
			redirect.addFlashAttribute("flashArgs", ex.arguments());
		}
		return "redirect:/training/classes/" + code;
	}

	/** Issues the certificate (a number, once) and gives it: a write, so a POST. */
	@PostMapping("/training/classes/{code}/certificates/{enrolment}")
	@PreAuthorize(Access.MANAGE_TRAINING)
	ResponseEntity<byte[]> issueCertificate(@PathVariable String code, @PathVariable long enrolment, Locale locale) {
		return certificatePdf(code, enrolment, service.certificate(CurrentUsers.get(), code, enrolment, true, locale));
	}

	/** A certificate already issued, again. */
	@GetMapping("/training/classes/{code}/certificates/{enrolment}")
	@PreAuthorize(Access.MANAGE_TRAINING)
	ResponseEntity<byte[]> certificate(@PathVariable String code, @PathVariable long enrolment, Locale locale) {
		return certificatePdf(code, enrolment, service.certificate(CurrentUsers.get(), code, enrolment, false, locale));
	}

	private static ResponseEntity<byte[]> certificatePdf(String code, long enrolment, byte[] pdf) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"certificate-" + code + "-" + enrolment + ".pdf\"")
			.contentType(MediaType.APPLICATION_PDF)
			.body(pdf);
	}

	@GetMapping("/training/cadres")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String cadres(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "true") boolean behindOnly,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletRequest request) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.place(user, unit);
		Scope scope = new Scope(place.id(), place.path());
		int year = WorkingYear.of(request);
		LocalDate day = Rules.reportDay(year, LocalDate.now(clock));
		List<TrainingRecords.CadreTraining> all = records.cadres(scope, year, day).stream()
			.filter(c -> !behindOnly || c.behind()).toList();
		model.addAttribute("page", Page.of(all, page, Page.size(50)));
		model.addAttribute("makeUps", records.makeUps(scope, day));
		model.addAttribute("place", place);
		model.addAttribute("behindOnly", behindOnly);
		model.addAttribute("day", day);
		return "training/cadres";
	}

	@GetMapping("/training/import")
	@PreAuthorize(Access.MANAGE_TRAINING)
	String importForm() {
		return "training/import";
	}

	@PostMapping("/training/import")
	@PreAuthorize(Access.MANAGE_TRAINING)
	String importFile(@RequestParam(defaultValue = "training-classes") String kind, @RequestParam("file") MultipartFile file,
			Model model, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.onPage(model, file, List.of("training-classes", "enrolments"), kind, "/training/import", "training/import",
				(chosen, name, content) -> "enrolments".equals(chosen) ? importer.importEnrolments(CurrentUsers.get(), name, content, locale)
						: importer.importClasses(CurrentUsers.get(), name, content, locale));
	}

	@GetMapping("/training/template")
	@PreAuthorize(Access.MANAGE_TRAINING)
	void template(@RequestParam(defaultValue = "training-classes") String kind, @RequestParam(defaultValue = "xlsx") String format,
			Locale locale, HttpServletResponse response) throws IOException {
		String chosen = Imports.chosen(List.of("training-classes", "enrolments"), kind);
		var columns = "enrolments".equals(chosen) ? TrainingImporter.ENROLMENT_COLUMNS : TrainingImporter.CLASS_COLUMNS;
		Imports.template(response, chosen, columns, format, locale);
	}
}
