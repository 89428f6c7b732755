package org.banzi.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
import org.banzi.integrity.IntegrityYear;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.orglife.OrgLifeYear;
import org.banzi.platform.BadRequestException;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.ConflictException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.db.PageMemo;
import org.banzi.platform.events.AssessmentFinding;
import org.banzi.platform.summary.CadreFigure;
import org.banzi.platform.summary.CadreYearContribution;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.banzi.training.TrainingRecords;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The year-end cycle: opened over a unit's subtree by the county administrator, its subjects the teams of that subtree
 * and their members on the report day. Appraisals issue one-time codes; results exist only once the cycle is closed
 * and enough ballots were cast. Grades are proposed within the quota of "excellent" per category, never "excellent"
 * for a cadre a rule blocks, and signed once, frozen with a hash.
 */
@Service
class AssessmentService {

	static final String MIN_BALLOTS = "assessment.ballots.min";
	static final String EXCELLENT_SHARE = "assessment.excellent.maxShare";
	static final String TRAINING_YEARS = "assessment.training.yearsBehind";
	static final String INCOMPETENT_SHARE = "assessment.incompetent.maxShare";
	static final String ALL = "ALL";

	private final JdbcClient jdbc;
	private final BallotBox box;
	private final Units units;
	private final Cadres cadres;
	private final Rules rules;
	private final AuditTrail audit;
	private final TrainingRecords training;
	private final OrgLifeYear orgLife;
	private final IntegrityYear integrity;
	private final List<CadreYearContribution> parts;
	private final Clock clock;
	private final org.banzi.platform.db.Memo memo;

	/** A cadre's figures of the year, kept apart from the summary's results: there are as many as cadres. */
	private final PageMemo pages;

	/** Every table the parts read for a cadre's figures. */
	private final List<String> partTables;

	AssessmentService(JdbcClient jdbc, BallotBox box, Units units, Cadres cadres, Rules rules, AuditTrail audit, TrainingRecords training,
			OrgLifeYear orgLife, IntegrityYear integrity, ObjectProvider<CadreYearContribution> parts, Clock clock,
			ApplicationEventPublisher events, org.banzi.platform.db.Memo memo, PageMemo pages) {
		this.jdbc = jdbc;
		this.pages = pages;
		this.memo = memo;
		this.events = events;
		this.box = box;
		this.units = units;
		this.cadres = cadres;
		this.rules = rules;
		this.audit = audit;
		this.training = training;
		this.orgLife = orgLife;
		this.integrity = integrity;
		this.parts = parts.orderedStream().sorted(java.util.Comparator.comparingInt(CadreYearContribution::order)).toList();
		this.partTables = this.parts.stream().flatMap(part -> part.tables().stream()).distinct().sorted().toList();
		this.clock = clock;
	}

	private final ApplicationEventPublisher events;

	LocalDate today() {
		return LocalDate.now(clock);
	}

	/** A cycle; public, with its methods, because the pages call them. */
	public record Cycle(long id, int year, long unitId, LocalDate opens, LocalDate closes, @Nullable Instant closedAt, @Nullable Instant signedAt,
			@Nullable String hash) {

		/** Ballots are taken from the day it opens until the day it closes, unless closed earlier. */
		public boolean open(LocalDate today) {
			return closedAt == null && !today.isBefore(opens) && !today.isAfter(closes);
		}

		public boolean closed(LocalDate today) {
			return closedAt != null || today.isAfter(closes);
		}

		public LocalDate reportDay(LocalDate today) {
			return Rules.reportDay(year, today);
		}
	}

	Optional<Cycle> findCycle(long id) {
		return jdbc.sql("SELECT id, year, unit_id, opens, closes, closed_at, grades_signed_at, grades_hash FROM assessment_cycle WHERE id = ?")
			.param(id)
			.query((rs, n) -> new Cycle(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getObject(4, LocalDate.class),
					rs.getObject(5, LocalDate.class), ts(rs.getTimestamp(6)), ts(rs.getTimestamp(7)), rs.getString(8)))
			.optional();
	}

	private static @Nullable Instant ts(java.sql.@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	Cycle visibleCycle(CurrentUser user, long id) {
		return findCycle(id).filter(c -> units.inScope(user, c.unitId()))
			.orElseThrow(() -> new NotFoundException("assessment.cycle.notFound", id));
	}

	List<Cycle> cycles(Scope scope) {
		return jdbc.sql("SELECT id FROM assessment_cycle WHERE unit_id IN (" + Scope.UNIT_IDS + ") ORDER BY year DESC, id DESC")
			.params(scope.parameters()).query(Long.class).list().stream().map(id -> findCycle(id).orElseThrow()).toList();
	}

	@Transactional
	long openCycle(CurrentUser user, int year, String unitCode, LocalDate opens, LocalDate closes) {
		Unit unit = units.getInScope(user, unitCode);
		if (closes.isBefore(opens)) {
			throw new BusinessRuleException("assessment.cycle.dates");
		}
		long id = jdbc.sql("INSERT INTO assessment_cycle (year, unit_id, opens, closes, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id")
			.params(year, unit.id(), opens, closes, user.username()).query(Long.class).single();
		audit.record(AuditEntry.success("create", "assessment-cycle", id, unit.id(), Map.of("year", year, "opens", opens.toString(),
				"closes", closes.toString())));
		return id;
	}

	@Transactional
	void closeCycle(CurrentUser user, long id) {
		Cycle cycle = visibleCycle(user, id);
		if (cycle.closedAt() != null) {
			throw new ConflictException("assessment.cycle.closedAlready");
		}
		jdbc.sql("UPDATE assessment_cycle SET closed_at = now() WHERE id = ?").param(id).update();
		audit.record(AuditEntry.success("close", "assessment-cycle", id, cycle.unitId(), Map.of("year", cycle.year())));
	}

	/** The teams of the cycle's subtree (units with a member on the report day), with their members. */
	Map<Unit, List<Membership>> teams(Cycle cycle) {
		Unit root = units.findById(cycle.unitId()).orElseThrow();
		Scope scope = new Scope(root.id(), root.path());
		Map<Long, Unit> byId = new java.util.HashMap<>();
		units.subtree(scope).forEach(unit -> byId.put(unit.id(), unit));
		Map<Unit, List<Membership>> teams = new LinkedHashMap<>();
		cadres.teamsOn(scope, cycle.reportDay(today())).forEach((unitId, team) -> teams.put(byId.get(unitId), team));
		return teams;
	}

	record Appraisal(long id, long cycleId, long unitId, int voters) {
	}

	Optional<Appraisal> findAppraisal(long id) {
		return jdbc.sql("SELECT id, cycle_id, unit_id, voters FROM appraisal WHERE id = ?").param(id)
			.query((rs, n) -> new Appraisal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4))).optional();
	}

	List<Appraisal> appraisals(long cycleId) {
		return jdbc.sql("SELECT id, cycle_id, unit_id, voters FROM appraisal WHERE cycle_id = ? ORDER BY unit_id").param(cycleId)
			.query((rs, n) -> new Appraisal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4))).list();
	}

	/** Issues the codes of a team's appraisal; the codes, shown this once. */
	@Transactional
	Map.Entry<Long, List<String>> issue(CurrentUser user, long cycleId, String unitCode, int voters) {
		Cycle cycle = visibleCycle(user, cycleId);
		if (cycle.closed(today())) {
			throw new ConflictException("assessment.cycle.closed");
		}
		Unit unit = units.getInScope(user, unitCode);
		if (teams(cycle).keySet().stream().noneMatch(u -> u.id() == unit.id())) {
			throw new BusinessRuleException("assessment.appraisal.noTeam", unitCode);
		}
		if (voters <= 0) {
			throw new BusinessRuleException("assessment.appraisal.voters");
		}
		// one appraisal per team and cycle: a second issue (or two at once) is refused, never a second set of codes
		long id = jdbc.sql("""
				INSERT INTO appraisal (cycle_id, unit_id, voters, created_by) VALUES (?, ?, ?, ?)
				ON CONFLICT (cycle_id, unit_id) DO NOTHING RETURNING id""")
			.params(cycleId, unit.id(), voters, user.username()).query(Long.class).optional()
			.orElseThrow(() -> new ConflictException("assessment.appraisal.exists", unitCode));
		List<String> codes = box.issue(id, voters);
		audit.record(AuditEntry.success("issue-codes", "appraisal", id, unit.id(), Map.of("voters", voters)));
		return Map.entry(id, codes);
	}

	/** What a code's ballot shows: the team and its members on the report day. */
	record BallotForm(Appraisal appraisal, Unit unit, List<Cadre> members) {
	}

	BallotForm ballotForm(String code) {
		Appraisal appraisal = box.appraisalOf(code).flatMap(this::findAppraisal)
			.filter(a -> findCycle(a.cycleId()).map(c -> c.open(today())).orElse(false))
			.orElseThrow(() -> new NotFoundException("assessment.code.unknown", "-"));
		return ballotForm(appraisal);
	}

	private BallotForm ballotForm(Appraisal appraisal) {
		Cycle cycle = findCycle(appraisal.cycleId()).orElseThrow();
		Unit unit = units.findById(appraisal.unitId()).orElseThrow();
		List<Long> ids = cadres.teamOn(unit.id(), cycle.reportDay(today())).stream().map(Membership::cadreId).distinct().toList();
		Map<Long, Cadre> found = cadres.findByIds(ids);
		List<Cadre> members = ids.stream().map(found::get).sorted(java.util.Comparator.comparing(Cadre::cadreNo)).toList();
		return new BallotForm(appraisal, unit, members);
	}

	/** Casts a ballot: 404 for an unknown or closed code, 409 for a used one, 400 for a member not on the team. */
	void cast(String code, BallotBox.Marks marks) {
		// the code is read once here: another cast with it may use it at any moment, and then the box says 409
		Appraisal appraisal = box.appraisalOf(code).flatMap(this::findAppraisal).orElse(null);
		if (appraisal != null) {
			BallotForm form = ballotForm(appraisal);
			Set<String> members = new HashSet<>(form.members().stream().map(Cadre::cadreNo).toList());
			for (String number : marks.members().keySet()) {
				if (!members.contains(number)) {
					throw new BadRequestException("assessment.ballot.notMember", number);
				}
			}
		}
		box.cast(code, marks, appraisalId -> findAppraisal(appraisalId).flatMap(a -> findCycle(a.cycleId()))
			.map(c -> c.open(today())).orElse(false));
	}

	/** The counts of an appraisal: per grade for the team and for each member, by cadre number. */
	record Results(long ballots, Map<TeamGrade, Long> team, Map<String, Map<Grade, Long>> members) {

		public long incompetent(String cadreNo) {
			return members.getOrDefault(cadreNo, Map.of()).getOrDefault(Grade.INCOMPETENT, 0L);
		}
	}

	Results results(CurrentUser user, long appraisalId) {
		Appraisal appraisal = findAppraisal(appraisalId).filter(a -> units.inScope(user, a.unitId()))
			.orElseThrow(() -> new NotFoundException("assessment.appraisal.notFound", appraisalId));
		Cycle cycle = findCycle(appraisal.cycleId()).orElseThrow();
		if (!cycle.closed(today())) {
			throw new ConflictException("assessment.results.notClosed");
		}
		return countedResults(appraisal, cycle);
	}

	private Results countedResults(Appraisal appraisal, Cycle cycle) {
		List<BallotBox.Ballot> ballots = box.ballots(appraisal.id());
		Unit unit = units.findById(appraisal.unitId()).orElseThrow();
		AppliedRule min = rules.resolve(MIN_BALLOTS, ALL, unit, cycle.reportDay(today()))
			.orElseThrow(() -> new BusinessRuleException("assessment.rule.missing", MIN_BALLOTS));
		if (rules.evaluate(min, BigDecimal.valueOf(ballots.size())).behind()) {
			throw new ConflictException("assessment.results.tooFew", ballots.size(), min.formattedValue(), min.citation());
		}
		Map<TeamGrade, Long> team = new EnumMap<>(TeamGrade.class);
		Map<String, Map<Grade, Long>> members = new TreeMap<>();
		for (BallotBox.Ballot ballot : ballots) {
			if (ballot.team() != null) {
				team.merge(ballot.team(), 1L, Long::sum);
			}
			ballot.members().forEach((number, grade) -> members.computeIfAbsent(number, n -> new EnumMap<>(Grade.class)).merge(grade, 1L, Long::sum));
		}
		return new Results(ballots.size(), team, members);
	}

	/** The tables a team's counted results are read from: kept until one of them changes (a closed cycle's never do). */
	private static final List<String> RESULT_TABLES = List.of("assessment_cycle", "appraisal", "ballot", "org_unit", "rule_definition",
			"rule_value");

	/** A team's results once its cycle is closed and enough ballots were cast; every page of its members asks. */
	Optional<Results> resultsFor(Cycle cycle, long unitId) {
		return memo.remember(List.of(AssessmentService.class, "results", cycle, unitId, today()), RESULT_TABLES,
				() -> countResultsFor(cycle, unitId));
	}

	private Optional<Results> countResultsFor(Cycle cycle, long unitId) {
		return appraisals(cycle.id()).stream().filter(a -> a.unitId() == unitId).findFirst().flatMap(a -> {
			try {
				return cycle.closed(today()) ? Optional.of(countedResults(a, cycle)) : Optional.empty();
			}
			catch (ConflictException tooFew) {
				return Optional.empty();
			}
		});
	}

	// duty reports

	/** A cadre's draft: every module's figures for the year, the cadre's own words, whether submitted. */
	record Draft(Cadre cadre, List<CadreFigure> figures, String ownWords, @Nullable LocalDate submittedOn) {
	}

	/** The cadre's draft: the parts' figures, kept until one of their tables changes, and the cadre's own words. */
	Draft draft(Cycle cycle, Cadre cadre) {
		LocalDate day = cycle.reportDay(today());
		List<CadreFigure> figures = pages.remember(List.of(AssessmentService.class, "figures", cadre.id(), cycle.year(), day),
				partTables, () -> figures(cadre.id(), cycle.year(), day));
		var own = jdbc.sql("SELECT own_words, submitted_on FROM duty_report WHERE cycle_id = ? AND cadre_id = ?").params(cycle.id(), cadre.id())
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getObject(2, LocalDate.class) }).optional();
		return new Draft(cadre, figures, own.map(o -> (String) o[0]).orElse(""), own.map(o -> (LocalDate) o[1]).orElse(null));
	}

	private List<CadreFigure> figures(long cadreId, int year, LocalDate day) {
		List<CadreFigure> figures = new ArrayList<>();
		parts.forEach(part -> figures.addAll(part.forCadre(cadreId, year, day)));
		return List.copyOf(figures);
	}

	/** The cadre's own words, saved or submitted; the figures are never typed, they are the records'. */
	@Transactional
	void saveOwnWords(Cycle cycle, Cadre cadre, String words, boolean submit) {
		if (!isSubject(cycle, cadre.id())) {
			throw new NotFoundException("assessment.cycle.notFound", cycle.id());
		}
		jdbc.sql("""
				INSERT INTO duty_report (cycle_id, cadre_id, own_words, submitted_on) VALUES (?, ?, ?, ?)
				ON CONFLICT (cycle_id, cadre_id) DO UPDATE SET own_words = EXCLUDED.own_words,
				       submitted_on = COALESCE(EXCLUDED.submitted_on, duty_report.submitted_on), updated_at = now()""")
			.params(cycle.id(), cadre.id(), words.strip(), submit ? today() : null).update();
		audit.record(AuditEntry.success(submit ? "submit" : "save", "duty-report", cycle.id(), cadre.homeUnitId(),
				Map.of("cadre", cadre.cadreNo(), "characters", words.strip().length())));
	}

	boolean isSubject(Cycle cycle, long cadreId) {
		return teamOf(cycle, cadreId).isPresent();
	}

	/**
	 * The unit of the team the cadre sits on at the cycle's report day, within the cycle's unit (the first by id, as
	 * {@link #teams} lists them, if several), read from the cadre's own memberships.
	 */
	Optional<Long> teamOf(Cycle cycle, long cadreId) {
		Map<Long, Unit> all = units.lookup();
		Unit root = units.of(all, cycle.unitId());
		Scope scope = new Scope(root.id(), root.path());
		LocalDate day = cycle.reportDay(today());
		return cadres.memberships(cadreId).stream().filter(m -> m.heldOn(day) && scope.contains(units.of(all, m.unitId())))
			.map(Membership::unitId).min(Long::compare);
	}

	/** The open cycles in which the cadre is a subject. */
	List<Cycle> cyclesOf(Cadre cadre) {
		return jdbc.sql("SELECT id FROM assessment_cycle ORDER BY year DESC").query(Long.class).list().stream()
			.map(id -> findCycle(id).orElseThrow()).filter(c -> isSubject(c, cadre.id())).toList();
	}

	// grades

	/** Why a cadre cannot be graded "excellent": each reason a rule. */
	record Blocker(AppliedRule rule, String messageKey, Object[] arguments) {
	}

	List<Blocker> blockers(Cycle cycle, Cadre cadre) {
		LocalDate day = cycle.reportDay(today());
		Unit home = units.findById(cadre.homeUnitId()).orElseThrow();
		List<Blocker> blockers = new ArrayList<>();
		AppliedRule concealment = rules.resolve("personalMatters.randomCheck.share", ALL, home, day).orElse(null);
		if (concealment != null && integrity.concealmentFound(cadre.id(), cycle.year())) {
			blockers.add(new Blocker(concealment, "assessment.blocker.concealment", new Object[0]));
		}
		long overdue = orgLife.overdueOwned(cadre.id(), day);
		rules.resolve("rectification.overdue.days", ALL, home, day).filter(rule -> overdue > 0)
			.ifPresent(rule -> blockers.add(new Blocker(rule, "assessment.blocker.rectification", new Object[] { overdue })));
		rules.resolve(TRAINING_YEARS, ALL, home, day).ifPresent(rule -> {
			int behind = training.yearsBehind(cadre.id(), cadre.rank().name().startsWith("COUNTY_"), home, cycle.year(),
					rule.value().intValue());
			if (rules.evaluate(rule, BigDecimal.valueOf(behind)).behind()) {
				blockers.add(new Blocker(rule, "assessment.blocker.training", new Object[] { behind }));
			}
		});
		teams(cycle).forEach((unit, team) -> {
			if (team.stream().anyMatch(m -> m.cadreId() == cadre.id())) {
				resultsFor(cycle, unit.id()).ifPresent(results -> {
					long votes = results.members().getOrDefault(cadre.cadreNo(), Map.of()).values().stream().mapToLong(Long::longValue).sum();
					long incompetent = results.incompetent(cadre.cadreNo());
					rules.resolve(INCOMPETENT_SHARE, ALL, unit, day).filter(rule -> votes > 0 && !rule.metByShare(incompetent, votes))
						.ifPresent(rule -> blockers.add(new Blocker(rule, "assessment.blocker.incompetent", new Object[] { incompetent, votes })));
				});
			}
		});
		return blockers;
	}

	/** The categories the quota of "excellent" is counted in. */
	enum Category {
		TEAMS, COUNTY_LEVEL, SECTION_LEVEL
	}

	record Proposal(@Nullable Long cadreId, @Nullable Long unitId, Grade grade) {
	}

	List<Proposal> grades(long cycleId) {
		return jdbc.sql("SELECT cadre_id, unit_id, grade FROM grade WHERE cycle_id = ? ORDER BY unit_id NULLS LAST, cadre_id").param(cycleId)
			.query((rs, n) -> new Proposal((Long) rs.getObject(1), (Long) rs.getObject(2), Grade.valueOf(rs.getString(3)))).list();
	}

	/** Proposes a cadre's grade; refused beyond the quota or for a blocked cadre, each naming its rule. */
	@Transactional
	void proposeCadre(CurrentUser user, long cycleId, String cadreNo, Grade grade) {
		Cycle cycle = proposable(user, cycleId);
		Cadre cadre = cadres.findByNo(cadreNo).filter(c -> isSubject(cycle, c.id()))
			.orElseThrow(() -> new NotFoundException("assessment.subject.unknown", cadreNo));
		if (grade == Grade.EXCELLENT) {
			List<Blocker> blockers = blockers(cycle, cadre);
			if (!blockers.isEmpty()) {
				Blocker first = blockers.get(0);
				throw new BusinessRuleException("assessment.grade.blocked", cadreNo, first.rule().key(), first.rule().citation());
			}
			Category category = cadre.rank().name().startsWith("COUNTY_") ? Category.COUNTY_LEVEL : Category.SECTION_LEVEL;
			checkQuota(cycle, category, cadre.id(), null);
		}
		jdbc.sql("""
				INSERT INTO grade (cycle_id, cadre_id, grade, proposed_by) VALUES (?, ?, ?, ?)
				ON CONFLICT (cycle_id, cadre_id) WHERE cadre_id IS NOT NULL DO UPDATE SET grade = EXCLUDED.grade,
				       proposed_by = EXCLUDED.proposed_by, proposed_at = now()""")
			.params(cycleId, cadre.id(), grade.name(), user.username()).update();
		audit.record(AuditEntry.success("propose-grade", "assessment-grade", cycleId, cadre.homeUnitId(), Map.of("cadre", cadreNo, "grade",
				grade.name())));
	}

	@Transactional
	void proposeTeam(CurrentUser user, long cycleId, String unitCode, Grade grade) {
		Cycle cycle = proposable(user, cycleId);
		Unit unit = teams(cycle).keySet().stream().filter(u -> u.code().equals(unitCode)).findFirst()
			.orElseThrow(() -> new NotFoundException("assessment.subject.unknown", unitCode));
		if (grade == Grade.EXCELLENT) {
			checkQuota(cycle, Category.TEAMS, null, unit.id());
		}
		jdbc.sql("""
				INSERT INTO grade (cycle_id, unit_id, grade, proposed_by) VALUES (?, ?, ?, ?)
				ON CONFLICT (cycle_id, unit_id) WHERE unit_id IS NOT NULL DO UPDATE SET grade = EXCLUDED.grade,
				       proposed_by = EXCLUDED.proposed_by, proposed_at = now()""")
			.params(cycleId, unit.id(), grade.name(), user.username()).update();
		audit.record(AuditEntry.success("propose-grade", "assessment-grade", cycleId, unit.id(), Map.of("team", unitCode, "grade",
				grade.name())));
	}

	private Cycle proposable(CurrentUser user, long cycleId) {
		Cycle cycle = visibleCycle(user, cycleId);
		if (cycle.signedAt() != null) {
			throw new ConflictException("assessment.grades.signed");
		}
		return cycle;
	}

	/** The subjects of a category in the cycle, and the most "excellent" the rule allows among them (rounded down). */
	private void checkQuota(Cycle cycle, Category category, @Nullable Long cadreId, @Nullable Long unitId) {
		Map<Unit, List<Membership>> teams = teams(cycle);
		Set<Long> subjects = new HashSet<>();
		if (category == Category.TEAMS) {
			teams.keySet().forEach(u -> subjects.add(u.id()));
		}
		else {
			Set<Long> members = new HashSet<>();
			teams.values().forEach(team -> team.forEach(m -> members.add(m.cadreId())));
			cadres.findByIds(members).values().stream()
				.filter(c -> c.rank().name().startsWith("COUNTY_") == (category == Category.COUNTY_LEVEL))
				.forEach(c -> subjects.add(c.id()));
		}
		Unit root = units.findById(cycle.unitId()).orElseThrow();
		AppliedRule share = rules.resolve(EXCELLENT_SHARE, ALL, root, cycle.reportDay(today()))
			.orElseThrow(() -> new BusinessRuleException("assessment.rule.missing", EXCELLENT_SHARE));
		long allowed = BigDecimal.valueOf(subjects.size()).multiply(share.value()).divide(share.denominator(), 0, RoundingMode.FLOOR).longValue();
		long excellent = grades(cycle.id()).stream()
			.filter(g -> g.grade() == Grade.EXCELLENT)
			.filter(g -> category == Category.TEAMS ? g.unitId() != null && subjects.contains(g.unitId())
					: g.cadreId() != null && subjects.contains(g.cadreId()))
			.filter(g -> !java.util.Objects.equals(g.cadreId(), cadreId) || cadreId == null)
			.filter(g -> !java.util.Objects.equals(g.unitId(), unitId) || unitId == null)
			.count();
		if (excellent + 1 > allowed) {
			throw new BusinessRuleException("assessment.grade.quota", allowed, subjects.size(), share.formattedValue(), share.citation());
		}
	}

	/** Signs the grades: frozen by the database from now on, with the SHA-256 of what was signed. */
	@Transactional
	String sign(CurrentUser user, long cycleId) {
		Cycle cycle = proposable(user, cycleId);
		StringBuilder canonical = new StringBuilder(cycle.year() + "|" + cycle.unitId());
		grades(cycleId).forEach(g -> canonical.append('\n').append(g.cadreId()).append('|').append(g.unitId()).append('|').append(g.grade()));
		String hash;
		try {
			hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		jdbc.sql("UPDATE assessment_cycle SET grades_signed_at = now(), grades_hash = ? WHERE id = ?").params(hash, cycleId).update();
		audit.record(AuditEntry.success("sign", "assessment-grades", cycleId, cycle.unitId(), Map.of("hash", hash)));
		// a team or cadre graded short of competent must put it right: organizational life opens the item
		for (Proposal grade : grades(cycleId)) {
			if (grade.grade().compareTo(Grade.COMPETENT) > 0) {
				long unit = grade.unitId() != null ? grade.unitId()
						: cadres.findByIds(List.of(grade.cadreId())).get(grade.cadreId()).homeUnitId();
				events.publishEvent(new AssessmentFinding(cycleId, cycle.year(), grade.cadreId(), unit, grade.grade().name(),
						grade.grade().labels().get(0), today()));
			}
		}
		return hash;
	}
}
