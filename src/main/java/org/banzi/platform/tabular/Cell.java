package org.banzi.platform.tabular;

/**
 * One spreadsheet or CSV cell: its text as the user sees it, and whether the spreadsheet stored it as a number or a
 * date (dates come as ISO {@code yyyy-MM-dd}).
 */
public record Cell(String text, Kind kind) {

	public enum Kind {
		TEXT, NUMBER, DATE
	}

	public static final Cell EMPTY = new Cell("", Kind.TEXT);

	public boolean isBlank() {
		return text.isBlank();
	}

	public String trimmed() {
		return text.strip();
	}
}
