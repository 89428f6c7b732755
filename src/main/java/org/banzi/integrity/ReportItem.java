package org.banzi.integrity;

/**
 * The fourteen items of the personal matters report (Provisions on Leading Cadres Reporting Personal Matters, 2017):
 * eight on the family, six on property. Each item holds rows of what is reported, or nothing.
 */
public enum ReportItem {
	MARRIAGE(true), PASSPORTS(true), HKMT_PERMITS(true), CHILDREN_FOREIGN_SPOUSES(true), CHILDREN_HKMT_SPOUSES(true),
	FAMILY_ABROAD(true), FAMILY_EMPLOYMENT(true), FAMILY_PROSECUTED(true), SALARY(false), LABOUR_INCOME(false), REAL_ESTATE(false),
	SECURITIES(false), FAMILY_UNLISTED_INVESTMENT(false), FAMILY_BUSINESSES(false);

	private final boolean family;

	ReportItem(boolean family) {
		this.family = family;
	}

	public boolean family() {
		return family;
	}
}
