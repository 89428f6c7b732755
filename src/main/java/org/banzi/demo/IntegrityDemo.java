package org.banzi.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.banzi.integrity.CheckOutcome;
import org.banzi.integrity.Integrity;
import org.banzi.integrity.IntegrityImporter;
import org.banzi.integrity.TipOffChannel;
import org.banzi.integrity.TipOffOutcome;
import org.banzi.organization.Units;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.Role;
import org.springframework.stereotype.Component;

/**
 * A year of integrity records for a generated county, through the imports and the module's API: every county-level
 * cadre's report on the year before (a few late, a few missing), the checks drawn from them with their outcomes and
 * every promotion of the year checked, weddings and funerals filed (a few breaking a rule), and tip-offs received
 * and handled (one still open past its deadline).
 */
@Component
class IntegrityDemo {

	static final int LATE_REPORTS = 5;
	static final int MISSING_REPORTS = 3;
	static final int EVENTS = 40;
	static final int TIPOFFS = 12;

	private final IntegrityImporter importer;
	private final Integrity integrity;
	private final Units units;

	IntegrityDemo(IntegrityImporter importer, Integrity integrity, Units units) {
		this.importer = importer;
		this.integrity = integrity;
		this.units = units;
	}

	/** The county's inspector draws the checks of the county's own filers (in a province, each county its own). */
	void load(CountyGenerator county, String countyCode, CurrentUser demo, Locale locale) {
		long countyUnit = units.findByCodes(List.of(countyCode)).get(countyCode).id();
		CurrentUser inspector = new CurrentUser(demo.accountId(), demo.username(), demo.displayName(), Set.of(Role.INSPECTOR, Role.COUNTY_ADMIN),
				countyUnit);
		int y = county.year;
		List<CountyGenerator.Cadre> countyLevel = new ArrayList<>(county.ofRank("COUNTY_PRINCIPAL"));
		countyLevel.addAll(county.ofRank("COUNTY_DEPUTY"));
		List<String[]> filings = new ArrayList<>();
		for (int i = 0; i < countyLevel.size() - MISSING_REPORTS; i++) {
			LocalDate filed = i < LATE_REPORTS ? LocalDate.of(y, 2, 10 + i) : LocalDate.of(y, 1, 5 + i % 25);
			filings.add(new String[] { String.valueOf(y - 1), countyLevel.get(i).number(), filed.toString() });
		}
		CountyLoader.check("personal matters reports", importer.importFilings(inspector, "reports.csv",
				CountyLoader.csv("year,cadre_no,filed_on", filings), locale));

		// the checks of the reports on the year before, and of everyone promoted this year
		List<String> drawn = new ArrayList<>(integrity.drawChecks(inspector, y - 1, county.year * 31L + county.prefix.hashCode()));
		for (int i = 0; i < drawn.size(); i++) {
			CheckOutcome outcome = i % 15 == 3 ? CheckOutcome.OMISSION : i == 7 ? CheckOutcome.CONCEALMENT : CheckOutcome.TRUTHFUL;
			integrity.recordOutcome(inspector, y - 1, drawn.get(i), outcome, outcome == CheckOutcome.TRUTHFUL ? "如实报告" : "批评教育，责令补报",
					LocalDate.of(y, 5, 1 + i % 28));
		}
		for (String promoted : integrity.drawChecks(inspector, y, county.year * 37L)) {
			integrity.recordOutcome(inspector, y, promoted, CheckOutcome.TRUTHFUL, "如实报告", LocalDate.of(y, 6, 30));
		}

		List<String[]> events = new ArrayList<>();
		List<CountyGenerator.Cadre> sectionLevel = county.ofRank("SECTION_PRINCIPAL");
		for (int e = 0; e < EVENTS; e++) {
			boolean wedding = e % 3 != 2;
			LocalDate day = LocalDate.of(y, 1 + e % 12, 8 + e % 15);
			// a few broke a rule: reported only three days ahead, or with too many guests
			LocalDate before = e % 13 == 4 ? day.minusDays(3) : day.minusDays(25);
			int guests = e % 17 == 9 ? 260 : 120 + e;
			events.add(new String[] { county.code("EV" + e), sectionLevel.get(e).number(), wedding ? "WEDDING" : "FUNERAL", day.toString(),
					wedding ? before.toString() : "", day.plusDays(wedding ? 5 : 3).toString(), String.valueOf(guests),
					String.valueOf(guests / 12), "3", "0", "" });
		}
		CountyLoader.check("event filings", importer.importEvents(inspector, "events.csv", CountyLoader.csv(
				"code,cadre_no,kind,event_date,reported_before,reported_after,guests,tables,cars,official_cars,gifts_note", events), locale));

		for (int t = 0; t < TIPOFFS; t++) {
			LocalDate received = LocalDate.of(y, 1 + t % 11, 3 + t);
			long id = integrity.receiveTipOff(inspector, received, TipOffChannel.values()[t % TipOffChannel.values().length],
					county.townshipCode(1 + t % CountyGenerator.TOWNSHIPS), "", "反映工作作风问题（演示数据）", "", "纪委监委第" + (1 + t % 3) + "室");
			// the last two are still being handled
			if (t < TIPOFFS - 2) {
				integrity.closeTipOff(inspector, id, TipOffOutcome.UNFOUNDED, "经核查不属实，予以澄清", received.plusDays(40));
			}
		}
	}
}
