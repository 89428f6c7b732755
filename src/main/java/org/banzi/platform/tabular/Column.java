package org.banzi.platform.tabular;

import java.util.List;
import java.util.Locale;

/**
 * A column an import reads: its canonical (English) name, the other headers accepted for it (Chinese), and whether
 * it must be present.
 */
public record Column(String name, List<String> aliases, boolean required) {

	public static Column required(String name, String... aliases) {
		return new Column(name, List.of(aliases), true);
	}

	public static Column optional(String name, String... aliases) {
		return new Column(name, List.of(aliases), false);
	}

	boolean matches(String header) {
		String wanted = header.strip().toLowerCase(Locale.ROOT);
		return name.equalsIgnoreCase(wanted) || aliases.stream().anyMatch(alias -> alias.equalsIgnoreCase(wanted));
	}

	/** The header written in exported files and templates, in the user's language. */
	public String header(Locale locale) {
		return "zh".equals(locale.getLanguage()) && !aliases.isEmpty() ? aliases.get(0) : name;
	}
}
