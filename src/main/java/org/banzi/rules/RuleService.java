package org.banzi.rules;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records new versions of rules. A version starts on a day and runs until the next one starts, so a report for a
 * past year keeps the values in force then. Every change is audited and refreshes the rule cache after commit.
 */
@Service
class RuleService {

	static final String AUDIT_TYPE = "rule";

	private final RuleRepository repository;
	private final Rules rules;
	private final Units units;
	private final AuditTrail audit;

	RuleService(RuleRepository repository, Rules rules, Units units, AuditTrail audit) {
		this.repository = repository;
		this.rules = rules;
		this.units = units;
		this.audit = audit;
	}

	/** A version as typed: the unit is a code (blank: the county-wide default) and the value is text. */
	record Request(String key, String appliesTo, @Nullable String unitCode, String value, @Nullable LocalDate from,
			@Nullable LocalDate to, String sourceTitle, String sourceArticle, String note) {
	}

	/** Checks a request; returns the message key and field of the first problem, or the version to write. */
	sealed interface Checked permits Valid, Invalid {
	}

	record Valid(RuleRepository.NewVersion version) implements Checked {
	}

	record Invalid(String field, String messageKey, Object... arguments) implements Checked {
	}

	Checked check(CurrentUser user, Request request) {
		RuleDefinition definition = rules.definitions().stream()
			.filter(d -> d.key().equals(request.key()))
			.findFirst()
			.orElse(null);
		if (definition == null) {
			return new Invalid("key", "rule.notFound", request.key());
		}
		if (!definition.appliesKind().targets().contains(request.appliesTo())) {
			return new Invalid("appliesTo", "rule.appliesTo.invalid", request.appliesTo(),
					String.join(", ", definition.appliesKind().targets()));
		}
		Long unitId = null;
		if (request.unitCode() != null && !request.unitCode().isBlank()) {
			Unit unit = units.findByCode(request.unitCode().strip()).orElse(null);
			if (unit == null || !units.inScope(user, unit.id())) {
				return new Invalid("unitCode", "unit.notFound", request.unitCode());
			}
			unitId = unit.id();
		}
		else if (!user.has(Role.COUNTY_ADMIN) || units.scopeOf(user).rootId() != units.root().id()) {
			return new Invalid("unitCode", "rule.default.countyOnly");
		}
		var parsed = RuleValues.parse(request.value(), definition.measure()).orElse(null);
		if (parsed == null) {
			return new Invalid("value", "rule.value.invalid", request.value());
		}
		if (parsed.value().signum() < 0) {
			return new Invalid("value", "rule.value.negative");
		}
		if (definition.measure() == Measure.SHARE && parsed.value().compareTo(parsed.denominator()) > 0) {
			return new Invalid("value", "rule.value.shareAboveOne");
		}
		if (request.from() == null) {
			return new Invalid("from", "rule.from.required");
		}
		if (request.to() != null && request.to().isBefore(request.from())) {
			return new Invalid("to", "rule.to.beforeFrom");
		}
		if (request.sourceTitle().isBlank()) {
			return new Invalid("sourceTitle", "rule.source.required");
		}
		return new Valid(new RuleRepository.NewVersion(definition.key(), request.appliesTo(), unitId, parsed.value(),
				parsed.denominator(), request.from(), request.to(), request.sourceTitle().strip(),
				request.sourceArticle().strip(), request.note().strip()));
	}

	/** Adds a version that starts after the latest one; the latest is closed the day before. */
	@Transactional
	AppliedRule addVersion(RuleRepository.NewVersion version) {
		List<AppliedRule> existing = repository.versions(version.key(), version.appliesTo(), version.unitId());
		if (!existing.isEmpty()) {
			AppliedRule latest = existing.get(existing.size() - 1);
			if (!version.from().isAfter(latest.effectiveFrom())) {
				throw new BusinessRuleException("rule.from.notAfterLatest", latest.effectiveFrom());
			}
			LocalDate dayBefore = version.from().minusDays(1);
			if (latest.effectiveTo() == null || latest.effectiveTo().isAfter(dayBefore)) {
				repository.close(latest.versionId(), dayBefore);
				audit.record(AuditEntry.success("close", AUDIT_TYPE, latest.versionId(), latest.definedAtUnitId(),
						AuditEntry.changes(mapOf("effectiveTo", String.valueOf(latest.effectiveTo())),
								mapOf("effectiveTo", dayBefore.toString()))));
			}
		}
		long id = repository.insert(version, CurrentUsers.actorName());
		audit.record(AuditEntry.success("create", AUDIT_TYPE, id, version.unitId(), AuditEntry.changes(Map.of(), snapshot(version))));
		rules.invalidate();
		return repository.findById(id).orElseThrow();
	}

	/** Corrects an existing version in place (value, end, source), as an import may; audited with before and after. */
	@Transactional
	void correct(AppliedRule existing, RuleRepository.NewVersion version) {
		repository.correct(existing.versionId(), version);
		audit.record(AuditEntry.success("correct", AUDIT_TYPE, existing.versionId(), existing.definedAtUnitId(),
				AuditEntry.changes(snapshot(existing), snapshot(version))));
		rules.invalidate();
	}

	static Map<String, Object> snapshot(RuleRepository.NewVersion version) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("key", version.key());
		fields.put("appliesTo", version.appliesTo());
		fields.put("unitId", version.unitId());
		fields.put("value", version.value().stripTrailingZeros().toPlainString() + "/"
				+ version.denominator().stripTrailingZeros().toPlainString());
		fields.put("from", version.from().toString());
		fields.put("to", String.valueOf(version.to()));
		fields.put("source", version.sourceTitle() + " " + version.sourceArticle());
		fields.put("note", version.note());
		return fields;
	}

	static Map<String, Object> snapshot(AppliedRule rule) {
		return snapshot(new RuleRepository.NewVersion(rule.key(), rule.appliesTo(), rule.definedAtUnitId(), rule.value(),
				rule.denominator(), rule.effectiveFrom(), rule.effectiveTo(), rule.sourceTitle(), rule.sourceArticle(),
				rule.note()));
	}

	private static Map<String, Object> mapOf(String key, Object value) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put(key, value);
		return map;
	}

	static boolean sameContent(AppliedRule existing, RuleRepository.NewVersion version) {
		return existing.value().compareTo(version.value()) == 0
				&& existing.denominator().compareTo(version.denominator()) == 0
				&& java.util.Objects.equals(existing.effectiveTo(), version.to())
				&& existing.sourceTitle().equals(version.sourceTitle())
				&& existing.sourceArticle().equals(version.sourceArticle()) && existing.note().equals(version.note());
	}
}
