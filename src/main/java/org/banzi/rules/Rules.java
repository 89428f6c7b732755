package org.banzi.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which value of a rule applies to a unit (and its team and cadres) on a day, and how a measured value fares
 * against it. The versions are held in memory, reloaded after any change commits: resolving is a walk up the
 * unit's path, with no query.
 * <p>
 * Resolution: among the versions of the rule for the target that are in force on the day, the one set on the
 * nearest unit of the unit's lineage (itself, its parent, ... the root) wins; the county-wide default applies where
 * no unit of the lineage overrides it.
 */
@Service
public class Rules {

	private final RuleRepository repository;
	private final Units units;
	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

	Rules(RuleRepository repository, Units units) {
		this.repository = repository;
		this.units = units;
	}

	private record Snapshot(Map<String, RuleDefinition> definitions, Map<String, List<AppliedRule>> versionsByKeyTarget) {
	}

	private Snapshot snapshot() {
		Snapshot current = snapshot.get();
		if (current == null) {
			Map<String, RuleDefinition> definitions = repository.definitions().stream()
				.collect(Collectors.toMap(RuleDefinition::key, d -> d, (a, b) -> a, java.util.LinkedHashMap::new));
			Map<String, List<AppliedRule>> versions = repository.allVersions().stream()
				.collect(Collectors.groupingBy(rule -> rule.key() + "|" + rule.appliesTo()));
			current = new Snapshot(definitions, versions);
			snapshot.set(current);
		}
		return current;
	}

	/** Drops the cached versions once the current transaction commits (or at once, outside one). */
	void invalidate() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					snapshot.set(null);
				}
			});
		}
		snapshot.set(null);
	}

	public List<RuleDefinition> definitions() {
		return List.copyOf(snapshot().definitions().values());
	}

	public RuleDefinition definition(String key) {
		RuleDefinition definition = snapshot().definitions().get(key);
		if (definition == null) {
			throw new NotFoundException("rule.notFound", key);
		}
		return definition;
	}

	/** The version of rule {@code key} for {@code appliesTo} in force at {@code unit} on {@code day}, if any. */
	public Optional<AppliedRule> resolve(String key, String appliesTo, Unit unit, LocalDate day) {
		List<AppliedRule> versions = snapshot().versionsByKeyTarget().getOrDefault(key + "|" + appliesTo, List.of());
		AppliedRule best = null;
		int bestDepth = -1;
		for (AppliedRule version : versions) {
			if (!version.inForceOn(day)) {
				continue;
			}
			int depth = depthInLineage(version.definedAtUnitId(), unit);
			if (depth > bestDepth) {
				best = version;
				bestDepth = depth;
			}
		}
		return Optional.ofNullable(best);
	}

	public Optional<AppliedRule> resolve(String key, String appliesTo, long unitId, LocalDate day) {
		Unit unit = units.findById(unitId).orElseThrow(() -> new NotFoundException("unit.notFound", unitId));
		return resolve(key, appliesTo, unit, day);
	}

	/** Where the version was set in the unit's lineage: 0 for the default, deeper for nearer units, -1 if elsewhere. */
	private static int depthInLineage(@Nullable Long definedAt, Unit unit) {
		if (definedAt == null) {
			return 0;
		}
		String marker = "/" + definedAt + "/";
		int index = unit.path().indexOf(marker);
		if (index < 0) {
			return -1;
		}
		return 1 + (int) unit.path().substring(0, index + 1).chars().filter(c -> c == '/').count();
	}

	/**
	 * The version of {@code key} for {@code appliesTo} in force at each of {@code units} on {@code day}, for one
	 * query to hold a whole scope against it; {@code name} is the alias the query gives its rows.
	 */
	public RuleTable table(String name, String key, String appliesTo, java.util.Collection<Unit> units, LocalDate day) {
		Map<Long, AppliedRule> byUnit = new java.util.HashMap<>();
		for (Unit unit : units) {
			resolve(key, appliesTo, unit, day).ifPresent(rule -> byUnit.put(unit.id(), rule));
		}
		return new RuleTable(name, definition(key).comparison(), byUnit);
	}

	/** As {@link #table}, each unit held against the version for its own unit type. */
	public RuleTable tableByUnitType(String name, String key, java.util.Collection<Unit> units, LocalDate day) {
		Map<Long, AppliedRule> byUnit = new java.util.HashMap<>();
		for (Unit unit : units) {
			resolve(key, unit.type().name(), unit, day).ifPresent(rule -> byUnit.put(unit.id(), rule));
		}
		return new RuleTable(name, definition(key).comparison(), byUnit);
	}

	public Evaluation evaluate(AppliedRule rule, BigDecimal measured) {
		return Evaluation.of(rule, measured);
	}

	/** Every rule version in force at a unit on a day, for each target of each rule. */
	public List<AppliedRule> inForce(Unit unit, LocalDate day) {
		List<AppliedRule> result = new ArrayList<>();
		for (RuleDefinition definition : snapshot().definitions().values()) {
			for (String target : definition.appliesKind().targets()) {
				resolve(definition.key(), target, unit, day).ifPresent(result::add);
			}
		}
		return result;
	}

	/**
	 * The lowest value any version of a rule has had, for any target, unit or time: a bound a query can filter on before
	 * the rule in force is resolved for each record (empty when the rule has no version).
	 */
	public Optional<BigDecimal> lowestValue(String key) {
		return history(key).stream().map(AppliedRule::value).min(Comparator.naturalOrder());
	}

	/** Every version ever recorded of one rule, newest first. */
	List<AppliedRule> history(String key) {
		return snapshot().versionsByKeyTarget().entrySet().stream()
			.filter(entry -> entry.getKey().startsWith(key + "|"))
			.flatMap(entry -> entry.getValue().stream())
			.sorted(Comparator.comparing(AppliedRule::appliesTo).thenComparing(AppliedRule::effectiveFrom).reversed())
			.toList();
	}

	List<AppliedRule> allVersions() {
		return snapshot().versionsByKeyTarget().values().stream().flatMap(List::stream).toList();
	}

	/** The last day of a report year, or today while the year is under way. */
	public static LocalDate reportDay(int year, LocalDate today) {
		LocalDate end = LocalDate.of(year, 12, 31);
		return end.isAfter(today) ? today : end;
	}
}
