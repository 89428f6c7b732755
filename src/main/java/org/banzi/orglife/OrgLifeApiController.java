package org.banzi.orglife;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.banzi.cadres.Cadre;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.ImportReport;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Organizational life over the API: its five imports and reads of meetings, rectification items and decisions. */
@RestController
class OrgLifeApiController {

	private final OrgLifeImporter importer;
	private final OrgLifeRepository repository;
	private final OrgLifeViews views;
	private final OrgLifeChecks checks;
	private final Units units;

	OrgLifeApiController(OrgLifeImporter importer, OrgLifeRepository repository, OrgLifeViews views, OrgLifeChecks checks,
			Units units) {
		this.importer = importer;
		this.repository = repository;
		this.views = views;
		this.checks = checks;
		this.units = units;
	}

	@PostMapping({ "/api/import/life-meetings", "/api/import/talks", "/api/import/rectifications", "/api/import/decisions",
			"/api/import/notification-meetings" })
	@PreAuthorize(Access.MANAGE_ORGANIZATION)
	ResponseEntity<ImportReport> importFile(jakarta.servlet.http.HttpServletRequest request, @RequestParam("file") MultipartFile file,
			Locale locale, ImportJobs jobs) throws IOException {
		String kind = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
		return jobs.respond(kind, file, (name, content) -> importer.importKind(kind, CurrentUsers.get(), name, content, locale));
	}

	record MeetingJson(long id, String unit, String kind, LocalDate date, String topic, @Nullable LocalDate topicReportedOn,
			int opinionsSolicited, @Nullable LocalDate reportSubmittedOn, int teamSize, int present, boolean quorate,
			List<String> attendees, Map<String, String> absent, List<String> checkedBack) {
	}

	@GetMapping("/api/orglife/meetings")
	@PreAuthorize(Access.READ_ORGANIZATION)
	List<MeetingJson> meetings(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit) {
		Unit place = units.place(CurrentUsers.get(), unit);
		int chosen = year == null ? checks.today().getYear() : year;
		return repository.meetings(new Scope(place.id(), place.path()), LocalDate.of(chosen, 1, 1), LocalDate.of(chosen + 1, 1, 1)).stream()
			.map(views::meeting)
			.map(v -> {
				Map<String, String> absent = new java.util.LinkedHashMap<>();
				v.attendees().stream().filter(a -> !a.present())
					.forEach(a -> absent.put(number(v.names(), a.cadreId()), a.absenceReason()));
				return new MeetingJson(v.meeting().id(), v.unit().code(), v.meeting().kind().name(), v.meeting().date(),
						v.meeting().topic(), v.meeting().topicReportedOn(), v.meeting().opinionsSolicited(),
						v.meeting().reportSubmittedOn(), v.teamSize(), v.present(), v.quorate(),
						v.attendees().stream().filter(LifeMeeting.Attendee::present).map(a -> number(v.names(), a.cadreId())).toList(),
						absent, v.checkedBack().stream().map(RectificationItem::code).toList());
			})
			.toList();
	}

	private static String number(Map<Long, Cadre> names, long id) {
		Cadre cadre = names.get(id);
		return cadre == null ? String.valueOf(id) : cadre.cadreNo();
	}

	record ItemJson(String code, String unit, String source, String sourceRef, LocalDate foundOn, String problem, String measures,
			String owner, LocalDate deadline, @Nullable LocalDate completedOn, @Nullable LocalDate verifiedOn, String status,
			boolean overdue) {
	}

	@GetMapping("/api/orglife/rectifications")
	@PreAuthorize(Access.READ_ORGANIZATION)
	List<ItemJson> items(@RequestParam(required = false) @Nullable String unit, @RequestParam(defaultValue = "all") String status) {
		CurrentUser user = CurrentUsers.get();
		Unit place = units.place(user, unit);
		LocalDate today = checks.today();
		List<RectificationItem> items = repository.items(new Scope(place.id(), place.path()), status, today);
		Set<Long> owners = new HashSet<>();
		items.forEach(i -> owners.add(i.ownerCadreId()));
		Map<Long, Cadre> names = views.cadres(owners);
		Map<Long, Unit> unitsById = views.units(new Scope(place.id(), place.path()));
		return items.stream().map(i -> new ItemJson(i.code(), unitsById.get(i.unitId()).code(), i.source().name(), i.sourceRef(),
				i.foundOn(), i.problem(), i.measures(), number(names, i.ownerCadreId()), i.deadline(), i.completedOn(), i.verifiedOn(),
				i.status().name(), i.overdueOn(today))).toList();
	}

	record DecisionJson(String unit, String meeting, LocalDate date, String category, String matter, int expected, int present,
			int votesFor, int votesAgainst, int abstentions, @Nullable BigDecimal amount, List<String> cadres, String dissent) {
	}

	@GetMapping("/api/orglife/decisions")
	@PreAuthorize(Access.READ_ORGANIZATION)
	List<DecisionJson> decisions(@RequestParam(required = false) @Nullable Integer year, @RequestParam(required = false) @Nullable String unit) {
		Unit place = units.place(CurrentUsers.get(), unit);
		int chosen = year == null ? checks.today().getYear() : year;
		Scope scope = new Scope(place.id(), place.path());
		List<CollectiveDecision> decisions = repository.decisions(scope, LocalDate.of(chosen, 1, 1), LocalDate.of(chosen + 1, 1, 1));
		Set<Long> named = new HashSet<>();
		decisions.forEach(d -> named.addAll(d.cadreIds()));
		Map<Long, Cadre> names = views.cadres(named);
		Map<Long, Unit> unitsById = views.units(scope);
		return decisions.stream().map(d -> new DecisionJson(unitsById.get(d.unitId()).code(), d.meeting().name(), d.date(),
				d.category().name(), d.matter(), d.expected(), d.present(), d.votesFor(), d.votesAgainst(), d.abstentions(), d.amount(),
				d.cadreIds().stream().map(id -> number(names, id)).toList(), d.dissent())).toList();
	}
}
