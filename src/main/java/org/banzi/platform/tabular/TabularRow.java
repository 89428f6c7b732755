package org.banzi.platform.tabular;

import java.util.List;

/** A data row of an uploaded sheet: its row number as the user sees it (the header is row 1) and its cells. */
public record TabularRow(int number, List<Cell> cells) {

	public TabularRow {
		cells = List.copyOf(cells);
	}

	public Cell cell(int index) {
		return index >= 0 && index < cells.size() ? cells.get(index) : Cell.EMPTY;
	}

	public boolean isBlank() {
		return cells.stream().allMatch(Cell::isBlank);
	}
}
