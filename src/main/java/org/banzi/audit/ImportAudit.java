package org.banzi.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.banzi.platform.db.Slices;
import org.banzi.platform.tabular.ImportErrors;
import org.banzi.platform.tabular.ImportReport;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Ends an import: records it in the audit trail and reports it, refused (every error, by row) or done (the counts). */
@Component
public class ImportAudit {

	private final AuditTrail audit;
	private final MeterRegistry meters;

	ImportAudit(AuditTrail audit, MeterRegistry meters) {
		this.audit = audit;
		this.meters = meters;
	}

	public ImportReport refused(String kind, String filename, ImportErrors errors) {
		List<ImportReport.RowError> list = new ArrayList<>(errors.list());
		list.sort(Comparator.comparingInt(ImportReport.RowError::row));
		audit.record(new AuditEntry("import", kind, null, null, AuditEntry.Outcome.FAILURE,
				Map.of("file", filename, "errors", errors.count())));
		meters.counter("banzi.import.refused", "kind", kind).increment();
		return ImportReport.failed(list);
	}

	/** How many rows one audit record of an import's rows holds: a 100,000-row import writes 200 of them. */
	public static final int ROWS_PER_RECORD = 500;

	/**
	 * The rows an import inserted or updated, each with its values before (empty for an insert) and after, written to
	 * the audit trail in records of {@value #ROWS_PER_RECORD} rows, so what an import changed stays traceable.
	 */
	public void rows(String kind, String filename, @Nullable Long unitId, List<Map<String, Object>> changes) {
		Slices.each(changes, ROWS_PER_RECORD, slice -> {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("file", filename);
			details.put("rows", slice);
			audit.record(AuditEntry.success("import-rows", kind, null, unitId, details));
		});
	}

	/** One changed row for {@link #rows}: its key and its values before and after. */
	public static Map<String, Object> change(String key, Map<String, ?> before, Map<String, ?> after) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("key", key);
		row.put("before", before);
		row.put("after", after);
		return row;
	}

	/** Ends an import that wrote rows: each inserted or updated row in the trail with its values, then the counts. */
	public ImportReport done(String kind, String filename, @Nullable Long unitId, ImportChanges changes, int unchanged) {
		rows(kind, filename, unitId, changes.rows());
		return done(kind, filename, unitId, changes.insertedCount(), changes.updatedCount(), unchanged);
	}

	/**
	 * Ends an import that wrote rows and has put each of them in the trail itself ({@link #rows}, a chunk at a time):
	 * the counts.
	 */
	public ImportReport done(String kind, String filename, @Nullable Long unitId, int inserted, int updated, int unchanged) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("file", filename);
		details.put("inserted", inserted);
		details.put("updated", updated);
		details.put("unchanged", unchanged);
		audit.record(AuditEntry.success("import", kind, null, unitId, details));
		meters.counter("banzi.import.rows", "kind", kind, "outcome", "inserted").increment(inserted);
		meters.counter("banzi.import.rows", "kind", kind, "outcome", "updated").increment(updated);
		meters.counter("banzi.import.rows", "kind", kind, "outcome", "unchanged").increment(unchanged);
		return new ImportReport(inserted, updated, unchanged, List.of());
	}
}
