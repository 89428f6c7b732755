package org.banzi.reporting;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.web.WorkingYear;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The annual summary page: figures with their evidence, the editable narrative, sign-off, versions, downloads. */
@Controller
class SummaryController {

	private final SummaryService service;
	private final SummaryDocuments documents;
	private final org.banzi.audit.AuditTrail audit;
	private final Units units;

	SummaryController(SummaryService service, SummaryDocuments documents, Units units, org.banzi.audit.AuditTrail audit) {
		this.audit = audit;
		this.service = service;
		this.documents = documents;
		this.units = units;
	}

	@GetMapping("/summary")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String summary(@RequestParam(required = false) @Nullable String unit, @RequestParam(required = false) @Nullable Integer version,
			Model model, HttpServletRequest request, Locale locale) {
		Unit place = place(unit);
		int year = WorkingYear.of(request);
		SummaryService.Shown shown = service.show(place, year, version, locale);
		model.addAttribute("place", place);
		model.addAttribute("year", year);
		model.addAttribute("shown", shown);
		model.addAttribute("problemLines", documents.lines(shown.summary(), locale));
		model.addAttribute("sections", SummaryService.SECTIONS);
		model.addAttribute("versions", service.versions(place.id(), year));
		model.addAttribute("intact", shown.version() != null && shown.version().signed() ? service.intact(shown.version()) : null);
		return "reporting/summary";
	}

	@PostMapping("/summary")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String save(@RequestParam String unit, @RequestParam int year, @RequestParam Map<String, String> form, Locale locale,
			RedirectAttributes redirect) {
		Unit place = place(unit);
		Map<String, String> narrative = new LinkedHashMap<>();
		SummaryService.SECTIONS.forEach(section -> narrative.put(section, form.getOrDefault("section_" + section, "")));
		var saved = service.saveDraft(place, year, narrative, locale);
		redirect.addFlashAttribute("flash", "summary.saved");
		redirect.addFlashAttribute("flashArgs", new Object[] { saved.version() });
		return "redirect:/summary?unit=" + place.code() + "&year=" + year;
	}

	@PostMapping("/summary/sign")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String sign(@RequestParam String unit, @RequestParam int year, Locale locale, RedirectAttributes redirect) {
		Unit place = place(unit);
		var signed = service.sign(place, year, locale);
		redirect.addFlashAttribute("flash", "summary.signedOk");
		redirect.addFlashAttribute("flashArgs", new Object[] { signed.version(), signed.hash() });
		return "redirect:/summary?unit=" + place.code() + "&year=" + year;
	}

	@PostMapping("/summary/new-draft")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String newDraft(@RequestParam String unit, @RequestParam int year, Locale locale, RedirectAttributes redirect) {
		Unit place = place(unit);
		SummaryService.Shown shown = service.show(place, year, null, locale);
		var draft = service.saveDraft(place, year, shown.narrative(), locale);
		redirect.addFlashAttribute("flash", "summary.saved");
		redirect.addFlashAttribute("flashArgs", new Object[] { draft.version() });
		return "redirect:/summary?unit=" + place.code() + "&year=" + year;
	}

	@GetMapping("/summary/document")
	@PreAuthorize(Access.READ_ORGANIZATION)
	ResponseEntity<byte[]> document(@RequestParam(required = false) @Nullable String unit, @RequestParam int year,
			@RequestParam(defaultValue = "docx") String format, @RequestParam(required = false) @Nullable Integer version,
			Locale locale) {
		Unit place = place(unit);
		return SummaryApiController.document(documents, audit, service.show(place, year, version, locale), place, year, format, locale);
	}

	private Unit place(@Nullable String code) {
		return units.place(CurrentUsers.get(), code);
	}

	static ResponseEntity<byte[]> file(byte[] content, String filename, MediaType type) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.attachment()
				.filename(filename, java.nio.charset.StandardCharsets.UTF_8).build().toString())
			.contentType(type)
			.body(content);
	}
}
