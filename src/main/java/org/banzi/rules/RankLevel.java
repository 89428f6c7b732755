package org.banzi.rules;

/** The two levels of cadre that the training and reporting rules distinguish. */
public enum RankLevel {
	/** 县处级: county principal and deputy. */
	COUNTY_LEVEL,
	/** 乡科级 and below: section principal, section deputy, staff. */
	SECTION_LEVEL_AND_BELOW
}
