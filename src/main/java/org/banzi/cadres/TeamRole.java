package org.banzi.cadres;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A member's place in a leadership team; the secretary is the top leader, one at a time. */
public enum TeamRole {
	SECRETARY("书记", "党委书记", "党组书记"), DEPUTY_SECRETARY("副书记"), HEAD("行政正职", "乡镇长", "局长", "主任"),
	DEPUTY_HEAD("行政副职", "副乡镇长", "副局长", "副主任"), MEMBER("委员", "成员", "班子成员");

	private final List<String> chineseNames;

	TeamRole(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
	}

	public static Optional<TeamRole> parse(String text) {
		String value = text.strip();
		return Arrays.stream(values())
			.filter(role -> role.name().equals(value.toUpperCase(Locale.ROOT)) || role.chineseNames.contains(value))
			.findFirst();
	}
}
