package org.banzi.organization;

import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.tabular.TabularWriter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Exports the units of the user's scope in the import's own columns, so an export can be imported again. */
@Service
class UnitExporter {

	private final Units units;
	private final UnitRepository repository;
	private final AuditTrail audit;

	UnitExporter(Units units, UnitRepository repository, AuditTrail audit) {
		this.units = units;
		this.repository = repository;
		this.audit = audit;
	}

	@Transactional
	void export(CurrentUser user, TabularWriter.Format format, boolean includeRetired, Locale locale, OutputStream out) {
		Scope scope = units.scopeOf(user);
		int[] count = { 0 };
		TabularWriter.write(format, headers(locale), sink -> repository.forEachListed(scope, includeRetired, listed -> {
			Unit unit = listed.unit();
			sink.accept(List.of(unit.code(), unit.name(), unit.type().name(),
					listed.parentCode() == null ? "" : listed.parentCode()));
			count[0]++;
		}), out);
		audit.record(AuditEntry.success("export", UnitService.AUDIT_TYPE, null, scope.rootId(),
				Map.of("format", format.name(), "rows", count[0])));
	}

	static List<String> headers(Locale locale) {
		return UnitImporter.COLUMNS.stream().map(column -> column.header(locale)).toList();
	}
}
