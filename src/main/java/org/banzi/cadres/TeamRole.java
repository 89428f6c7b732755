package org.banzi.cadres;

import java.util.List;
import java.util.Optional;

import org.banzi.platform.tabular.Labelled;

/** A member's place in a leadership team; the secretary is the top leader, one at a time. */
public enum TeamRole implements Labelled {
	SECRETARY("书记", "党委书记", "党组书记"), DEPUTY_SECRETARY("副书记"), HEAD("行政正职", "乡镇长", "局长", "主任"),
	DEPUTY_HEAD("行政副职", "副乡镇长", "副局长", "副主任"), MEMBER("委员", "成员", "班子成员");

	private final List<String> chineseNames;

	TeamRole(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
	}

	@Override
	public List<String> labels() {
		return chineseNames;
	}

	public static Optional<TeamRole> parse(String text) {
		return Labelled.parse(TeamRole.class, text);
	}
}
