package org.banzi.rules;

/** What a rule's value counts. */
public enum Measure {
	SESSIONS, HOURS, CHARACTERS, YEARS, DAYS, WORKING_DAYS, SHARE, MONTH_DAY, COUNT, PERSONS, TERMS
}
