package org.banzi.reporting;

import java.time.Clock;
import java.time.Year;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUsers;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The summary as JSON, DOCX and PDF: {@code /api/summary?year=&unit=} (the unit defaults to the root). */
@RestController
class SummaryApiController {

	private final SummaryService service;
	private final SummaryCalculator calculator;
	private final SummaryDocuments documents;
	private final Units units;
	private final MessageSource messages;
	private final AuditTrail audit;
	private final Clock clock;

	SummaryApiController(SummaryService service, SummaryCalculator calculator, SummaryDocuments documents, Units units,
			MessageSource messages, AuditTrail audit, Clock clock) {
		this.service = service;
		this.calculator = calculator;
		this.documents = documents;
		this.units = units;
		this.messages = messages;
		this.audit = audit;
		this.clock = clock;
	}

	/** The summary as the API gives it: its figures with their definitions and records, and its problems. */
	record SummaryJson(int year, UnitJson unit, List<FigureJson> figures, List<ProblemJson> problems, List<GroupJson> problemGroups) {
	}

	/** A rule's problems in one line, with every subject. */
	record GroupJson(String rule, String source, int count, String text, List<String> subjects) {
	}

	record UnitJson(String code, String name) {
	}

	/** A figure with the same definition's value for the year before ({@code previous}) and the change, when that year has one. */
	record FigureJson(String key, java.math.BigDecimal value, String label, String definition, String evidence, long records,
			java.math.@Nullable BigDecimal previous, java.math.@Nullable BigDecimal change) {
	}

	record ProblemJson(String rule, String subject, String text, String source) {
	}

	@GetMapping("/api/summary")
	@PreAuthorize(Access.READ_ORGANIZATION)
	SummaryJson summary(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit,
			@RequestParam(required = false) @Nullable Integer version, @RequestParam(defaultValue = "true") boolean problems,
			Locale locale) {
		Unit place = place(unit);
		int chosen = year == null ? Year.now(clock).getValue() : year;
		Summary summary = problems || version != null ? service.show(place, chosen, version, locale).summary()
				: calculator.compute(place, chosen, locale, false);
		return new SummaryJson(chosen, new UnitJson(place.code(), place.name()),
				summary.figures().stream().map(figure -> new FigureJson(figure.key(), figure.value(),
						messages.getMessage("summary.figure." + figure.key() + ".label", null, locale),
						messages.getMessage("summary.figure." + figure.key() + ".definition", null, locale), figure.evidence(),
						figure.records(), figure.previous(), figure.previous() == null ? null : figure.value().subtract(figure.previous())))
					.toList(),
				summary.problems().stream().map(p -> new ProblemJson(p.rule(), p.subject(), p.text(), p.citation())).toList(),
				summary.problemGroups().stream().map(g -> new GroupJson(g.rule(), g.citation(), g.count(), documents.groupLine(g, locale),
						g.problems().stream().map(Problem::subject).toList())).toList());
	}

	@GetMapping("/api/summary.docx")
	@PreAuthorize(Access.READ_ORGANIZATION)
	ResponseEntity<byte[]> docx(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit,
			@RequestParam(required = false) @Nullable Integer version, Locale locale) {
		Unit place = place(unit);
		int chosen = year == null ? Year.now(clock).getValue() : year;
		return document(documents, audit, service.show(place, chosen, version, locale), place, chosen, "docx", locale);
	}

	@GetMapping("/api/summary.pdf")
	@PreAuthorize(Access.READ_ORGANIZATION)
	ResponseEntity<byte[]> pdf(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit,
			@RequestParam(required = false) @Nullable Integer version, Locale locale) {
		Unit place = place(unit);
		int chosen = year == null ? Year.now(clock).getValue() : year;
		return document(documents, audit, service.show(place, chosen, version, locale), place, chosen, "pdf", locale);
	}

	/** The summary as a document, its download audited (which unit, year, version and format), from the page or the API. */
	static ResponseEntity<byte[]> document(SummaryDocuments documents, AuditTrail audit, SummaryService.Shown shown, Unit place, int year,
			String format, Locale locale) {
		String name = "summary-" + place.code() + "-" + year;
		boolean pdf = "pdf".equalsIgnoreCase(format);
		ResponseEntity<byte[]> response = pdf ? SummaryController.file(documents.pdf(shown, locale), name + ".pdf", MediaType.APPLICATION_PDF)
				: SummaryController.file(documents.docx(shown, locale), name + ".docx",
						MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
		audit.record(AuditEntry.success("export", "summary", place.code() + "/" + year, place.id(), Map.of("format", pdf ? "pdf" : "docx",
				"version", shown.version() == null ? "draft" : String.valueOf(shown.version().version()))));
		return response;
	}

	private Unit place(@Nullable String code) {
		return units.place(CurrentUsers.get(), code);
	}
}
