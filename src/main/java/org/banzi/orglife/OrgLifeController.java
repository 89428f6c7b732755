package org.banzi.orglife;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.UploadLimits;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.KeptFragments;
import org.banzi.platform.web.Page;
import org.banzi.platform.web.WorkingYear;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A unit's organizational life: its teams' meetings, talks, decisions and notification meetings; forms; import. */
@Controller
class OrgLifeController {

	private static final List<String> KINDS = List.of("life-meetings", "talks", "rectifications", "decisions", "notification-meetings");

	private final OrgLifeRepository repository;
	private final OrgLifeService service;
	private final OrgLifeViews views;
	private final FieldProblems problems;
	private final OrgLifeImporter importer;
	private final OrgLifeChecks checks;
	private final Cadres cadres;
	private final Units units;
	private final KeptFragments fragments;

	/** Attachments are read whole: they take no more than an import read whole. */
	private final UploadLimits limits;

	OrgLifeController(OrgLifeRepository repository, OrgLifeService service, OrgLifeViews views, FieldProblems problems,
			OrgLifeImporter importer, OrgLifeChecks checks, Cadres cadres, Units units, UploadLimits limits,
			KeptFragments fragments) {
		this.fragments = fragments;
		this.limits = limits;
		this.repository = repository;
		this.service = service;
		this.views = views;
		this.problems = problems;
		this.importer = importer;
		this.checks = checks;
		this.cadres = cadres;
		this.units = units;
	}

	/**
	 * The unit's page, its reads in one read-only transaction (not one each). Its five lists are rendered once and
	 * kept until an organizational life record, a team, cadre, unit or rule changes: rendering them was four fifths
	 * of the page's time.
	 */
	@GetMapping("/orglife")
	@PreAuthorize(Access.READ_ORGANIZATION)
	@Transactional(readOnly = true)
	String unit(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "0") int teamPage,
			@RequestParam(defaultValue = "0") int meetingPage, @RequestParam(defaultValue = "0") int decisionPage,
			@RequestParam(defaultValue = "0") int notificationPage, @RequestParam(defaultValue = "0") int size, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		Unit place = units.place(CurrentUsers.get(), unit);
		int year = WorkingYear.of(request);
		LocalDate today = checks.today();
		ListPages pages = new ListPages(teamPage, Math.max(meetingPage, 0), Math.max(decisionPage, 0),
				Math.max(notificationPage, 0), size);
		model.addAttribute("place", place);
		model.addAttribute("year", year);
		model.addAttribute("lists", fragments.render("orglife/unit-lists :: lists", List.of(place.id(), year, today, pages),
				OrgLifeFigures.TABLES, request, response, () -> lists(place, year, today, pages)));
		return "orglife/unit";
	}

	/** The page of each of the unit's lists asked for, and the size asked for (0: the default). */
	private record ListPages(int team, int meeting, int decision, int notification, int size) {

		int rows() {
			return Page.size(size);
		}
	}

	/** What the unit's page lists: its teams against the rule, and its meetings, talks, decisions and notifications. */
	private Map<String, Object> lists(Unit place, int year, LocalDate today, ListPages pages) {
		Scope scope = new Scope(place.id(), place.path());
		LocalDate from = LocalDate.of(year, 1, 1);
		LocalDate to = LocalDate.of(year + 1, 1, 1);
		LocalDate day = Rules.reportDay(year, today);
		int rows = pages.rows();
		List<OrgLifeRepository.Talk> talks = repository.talks(place.id(), from, to);
		Set<Long> named = new HashSet<>();
		talks.forEach(t -> {
			named.add(t.fromCadreId());
			named.add(t.toCadreId());
		});
		Map<String, Object> lists = new HashMap<>();
		lists.put("place", place);
		lists.put("teams", Page.of(views.teams(problems, scope, year, day), pages.team(), rows));
		lists.put("meetings", repository.meetings(scope, from, to, pages.meeting(), rows));
		lists.put("talks", talks);
		lists.put("decisions", repository.decisions(scope, from, to, pages.decision(), rows));
		lists.put("notifications", repository.notifications(scope, from, to, pages.notification(), rows));
		lists.put("size", pages.size());
		lists.put("unitsById", views.units(scope));
		lists.put("names", views.cadres(named));
		lists.put("ownTeam", !cadres.teamOn(place.id(), today).isEmpty());
		return lists;
	}

	// life meetings

	@GetMapping("/orglife/meetings/new")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String newMeeting(@RequestParam String unit,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date, Model model) {
		Unit place = units.getInScope(CurrentUsers.get(), unit);
		LocalDate day = date == null ? checks.today() : date;
		model.addAttribute("form", new OrgLifeChecks.MeetingInput(place.code(), MeetingKind.DEMOCRATIC_LIFE.name(), day, "", null, 0,
				null, List.of(), Map.of(), Map.of()));
		return meetingForm(place, day, model);
	}

	private String meetingForm(Unit place, LocalDate day, Model model) {
		Map<Long, Cadre> members = new LinkedHashMap<>();
		List<Membership> team = cadres.teamOn(place.id(), day);
		Map<Long, Cadre> found = views.cadres(team.stream().map(Membership::cadreId).toList());
		team.forEach(m -> members.putIfAbsent(m.cadreId(), found.get(m.cadreId())));
		model.addAttribute("place", place);
		model.addAttribute("members", members.values());
		model.addAttribute("kinds", MeetingKind.values());
		return "orglife/meeting-form";
	}

	@PostMapping("/orglife/meetings")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String recordMeeting(@RequestParam String unitCode, @RequestParam(defaultValue = "") String kind,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(defaultValue = "") String topic,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate topicReportedOn,
			@RequestParam(required = false) @Nullable Integer opinionsSolicited,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate reportSubmittedOn,
			@RequestParam(name = "member", required = false) @Nullable List<String> listed,
			@RequestParam(name = "present", required = false) @Nullable List<String> present, @RequestParam Map<String, String> all,
			Model model, RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.getInScope(user, unitCode);
		List<String> here = present == null ? List.of() : present;
		Map<String, String> absent = new LinkedHashMap<>();
		Map<String, OrgLifeChecks.Points> points = new LinkedHashMap<>();
		for (String number : listed == null ? List.<String>of() : listed) {
			if (!here.contains(number)) {
				absent.put(number, all.getOrDefault("reason_" + number, ""));
			}
			points.put(number, new OrgLifeChecks.Points(integer(all.get("criticism_" + number)), integer(all.get("self_" + number)),
					all.getOrDefault("points_" + number, "")));
		}
		OrgLifeChecks.MeetingInput input = new OrgLifeChecks.MeetingInput(unitCode, kind, date, topic, topicReportedOn,
				opinionsSolicited, reportSubmittedOn, here, absent, points);
		Checked<Long> result = service.recordMeeting(user, input);
		if (result.ok()) {
			redirect.addFlashAttribute("flash", "orglife.meeting.recorded");
			redirect.addFlashAttribute("flashArgs", new Object[] { topic, here.size() });
			return "redirect:/orglife/meetings/" + result.value();
		}
		model.addAttribute("form", input);
		model.addAttribute("problems", result.problems());
		return meetingForm(place, date == null ? checks.today() : date, model);
	}

	private static int integer(@Nullable String text) {
		try {
			return text == null || text.isBlank() ? 0 : Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	@GetMapping("/orglife/meetings/{id}")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String meeting(@PathVariable long id, Model model) {
		model.addAttribute("view", views.meeting(service.visibleMeeting(CurrentUsers.get(), id)));
		model.addAttribute("today", checks.today());
		return "orglife/meeting";
	}

	@PostMapping("/orglife/meetings/{id}/minutes")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String attachMinutes(@PathVariable long id, @RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
		if (file.isEmpty()) {
			redirect.addFlashAttribute("flashError", "upload.empty");
		}
		else {
			limits.checkHeld(file.getSize());
			service.attachMinutes(CurrentUsers.get(), id, new OrgLifeRepository.File(String.valueOf(file.getOriginalFilename()),
					file.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : file.getContentType(), file.getBytes()));
			redirect.addFlashAttribute("flash", "orglife.minutes.attached");
			redirect.addFlashAttribute("flashArgs", new Object[] { file.getOriginalFilename() });
		}
		return "redirect:/orglife/meetings/" + id;
	}

	@GetMapping("/orglife/meetings/{id}/minutes")
	@PreAuthorize(Access.READ_ORGANIZATION)
	ResponseEntity<byte[]> minutes(@PathVariable long id) {
		service.visibleMeeting(CurrentUsers.get(), id);
		OrgLifeRepository.File file = repository.minutes(id).orElseThrow(() -> new NotFoundException("orglife.meeting.notFound", id));
		return download(file);
	}

	static ResponseEntity<byte[]> download(OrgLifeRepository.File file) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.filename(), StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(file.data());
	}

	// talks, decisions, notification meetings

	@GetMapping("/orglife/talks/new")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String newTalk(@RequestParam String unit, Model model) {
		Unit place = units.getInScope(CurrentUsers.get(), unit);
		model.addAttribute("form", new OrgLifeChecks.TalkInput(place.code(), checks.today(), "", "", ""));
		return talkForm(place, model);
	}

	private String talkForm(Unit place, Model model) {
		List<Membership> team = cadres.teamOn(place.id(), checks.today());
		Map<Long, Cadre> found = views.cadres(team.stream().map(Membership::cadreId).toList());
		model.addAttribute("place", place);
		model.addAttribute("members", new ArrayList<>(new LinkedHashMap<>(found).values()));
		return "orglife/talk-form";
	}

	@PostMapping("/orglife/talks")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String recordTalk(@RequestParam String unitCode,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(defaultValue = "") String fromCadreNo, @RequestParam(defaultValue = "") String toCadreNo,
			@RequestParam(defaultValue = "") String topic, Model model, RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.getInScope(user, unitCode);
		OrgLifeChecks.TalkInput input = new OrgLifeChecks.TalkInput(unitCode, date, fromCadreNo, toCadreNo, topic);
		Checked<Long> result = service.recordTalk(user, input);
		return saved(result, input, "orglife.talk.recorded", place, "talks", model, redirect, () -> talkForm(place, model));
	}

	/**
	 * A form's outcome: saved, the unit's page at the list it joined with a flash; refused, the form again with what was
	 * typed and every problem.
	 */
	private static String saved(Checked<Long> result, Object input, String flash, Unit place, String list, Model model,
			RedirectAttributes redirect, Supplier<String> form) {
		if (result.ok()) {
			redirect.addFlashAttribute("flash", flash);
			return "redirect:/orglife?unit=" + place.code() + "#" + list;
		}
		model.addAttribute("form", input);
		model.addAttribute("problems", result.problems());
		return form.get();
	}

	@GetMapping("/orglife/decisions/new")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String newDecision(@RequestParam String unit, Model model) {
		Unit place = units.getInScope(CurrentUsers.get(), unit);
		model.addAttribute("form", new OrgLifeChecks.DecisionInput(place.code(), DecisionMeeting.STANDING_COMMITTEE.name(), checks.today(),
				DecisionCategory.MAJOR_DECISION.name(), "", null, null, null, 0, 0, null, List.of(), ""));
		return decisionForm(place, model);
	}

	private String decisionForm(Unit place, Model model) {
		model.addAttribute("place", place);
		model.addAttribute("meetingTypes", DecisionMeeting.values());
		model.addAttribute("categories", DecisionCategory.values());
		return "orglife/decision-form";
	}

	@PostMapping("/orglife/decisions")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String recordDecision(@RequestParam String unitCode, @RequestParam(defaultValue = "") String meeting,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "") String matter,
			@RequestParam(required = false) @Nullable Integer expected, @RequestParam(required = false) @Nullable Integer present,
			@RequestParam(required = false) @Nullable Integer votesFor, @RequestParam(required = false) @Nullable Integer votesAgainst,
			@RequestParam(required = false) @Nullable Integer abstentions, @RequestParam(required = false) @Nullable BigDecimal amount,
			@RequestParam(defaultValue = "") String cadreNos, @RequestParam(defaultValue = "") String dissent, Model model,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.getInScope(user, unitCode);
		List<String> numbers = java.util.Arrays.stream(cadreNos.split("[;；,，、\\s]+")).filter(s -> !s.isBlank()).toList();
		OrgLifeChecks.DecisionInput input = new OrgLifeChecks.DecisionInput(unitCode, meeting, date, category, matter, expected, present,
				votesFor, votesAgainst, abstentions, amount, numbers, dissent);
		Checked<Long> result = service.recordDecision(user, input);
		return saved(result, input, "orglife.decision.recorded", place, "decisions", model, redirect, () -> decisionForm(place, model));
	}

	@GetMapping("/orglife/notifications/new")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String newNotification(@RequestParam String unit, Model model) {
		Unit place = units.getInScope(CurrentUsers.get(), unit);
		model.addAttribute("form", new OrgLifeChecks.NotificationInput(place.code(), checks.today(), List.of(), null, ""));
		return notificationForm(place, model);
	}

	private String notificationForm(Unit place, Model model) {
		model.addAttribute("place", place);
		model.addAttribute("audiences", Audience.values());
		return "orglife/notification-form";
	}

	@PostMapping("/orglife/notifications")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String recordNotification(@RequestParam String unitCode,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate date,
			@RequestParam(name = "audience", required = false) @Nullable List<String> audience,
			@RequestParam(required = false) @Nullable Integer attendance, @RequestParam(defaultValue = "") String opinions, Model model,
			RedirectAttributes redirect) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.getInScope(user, unitCode);
		OrgLifeChecks.NotificationInput input = new OrgLifeChecks.NotificationInput(unitCode, date,
				audience == null ? List.of() : audience, attendance, opinions);
		Checked<Long> result = service.recordNotification(user, input);
		return saved(result, input, "orglife.notification.recorded", place, "notifications", model, redirect, () -> notificationForm(place, model));
	}

	// appointments and collective decisions

	@GetMapping("/orglife/appointments")
	@PreAuthorize(Access.READ_ORGANIZATION)
	String appointments(@RequestParam(required = false) @Nullable String unit, Model model, HttpServletRequest request) {
		Unit place = units.place(CurrentUsers.get(), unit);
		Scope scope = new Scope(place.id(), place.path());
		int year = WorkingYear.of(request);
		LocalDate day = Rules.reportDay(year, checks.today());
		Map<Long, Unit> unitsById = views.units(scope);
		List<FieldProblems.Appointment> missing = problems.withoutDecision(scope, year, day, unitsById);
		model.addAttribute("place", place);
		model.addAttribute("appointments", problems.appointments(scope, year, day));
		model.addAttribute("missing", missing);
		model.addAttribute("unitsById", unitsById);
		return "orglife/appointments";
	}

	// import

	@GetMapping("/orglife/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importForm(Model model) {
		model.addAttribute("kinds", KINDS);
		return "orglife/import";
	}

	@PostMapping("/orglife/import")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	String importFile(@RequestParam(defaultValue = "life-meetings") String kind, @RequestParam("file") MultipartFile file, Model model,
			Locale locale, ImportJobs jobs) throws IOException {
		return jobs.onPage(model, file, KINDS, kind, "/orglife/import", "orglife/import",
				(chosen, name, content) -> importer.importKind(chosen, CurrentUsers.get(), name, content, locale));
	}

	@GetMapping("/orglife/template")
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	void template(@RequestParam(defaultValue = "life-meetings") String kind, @RequestParam(defaultValue = "xlsx") String format,
			Locale locale, HttpServletResponse response) throws IOException {
		String chosen = Imports.chosen(KINDS, kind);
		Imports.template(response, chosen, OrgLifeImporter.columns(chosen), format, locale);
	}
}
