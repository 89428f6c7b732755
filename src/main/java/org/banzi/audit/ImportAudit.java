package org.banzi.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.platform.tabular.ImportErrors;
import org.banzi.platform.tabular.ImportReport;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Ends an import: records it in the audit trail and reports it, refused (every error, by row) or done (the counts). */
@Component
public class ImportAudit {

	private final AuditTrail audit;

	ImportAudit(AuditTrail audit) {
		this.audit = audit;
	}

	public ImportReport refused(String kind, String filename, ImportErrors errors) {
		List<ImportReport.RowError> list = new ArrayList<>(errors.list());
		list.sort(Comparator.comparingInt(ImportReport.RowError::row));
		audit.record(new AuditEntry("import", kind, null, null, AuditEntry.Outcome.FAILURE,
				Map.of("file", filename, "errors", errors.count())));
		return ImportReport.failed(list);
	}

	public ImportReport done(String kind, String filename, @Nullable Long unitId, int inserted, int updated, int unchanged) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("file", filename);
		details.put("inserted", inserted);
		details.put("updated", updated);
		details.put("unchanged", unchanged);
		audit.record(AuditEntry.success("import", kind, null, unitId, details));
		return new ImportReport(inserted, updated, unchanged, List.of());
	}
}
