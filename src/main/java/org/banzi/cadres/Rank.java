package org.banzi.cadres;

import java.util.List;
import java.util.Optional;

import org.banzi.platform.tabular.Labelled;
import org.banzi.rules.RankLevel;

/** A cadre's rank, from county principal down to staff, with the Chinese names imports accept. */
public enum Rank implements Labelled {
	COUNTY_PRINCIPAL("正县级", "正处级"), COUNTY_DEPUTY("副县级", "副处级"), SECTION_PRINCIPAL("正科级"),
	SECTION_DEPUTY("副科级"), STAFF("一般干部", "科员");

	private final List<String> chineseNames;

	Rank(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
	}

	@Override
	public List<String> labels() {
		return chineseNames;
	}

	public RankLevel level() {
		return this == COUNTY_PRINCIPAL || this == COUNTY_DEPUTY ? RankLevel.COUNTY_LEVEL
				: RankLevel.SECTION_LEVEL_AND_BELOW;
	}

	/** Section deputy and above: the "department level and above" of the summary. */
	public boolean sectionLevelOrAbove() {
		return this != STAFF;
	}

	public static Optional<Rank> parse(String text) {
		return Labelled.parse(Rank.class, text);
	}
}
