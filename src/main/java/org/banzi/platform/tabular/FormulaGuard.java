package org.banzi.platform.tabular;

/**
 * Keeps exported text from being taken for a formula (CSV injection): a cell that begins with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return is written with a leading apostrophe, which spreadsheets show as
 * text; reading a cell back takes that apostrophe off again, so an export imports again unchanged.
 */
final class FormulaGuard {

	private static final String TRIGGERS = "=+-@\t\r";

	private FormulaGuard() {
	}

	static String guard(String text) {
		return !text.isEmpty() && TRIGGERS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

	static String unguard(String text) {
		return text.length() > 1 && text.charAt(0) == '\'' && TRIGGERS.indexOf(text.charAt(1)) >= 0 ? text.substring(1) : text;
	}
}
