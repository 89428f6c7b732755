package org.banzi.rules;

import java.util.Arrays;
import java.util.List;

import org.banzi.organization.UnitType;

/** What a rule's versions are given for: teams of a unit type, cadres of a rank level, or everyone. */
public enum AppliesKind {
	UNIT_TYPE, RANK_LEVEL, ALL;

	/** The targets a version of such a rule may name. */
	public List<String> targets() {
		return switch (this) {
			case UNIT_TYPE -> Arrays.stream(UnitType.values()).map(Enum::name).toList();
			case RANK_LEVEL -> Arrays.stream(RankLevel.values()).map(Enum::name).toList();
			case ALL -> List.of("ALL");
		};
	}
}
