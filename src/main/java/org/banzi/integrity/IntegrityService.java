package org.banzi.integrity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.Role;
import org.banzi.platform.crypto.FieldCipher;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Integrity's records and who may touch them. An inspector or county administrator (an officer) works within their
 * scope; tip-offs are the inspector's alone; a cadre files and reads their own report; anyone else is answered as if
 * the record did not exist. Every read of a report, a filing or a tip-off is written to the audit trail; contents
 * are encrypted before they are stored.
 */
@Service
class IntegrityService {

	static final String SHARE = "personalMatters.randomCheck.share";

	private final IntegrityRepository repository;
	private final Units units;
	private final Cadres cadres;
	private final Rules rules;
	private final FieldCipher cipher;
	private final AuditTrail audit;
	private final JsonMapper json;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	IntegrityService(IntegrityRepository repository, Units units, Cadres cadres, Rules rules, FieldCipher cipher, AuditTrail audit,
			JsonMapper json, ApplicationEventPublisher events, Clock clock) {
		this.repository = repository;
		this.units = units;
		this.cadres = cadres;
		this.rules = rules;
		this.cipher = cipher;
		this.audit = audit;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.now(clock);
	}

	// who may

	/** An inspector or a county administrator; to anyone else integrity does not exist. */
	static void officer(CurrentUser user) {
		if (!user.hasAny(Role.INSPECTOR, Role.COUNTY_ADMIN)) {
			throw new NotFoundException("integrity.notFound", "-");
		}
	}

	static void inspector(CurrentUser user) {
		if (!user.has(Role.INSPECTOR)) {
			throw new NotFoundException("integrity.notFound", "-");
		}
	}

	private boolean inScope(CurrentUser user, long cadreId) {
		return cadres.findById(cadreId).map(c -> units.inScope(user, c.homeUnitId())).orElse(false);
	}

	// personal matters reports

	/** What a report holds: the rows of each item, none where nothing is reported. */
	Map<ReportItem, List<String>> items(IntegrityRepository.@Nullable Report report) {
		Map<ReportItem, List<String>> items = new EnumMap<>(ReportItem.class);
		for (ReportItem item : ReportItem.values()) {
			items.put(item, List.of());
		}
		if (report != null && report.contentCipher() != null) {
			Map<String, List<String>> stored = json.readValue(cipher.decrypt(report.contentCipher()), new TypeReference<>() {
			});
			stored.forEach((key, rows) -> items.put(ReportItem.valueOf(key), List.copyOf(rows)));
		}
		return items;
	}

	/** The form a cadre fills for a year: their report if filed, else last year's rows to confirm or change. */
	Map<ReportItem, List<String>> form(Cadre cadre, int year) {
		return items(repository.report(cadre.id(), year, "ANNUAL").or(() -> repository.latestWithContent(cadre.id(), year)).orElse(null));
	}

	@Transactional
	long file(Cadre cadre, int year, Map<ReportItem, List<String>> items) {
		if (year > today().getYear()) {
			throw new BusinessRuleException("integrity.report.futureYear");
		}
		Map<String, List<String>> clean = new LinkedHashMap<>();
		items.forEach((item, rows) -> clean.put(item.name(), rows.stream().map(String::strip).filter(r -> !r.isEmpty()).toList()));
		String content = cipher.encrypt(json.writeValueAsString(clean));
		LocalDate today = today();
		long id = repository.report(cadre.id(), year, "ANNUAL").map(existing -> {
			repository.updateReport(existing.id(), today, content);
			return existing.id();
		}).orElseGet(() -> repository.insertReport(cadre.id(), year, "ANNUAL", today, "FORM", content, cadre.cadreNo()));
		long reported = clean.values().stream().filter(rows -> !rows.isEmpty()).count();
		audit.record(AuditEntry.success("file", "personal-matters-report", id, cadre.homeUnitId(),
				Map.of("year", year, "filedOn", today.toString(), "itemsWithRows", reported)));
		return id;
	}

	/** A report and the one before it, for the reviewer's item-by-item view of what changed; the read is audited. */
	record ReportView(IntegrityRepository.Report report, Cadre cadre, Map<ReportItem, List<String>> items,
			Map<ReportItem, List<String>> previous) {

		public boolean changed(ReportItem item) {
			return !items.get(item).equals(previous.get(item));
		}
	}

	@Transactional
	ReportView readReport(CurrentUser user, long id) {
		IntegrityRepository.Report report = repository.report(id).orElseThrow(() -> new NotFoundException("integrity.notFound", id));
		Cadre cadre = cadres.findById(report.cadreId()).orElseThrow();
		boolean own = cadre.cadreNo().equals(user.username()) && user.has(Role.CADRE);
		if (!own) {
			officer(user);
			if (!units.inScope(user, cadre.homeUnitId())) {
				throw new NotFoundException("integrity.notFound", id);
			}
		}
		audit.record(AuditEntry.success("read", "personal-matters-report", id, cadre.homeUnitId(), Map.of("cadre", cadre.cadreNo(),
				"year", report.year())));
		return new ReportView(report, cadre, items(report), items(repository.latestWithContent(cadre.id(), report.year()).orElse(null)));
	}

	// checks (查核)

	/**
	 * The random part of a draw: {@code count} of the filers (in cadre-number order) shuffled by a generator seeded with
	 * {@code seed}, so the same seed and filers always give the same draw.
	 */
	static List<Long> draw(List<Long> filers, int count, long seed) {
		List<Long> shuffled = new ArrayList<>(filers);
		Collections.shuffle(shuffled, new Random(seed));
		return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
	}

	/** A drawn check: the cadre and why. */
	record Drawn(String cadreNo, String reason) {
	}

	@Transactional
	List<Drawn> drawChecks(CurrentUser user, int year, long seed) {
		officer(user);
		Scope scope = units.scopeOf(user);
		Map<Long, IntegrityRepository.Check> existing = repository.checks(year);
		if (existing.values().stream().anyMatch(c -> c.reason().equals("RANDOM") && inScope(user, c.cadreId()))) {
			throw new BusinessRuleException("integrity.check.drawnAlready", year);
		}
		List<Long> filers = repository.filers(scope, year);
		Unit root = units.findById(scope.rootId()).orElseThrow();
		AppliedRule share = rules.resolve(SHARE, "ALL", root, LocalDate.of(year, 12, 31))
			.orElseThrow(() -> new BusinessRuleException("integrity.check.noRule", SHARE));
		int count = BigDecimal.valueOf(filers.size()).multiply(share.value())
			.divide(share.denominator(), 0, RoundingMode.CEILING).intValue();
		List<Drawn> drawn = new ArrayList<>();
		Map<Long, Cadre> names = cadres.findByIds(filers);
		for (long cadreId : draw(filers, count, seed)) {
			repository.insertCheck(year, cadreId, "RANDOM", seed, today(), user.username());
			drawn.add(new Drawn(names.get(cadreId).cadreNo(), "RANDOM"));
		}
		List<Long> promoted = repository.promoted(scope, year);
		Map<Long, Cadre> promotedNames = cadres.findByIds(promoted);
		for (long cadreId : promoted) {
			if (!existing.containsKey(cadreId) && drawn.stream().noneMatch(d -> d.cadreNo().equals(promotedNames.get(cadreId).cadreNo()))) {
				repository.insertCheck(year, cadreId, "PROMOTION", null, today(), user.username());
				drawn.add(new Drawn(promotedNames.get(cadreId).cadreNo(), "PROMOTION"));
			}
		}
		audit.record(AuditEntry.success("draw", "personal-matters-check", year, scope.rootId(), Map.of("year", year, "seed", seed,
				"filers", filers.size(), "share", share.formattedValue(), "drawn", drawn.stream().map(d -> d.cadreNo() + ":" + d.reason()).toList())));
		return drawn;
	}

	@Transactional
	void recordOutcome(CurrentUser user, long checkId, CheckOutcome outcome, String handling, LocalDate on) {
		officer(user);
		IntegrityRepository.Check check = repository.check(checkId).filter(c -> inScope(user, c.cadreId()))
			.orElseThrow(() -> new NotFoundException("integrity.notFound", checkId));
		if (on.isAfter(today())) {
			throw new BusinessRuleException("integrity.date.future");
		}
		repository.recordOutcome(checkId, outcome, cipher.encrypt(handling.strip()), on, user.username());
		audit.record(AuditEntry.success("check-outcome", "personal-matters-check", checkId, null, AuditEntry.changes(
				Map.of("outcome", String.valueOf(check.outcome())), Map.of("outcome", outcome.name(), "on", on.toString()))));
	}

	String decrypt(@Nullable String cipherText) {
		return cipherText == null ? "" : cipher.decrypt(cipherText);
	}

	String encrypt(String plain) {
		return cipher.encrypt(plain);
	}

	// event filings

	@Transactional
	IntegrityRepository.Filing readFiling(CurrentUser user, long id) {
		IntegrityRepository.Filing filing = repository.filing(id).orElseThrow(() -> new NotFoundException("integrity.notFound", id));
		Cadre cadre = cadres.findById(filing.cadreId()).orElseThrow();
		if (!(cadre.cadreNo().equals(user.username()) && user.has(Role.CADRE))) {
			officer(user);
			if (!units.inScope(user, cadre.homeUnitId())) {
				throw new NotFoundException("integrity.notFound", id);
			}
		}
		audit.record(AuditEntry.success("read", "event-filing", id, cadre.homeUnitId(), Map.of("code", filing.code())));
		return filing;
	}

	/**
	 * A cadre files a family event: before it (the day is today or later) or after it (the day has passed). Filed again
	 * after the event, the same filing gains its report after and the final counts.
	 */
	@Transactional
	long fileEvent(Cadre cadre, EventKind kind, LocalDate eventDate, @Nullable Integer guests, @Nullable Integer tables,
			@Nullable Integer cars, @Nullable Integer officialCars, String gifts) {
		for (Integer count : java.util.Arrays.asList(guests, tables, cars, officialCars)) {
			if (count != null && count < 0) {
				throw new BusinessRuleException("integrity.count.negative");
			}
		}
		LocalDate today = today();
		String code = "EV-" + cadre.cadreNo() + "-" + eventDate + "-" + kind.name();
		IntegrityRepository.Filing current = repository.filingsByCodes(List.of(code)).get(code);
		boolean before = !eventDate.isBefore(today);
		IntegrityRepository.Filing filing = new IntegrityRepository.Filing(0, code, cadre.id(), kind, eventDate,
				before ? today : current == null ? null : current.reportedBefore(), before ? null : today, guests, tables, cars, officialCars,
				gifts.isBlank() ? null : cipher.encrypt(gifts.strip()));
		long id;
		if (current == null) {
			id = repository.insertFiling(filing, cadre.cadreNo());
		}
		else {
			id = current.id();
			repository.updateFiling(id, filing);
		}
		audit.record(AuditEntry.success(current == null ? "create" : "update", "event-filing", id, cadre.homeUnitId(), Map.of("code", code,
				"kind", kind.name(), "eventDate", eventDate.toString(), "report", before ? "before" : "after")));
		return id;
	}

	// tip-offs: the inspector's alone

	@Transactional
	long receiveTipOff(CurrentUser user, LocalDate received, TipOffChannel channel, @Nullable Cadre about, Unit unit, String summary,
			String informant, String handler) {
		inspector(user);
		if (!units.inScope(user, unit.id()) || received.isAfter(today())) {
			throw new BusinessRuleException("integrity.tipoff.invalid");
		}
		AppliedRule days = rules.resolve("tipoff.handling.days", "ALL", unit, received)
			.orElseThrow(() -> new BusinessRuleException("integrity.check.noRule", "tipoff.handling.days"));
		LocalDate deadline = received.plusDays(days.value().longValue());
		long id = repository.insertTipOff(new IntegrityRepository.TipOff(0, received, channel, about == null ? null : about.id(), unit.id(),
				cipher.encrypt(summary.strip()), informant.isBlank() ? null : cipher.encrypt(informant.strip()), handler.strip(), deadline,
				null, null, null), user.username());
		audit.record(AuditEntry.success("create", "tipoff", id, unit.id(), Map.of("received", received.toString(), "channel", channel.name(),
				"deadline", deadline.toString())));
		return id;
	}

	@Transactional
	IntegrityRepository.TipOff readTipOff(CurrentUser user, long id) {
		inspector(user);
		IntegrityRepository.TipOff tipOff = repository.tipOff(id).filter(t -> units.inScope(user, t.aboutUnitId()))
			.orElseThrow(() -> new NotFoundException("integrity.notFound", id));
		audit.record(AuditEntry.success("read", "tipoff", id, tipOff.aboutUnitId(), Map.of()));
		return tipOff;
	}

	/** Closes a tip-off; one found partly or fully true tells the modules that react (a rectification item is opened). */
	@Transactional
	void closeTipOff(CurrentUser user, long id, TipOffOutcome outcome, String handling, LocalDate on) {
		IntegrityRepository.TipOff tipOff = readTipOff(user, id);
		if (tipOff.closedOn() != null) {
			throw new BusinessRuleException("integrity.tipoff.closedAlready");
		}
		if (on.isBefore(tipOff.receivedOn()) || on.isAfter(today())) {
			throw new BusinessRuleException("integrity.tipoff.closeDate", tipOff.receivedOn());
		}
		repository.closeTipOff(id, outcome, cipher.encrypt(handling.strip()), on);
		audit.record(AuditEntry.success("close", "tipoff", id, tipOff.aboutUnitId(), Map.of("outcome", outcome.name(), "closed", on.toString())));
		if (outcome != TipOffOutcome.UNFOUNDED) {
			events.publishEvent(new TipOffSubstantiated(id, tipOff.aboutUnitId(), tipOff.aboutCadreId(), on));
		}
	}
}
