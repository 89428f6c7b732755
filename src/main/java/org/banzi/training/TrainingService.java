package org.banzi.training;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.documents.CjkFonts;
import org.banzi.rules.AppliedRule;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

/** Classes, stages, enrolments and absences as the training administrator records them; certificates. */
@Service
class TrainingService {

	private final TrainingRepository repository;
	private final AbsenceRule absence;
	private final Cadres cadres;
	private final Units units;
	private final AuditTrail audit;
	private final CjkFonts fonts;
	private final MessageSource messages;
	private final Clock clock;

	TrainingService(TrainingRepository repository, AbsenceRule absence, Cadres cadres, Units units, AuditTrail audit,
			CjkFonts fonts, MessageSource messages, Clock clock) {
		this.repository = repository;
		this.absence = absence;
		this.cadres = cadres;
		this.units = units;
		this.audit = audit;
		this.fonts = fonts;
		this.messages = messages;
		this.clock = clock;
	}

	record ClassRequest(String code, String title, String organizerCode, String category, @Nullable LocalDate start,
			@Nullable LocalDate end, @Nullable BigDecimal hours, String targetRanks, String targetUnitTypes) {
	}

	/** Checks a class; problems carry their import column names. */
	List<String[]> check(CurrentUser user, ClassRequest request, java.util.function.Function<String, @Nullable Unit> unitByCode) {
		List<String[]> problems = new ArrayList<>();
		if (!request.code().matches("[A-Za-z0-9_.\\-]{1,64}")) {
			problems.add(new String[] { "code", "unit.code.pattern" });
		}
		if (request.title().isBlank()) {
			problems.add(new String[] { "title", "import.error.required" });
		}
		Unit organizer = request.organizerCode().isBlank() ? null : unitByCode.apply(request.organizerCode().strip());
		if (organizer == null || !units.inScope(user, organizer.id())) {
			problems.add(new String[] { "organizer_unit_code", "unit.notFound", request.organizerCode() });
		}
		if (ClassCategory.parse(request.category()).isEmpty()) {
			problems.add(new String[] { "category", "training.category.invalid", request.category() });
		}
		if (request.start() == null) {
			problems.add(new String[] { "start_date", "import.error.required" });
		}
		if (request.end() == null) {
			problems.add(new String[] { "end_date", "import.error.required" });
		}
		if (request.start() != null && request.end() != null && request.end().isBefore(request.start())) {
			problems.add(new String[] { "end_date", "cadre.end.beforeStart" });
		}
		if (request.hours() == null || request.hours().signum() <= 0) {
			problems.add(new String[] { "class_hours", "training.hours.positive" });
		}
		return problems;
	}

	@Transactional
	TrainingClass createClass(CurrentUser user, ClassRequest request) {
		List<String[]> problems = check(user, request, code -> units.findByCode(code).orElse(null));
		if (!problems.isEmpty()) {
			String[] first = problems.get(0);
			throw new BusinessRuleException(first[1], (Object[]) java.util.Arrays.copyOfRange(first, 2, first.length));
		}
		if (repository.findByCode(request.code().strip()).isPresent()) {
			throw new BusinessRuleException("training.code.taken", request.code());
		}
		Unit organizer = units.getInScope(user, request.organizerCode().strip());
		TrainingRepository.ClassRow row = new TrainingRepository.ClassRow(request.code().strip(), request.title().strip(),
				organizer.id(), ClassCategory.parse(request.category()).orElseThrow(), request.start(), request.end(),
				request.hours(), request.targetRanks().strip(), request.targetUnitTypes().strip());
		long id = repository.insert(row, user.username());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("code", row.code());
		after.put("title", row.title());
		after.put("category", row.category().name());
		after.put("start", row.start().toString());
		after.put("end", row.end().toString());
		after.put("hours", row.hours().toPlainString());
		audit.record(AuditEntry.success("create", "training-class", row.code(), organizer.id(), AuditEntry.changes(Map.of(), after)));
		return repository.findByCode(row.code()).orElseThrow();
	}

	TrainingClass visible(CurrentUser user, String code) {
		TrainingClass trainingClass = repository.findByCode(code).orElseThrow(() -> new NotFoundException("training.class.notFound", code));
		if (!units.inScope(user, trainingClass.organizerUnitId())) {
			throw new NotFoundException("training.class.notFound", code);
		}
		return trainingClass;
	}

	@Transactional
	void addStage(CurrentUser user, String code, int stageNo, String title, @Nullable LocalDate start, @Nullable LocalDate end) {
		TrainingClass trainingClass = visible(user, code);
		if (start == null || end == null || end.isBefore(start)) {
			throw new BusinessRuleException("cadre.end.beforeStart");
		}
		if (stageNo <= 0 || repository.stages(trainingClass.id()).stream().anyMatch(s -> s.stageNo() == stageNo)) {
			throw new BusinessRuleException("training.stage.invalid", stageNo);
		}
		repository.insertStage(trainingClass.id(), new TrainingRepository.Stage(stageNo, title.strip(), start, end));
		audit.record(AuditEntry.success("add-stage", "training-class", code, trainingClass.organizerUnitId(),
				Map.of("stage", stageNo, "title", title.strip())));
	}

	/** Enrols cadres by number; every number is checked first, and one bad number enrols nobody. */
	@Transactional
	int enrol(CurrentUser user, String code, List<String> numbers, @Nullable Integer stageNo) {
		TrainingClass trainingClass = visible(user, code);
		// a cadre outside the caller's scope is unknown to them, as in the import
		Map<String, Cadre> found = new java.util.HashMap<>(cadres.findByNos(numbers));
		found.values().removeIf(cadre -> !units.inScope(user, cadre.homeUnitId()));
		Map<Long, BigDecimal> enrolled = repository.absences(trainingClass.id());
		List<String> unknown = numbers.stream().filter(number -> !found.containsKey(number)).toList();
		if (!unknown.isEmpty()) {
			throw new BusinessRuleException("training.cadre.unknown", String.join(", ", unknown));
		}
		List<String> twice = numbers.stream().filter(number -> enrolled.containsKey(found.get(number).id())).toList();
		if (!twice.isEmpty() || numbers.stream().distinct().count() != numbers.size()) {
			throw new BusinessRuleException("training.enrolment.twice", String.join(", ", twice.isEmpty() ? numbers : twice));
		}
		numbers.forEach(number -> repository.enrol(trainingClass.id(), found.get(number).id(), stageNo, BigDecimal.ZERO));
		audit.record(AuditEntry.success("enrol", "training-class", code, trainingClass.organizerUnitId(),
				Map.of("cadres", numbers, "stage", String.valueOf(stageNo))));
		return numbers.size();
	}

	@Transactional
	void recordAbsence(CurrentUser user, String code, String cadreNo, @Nullable BigDecimal absent) {
		TrainingClass trainingClass = visible(user, code);
		Cadre cadre = cadres.findByNo(cadreNo).filter(c -> units.inScope(user, c.homeUnitId()))
			.orElseThrow(() -> new BusinessRuleException("training.cadre.unknown", cadreNo));
		BigDecimal before = repository.absences(trainingClass.id()).get(cadre.id());
		if (before == null) {
			throw new BusinessRuleException("training.enrolment.missing", cadreNo);
		}
		if (absent == null || absent.signum() < 0 || absent.compareTo(trainingClass.classHours()) > 0) {
			throw new BusinessRuleException("training.absent.range", trainingClass.classHours());
		}
		repository.setAbsence(trainingClass.id(), cadre.id(), absent);
		audit.record(AuditEntry.success("record-absence", "training-class", code, trainingClass.organizerUnitId(),
				AuditEntry.changes(Map.of("cadre", cadreNo, "absentHours", before.toPlainString()),
						Map.of("cadre", cadreNo, "absentHours", absent.toPlainString()))));
	}

	/** The trainees with the outcome the rule decides. */
	List<Trainee> trainees(TrainingClass trainingClass) {
		AppliedRule rule = absence.ruleFor(trainingClass);
		return repository.enrolments(trainingClass.id()).stream().map(row -> {
			boolean completed = AbsenceRule.completed(trainingClass.classHours(), row.absentHours(), rule);
			return new Trainee(row.id(), row.cadreId(), row.cadreNo(), row.name(), row.rank(), row.stageNo(), row.absentHours(),
					completed, AbsenceRule.credited(trainingClass.classHours(), row.absentHours(), completed), row.certificate());
		}).toList();
	}

	/** The numbered certificate of a trainee who completed, as PDF with the Chinese text embedded. */
	@Transactional
	/**
	 * The certificate of a completed enrolment as PDF; {@code issue} numbers it if it has no number yet (a POST), and
	 * without it an enrolment not yet numbered has no certificate to show (a GET changes nothing).
	 */
	byte[] certificate(CurrentUser user, String code, long enrolmentId, boolean issue, java.util.Locale locale) {
		TrainingClass trainingClass = visible(user, code);
		Trainee trainee = trainees(trainingClass).stream().filter(t -> t.enrolmentId() == enrolmentId).findFirst()
			.orElseThrow(() -> new NotFoundException("training.enrolment.missing", enrolmentId));
		if (!trainee.completed()) {
			throw new BusinessRuleException("training.certificate.notCompleted", trainee.name());
		}
		String number = trainee.certificate();
		if (number == null && !issue) {
			throw new NotFoundException("training.certificate.notIssued", trainee.name());
		}
		if (number == null) {
			number = trainingClass.code() + "-" + String.format("%04d", repository.certificatesOf(trainingClass.id()) + 1);
			repository.insertCertificate(enrolmentId, number, LocalDate.now(clock));
			audit.record(AuditEntry.success("issue-certificate", "training-class", code, trainingClass.organizerUnitId(),
					Map.of("cadre", trainee.cadreNo(), "number", number)));
		}
		return pdf(trainingClass, trainee, number, locale);
	}

	private byte[] pdf(TrainingClass trainingClass, Trainee trainee, String number, java.util.Locale locale) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4.rotate(), 72, 72, 90, 72);
		PdfWriter.getInstance(document, out);
		document.open();
		Font title = new Font(fonts.font(), 32, Font.BOLD);
		Font body = new Font(fonts.font(), 18);
		Font small = new Font(fonts.font(), 12);
		Unit organizer = units.findById(trainingClass.organizerUnitId()).orElseThrow();
		Paragraph heading = new Paragraph(messages.getMessage("training.certificate.title", null, locale), title);
		heading.setAlignment(Element.ALIGN_CENTER);
		heading.setSpacingAfter(36);
		document.add(heading);
		Paragraph text = new Paragraph(messages.getMessage("training.certificate.text", new Object[] { trainee.name(),
				trainingClass.startDate(), trainingClass.endDate(), trainingClass.title(), trainee.creditedHours().toPlainString() },
				locale), body);
		text.setLeading(32);
		text.setFirstLineIndent(36);
		document.add(text);
		Paragraph sign = new Paragraph(organizer.name() + "\n" + LocalDate.now(clock), body);
		sign.setAlignment(Element.ALIGN_RIGHT);
		sign.setSpacingBefore(48);
		document.add(sign);
		Paragraph numbered = new Paragraph(messages.getMessage("training.certificate.number", new Object[] { number }, locale), small);
		numbered.setSpacingBefore(24);
		document.add(numbered);
		document.close();
		return out.toByteArray();
	}
}
