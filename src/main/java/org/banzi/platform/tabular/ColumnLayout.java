package org.banzi.platform.tabular;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where each wanted column sits in an uploaded sheet's header. */
public final class ColumnLayout {

	private final Map<String, Integer> positions;

	private ColumnLayout(Map<String, Integer> positions) {
		this.positions = positions;
	}

	/** Maps the header; records an error on row 1 for every required column that is missing. */
	public static ColumnLayout of(List<String> header, List<Column> columns, ImportErrors errors) {
		Map<String, Integer> positions = new HashMap<>();
		for (Column column : columns) {
			for (int i = 0; i < header.size(); i++) {
				if (column.matches(header.get(i))) {
					positions.put(column.name(), i);
					break;
				}
			}
			if (column.required() && !positions.containsKey(column.name())) {
				errors.add(1, column.name(), "import.error.missingColumn", column.name());
			}
		}
		return new ColumnLayout(positions);
	}

	public Cell cell(TabularRow row, String column) {
		Integer position = positions.get(column);
		return position == null ? Cell.EMPTY : row.cell(position);
	}

	public String text(TabularRow row, String column) {
		return cell(row, column).trimmed();
	}

	public boolean has(String column) {
		return positions.containsKey(column);
	}
}
