package org.banzi.platform.tabular;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A column an import reads: its canonical (English) name, the other headers accepted for it (Chinese), whether it must
 * be present, what it holds, and, for a column that takes one of a set of values, the labels its template offers in a
 * drop-down list (the importer accepts each of them, as well as the codes).
 */
public record Column(String name, List<String> aliases, boolean required, Kind kind, List<String> choices) {

	/** What a column holds, which decides how its template formats it. */
	public enum Kind {
		/** Text, kept as typed: codes and ID numbers keep their leading zeros and all their digits. */
		TEXT,
		/** A date, entered as a date. */
		DATE,
		/** A number. */
		NUMBER,
		/** One of the {@link Column#choices() choices}. */
		CHOICE
	}

	public Column {
		aliases = List.copyOf(aliases);
		choices = List.copyOf(choices);
	}

	public static Column required(String name, String... aliases) {
		return new Column(name, List.of(aliases), true, Kind.TEXT, List.of());
	}

	public static Column optional(String name, String... aliases) {
		return new Column(name, List.of(aliases), false, Kind.TEXT, List.of());
	}

	public Column date() {
		return new Column(name, aliases, required, Kind.DATE, List.of());
	}

	public Column number() {
		return new Column(name, aliases, required, Kind.NUMBER, List.of());
	}

	/** A column taking one of {@code labels}, each of which the importer accepts. */
	public Column choices(List<String> labels) {
		return new Column(name, aliases, required, Kind.CHOICE, labels);
	}

	/** A column taking one of the constants of {@code type}, offered by their first labels. */
	public <E extends Enum<E> & Labelled> Column choices(Class<E> type) {
		return choices(labelsOf(type));
	}

	/** The first label of every constant of {@code type}: what a drop-down offers. */
	public static <E extends Enum<E> & Labelled> List<String> labelsOf(Class<E> type) {
		return Arrays.stream(type.getEnumConstants()).map(constant -> constant.labels().get(0)).toList();
	}

	boolean matches(String header) {
		String wanted = header.strip().toLowerCase(Locale.ROOT);
		return name.equalsIgnoreCase(wanted) || aliases.stream().anyMatch(alias -> alias.equalsIgnoreCase(wanted));
	}

	/** The header written in exported files and templates, in the user's language. */
	public String header(Locale locale) {
		return "zh".equals(locale.getLanguage()) && !aliases.isEmpty() ? aliases.get(0) : name;
	}

	/** The Chinese header, for the notes both languages read. */
	public String chineseHeader() {
		return aliases.isEmpty() ? name : aliases.get(0);
	}
}
