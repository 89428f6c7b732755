package org.banzi.rules;

import java.util.List;

/** What a rule's value counts. */
public enum Measure {
	SESSIONS, HOURS, CHARACTERS, YEARS, DAYS, WORKING_DAYS, SHARE, MONTH_DAY, COUNT, PERSONS, TERMS, RANK;

	/** The ranks in order, lowest first: a {@link #RANK} rule's value is the position here, counted from 1. */
	public static final List<String> RANKS = List.of("STAFF", "SECTION_DEPUTY", "SECTION_PRINCIPAL", "COUNTY_DEPUTY", "COUNTY_PRINCIPAL");

	/** The order of a rank code (1 for staff up to 5 for county principal); 0 for no rank. */
	public static int rankOrder(String rank) {
		return RANKS.indexOf(rank) + 1;
	}
}
