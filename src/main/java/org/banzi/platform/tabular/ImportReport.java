package org.banzi.platform.tabular;

import java.util.List;

/**
 * What an import did: rows inserted, updated and unchanged, or, when any row was bad, every error and nothing
 * written.
 */
public record ImportReport(int inserted, int updated, int unchanged, List<RowError> errors) {

	public ImportReport {
		errors = List.copyOf(errors);
	}

	public static ImportReport failed(List<RowError> errors) {
		return new ImportReport(0, 0, 0, errors);
	}

	public boolean succeeded() {
		return errors.isEmpty();
	}

	public record RowError(int row, String column, String message) {
	}
}
