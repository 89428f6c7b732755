package org.banzi.platform.tabular;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A code that imports accept as its name ({@code DEPUTIES}) or as one of its Chinese labels ({@code 人大代表}). */
public interface Labelled {

	List<String> labels();

	/** The constant whose name (any case) or label is {@code text}, if any. */
	static <E extends Enum<E> & Labelled> Optional<E> parse(Class<E> type, String text) {
		String value = text.strip();
		return Arrays.stream(type.getEnumConstants())
			.filter(constant -> constant.name().equals(value.toUpperCase(Locale.ROOT)) || constant.labels().contains(value))
			.findFirst();
	}
}
