package org.banzi.training;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Kinds of training class, with the Chinese names imports accept. */
public enum ClassCategory {
	PARTY_SCHOOL_CLASS("党校主体班"), ROTATION("轮训"), SPECIAL_TOPIC("专题培训"), ONLINE("网络培训"), SENT_UPWARD("上级调训");

	private final List<String> chineseNames;

	ClassCategory(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
	}

	public static Optional<ClassCategory> parse(String text) {
		String value = text.strip();
		return Arrays.stream(values())
			.filter(c -> c.name().equals(value.toUpperCase(Locale.ROOT)) || c.chineseNames.contains(value))
			.findFirst();
	}
}
