package org.banzi.rules;

import java.io.OutputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.tabular.TabularWriter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Exports every version of every rule the user can see (the defaults and the overrides in their scope). */
@Service
class RuleExporter {

	private final Rules rules;
	private final Units units;
	private final AuditTrail audit;

	RuleExporter(Rules rules, Units units, AuditTrail audit) {
		this.rules = rules;
		this.units = units;
		this.audit = audit;
	}

	@Transactional
	void export(CurrentUser user, TabularWriter.Format format, Locale locale, OutputStream out) {
		Scope scope = units.scopeOf(user);
		List<AppliedRule> versions = rules.allVersions().stream()
			.filter(v -> v.definedAtUnitId() == null
					|| units.findById(v.definedAtUnitId()).map(scope::contains).orElse(false))
			.sorted(Comparator.comparing(AppliedRule::key).thenComparing(AppliedRule::appliesTo)
				.thenComparing(AppliedRule::effectiveFrom))
			.toList();
		TabularWriter.write(format, headers(locale), sink -> versions.forEach(v -> sink.accept(List.of(v.key(),
				v.appliesTo(), v.definedAtUnitId() == null ? "" : units.findById(v.definedAtUnitId()).map(Unit::code).orElse(""),
				v.formattedValue(), v.effectiveFrom(), v.effectiveTo() == null ? "" : v.effectiveTo(), v.sourceTitle(),
				v.sourceArticle(), v.note()))), out);
		audit.record(AuditEntry.success("export", RuleService.AUDIT_TYPE, null, scope.rootId(),
				Map.of("format", format.name(), "rows", versions.size())));
	}

	static List<String> headers(Locale locale) {
		return RuleImporter.COLUMNS.stream().map(column -> column.header(locale)).toList();
	}
}
