package org.banzi.cadres;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.banzi.rules.RankLevel;

/** A cadre's rank, from county principal down to staff, with the Chinese names imports accept. */
public enum Rank {
	COUNTY_PRINCIPAL("正县级", "正处级"), COUNTY_DEPUTY("副县级", "副处级"), SECTION_PRINCIPAL("正科级"),
	SECTION_DEPUTY("副科级"), STAFF("一般干部", "科员");

	private final List<String> chineseNames;

	Rank(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
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
		String value = text.strip();
		return Arrays.stream(values())
			.filter(rank -> rank.name().equals(value.toUpperCase(Locale.ROOT)) || rank.chineseNames.contains(value))
			.findFirst();
	}
}
