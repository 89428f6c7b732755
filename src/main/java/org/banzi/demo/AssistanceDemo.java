package org.banzi.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.banzi.assistance.AssistanceImporter;
import org.banzi.cadres.IdNumbers;
import org.banzi.platform.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * A year of the assistance ledger for a generated county, loaded through the imports: five well-off demonstration sites
 * and fourteen key villages, each with a county-level leader and four departments; every county-level cadre and the
 * first section principals paired with two households each, visited every two months (a few pairings never visited);
 * funds and materials from each site's departments and new houses at the demonstration sites.
 */
@Component
class AssistanceDemo {

	static final int DEMONSTRATION_SITES = 5;
	static final int KEY_VILLAGES = 14;
	static final int DEPARTMENTS_PER_SITE = 4;
	static final int PAIRED_CADRES = 659;
	static final int HOUSEHOLDS_PER_CADRE = 2;
	static final int NEVER_VISITED = 5;
	static final int FUNDS_PER_DEPARTMENT = 2_600;
	static final int MATERIALS_PER_DEPARTMENT = 5_200;
	static final int[] HOUSES = { 17, 17, 17, 16, 16 };

	private final AssistanceImporter importer;

	AssistanceDemo(AssistanceImporter importer) {
		this.importer = importer;
	}

	void load(CountyGenerator county, CurrentUser user, Locale locale) {
		int y = county.year;
		List<String> villages = new ArrayList<>();
		for (int t = 1; t <= CountyGenerator.TOWNSHIPS; t++) {
			for (int v = 1; v <= CountyGenerator.VILLAGES_PER_TOWNSHIP; v++) {
				villages.add(county.townshipCode(t) + "V" + v);
			}
		}
		List<CountyGenerator.Cadre> deputies = county.ofRank("COUNTY_DEPUTY");
		List<String[]> sites = new ArrayList<>();
		List<String[]> help = new ArrayList<>();
		int department = 0;
		for (int s = 0; s < DEMONSTRATION_SITES + KEY_VILLAGES; s++) {
			// every fifth village, so that the sites spread over the townships
			String village = villages.get(s * villages.size() / (DEMONSTRATION_SITES + KEY_VILLAGES));
			List<String> departments = new ArrayList<>();
			for (int d = 0; d < DEPARTMENTS_PER_SITE; d++) {
				departments.add(county.departmentCode(1 + department++ % CountyGenerator.DEPARTMENTS));
			}
			boolean demonstration = s < DEMONSTRATION_SITES;
			sites.add(new String[] { String.valueOf(y), village, demonstration ? "DEMONSTRATION_SITE" : "KEY_VILLAGE",
					deputies.get(10 + s).number(), String.join(";", departments), demonstration ? "建设高标准小康住房，改善村容村貌" : "调整产业结构，完善基础设施" });
			for (int d = 0; d < departments.size(); d++) {
				String provider = departments.get(d);
				help.add(new String[] { county.code("HF" + s + "-" + d), LocalDate.of(y, 4, 1 + s).toString(), "FUNDS", provider, village, "",
						String.valueOf(FUNDS_PER_DEPARTMENT), "", "产业扶持资金" });
				help.add(new String[] { county.code("HM" + s + "-" + d), LocalDate.of(y, 9, 1 + s).toString(), "MATERIALS", provider, village,
						"", String.valueOf(MATERIALS_PER_DEPARTMENT), "", "化肥、种苗折款" });
			}
			if (demonstration) {
				help.add(new String[] { county.code("HH" + s), LocalDate.of(y, 11, 10 + s).toString(), "HOUSING", departments.get(0), village,
						"", "", String.valueOf(HOUSES[s]), "高标准小康住房" });
			}
		}

		List<CountyGenerator.Cadre> paired = new ArrayList<>(county.ofRank("COUNTY_PRINCIPAL"));
		paired.addAll(deputies);
		paired.addAll(county.ofRank("SECTION_PRINCIPAL"));
		paired = paired.subList(0, PAIRED_CADRES);
		List<String[]> households = new ArrayList<>();
		List<String[]> pairings = new ArrayList<>();
		List<String[]> visits = new ArrayList<>();
		int h = 0;
		for (int c = 0; c < paired.size(); c++) {
			for (int k = 0; k < HOUSEHOLDS_PER_CADRE; k++, h++) {
				String code = county.code(String.format("HH%05d", h + 1));
				String village = villages.get(h % villages.size());
				String status = h % 10 == 0 ? "监测户" : h % 3 == 0 ? "已脱贫" : "贫困户";
				households.add(new String[] { code, village, county.name(), String.valueOf(1 + h % 6), status, idNumber(county, h) });
				LocalDate start = LocalDate.of(y, 1, 15 + k);
				pairings.add(new String[] { String.valueOf(y), paired.get(c).number(), code, start.toString() });
				if (h >= NEVER_VISITED) {
					for (LocalDate day = start.plusDays(10 + h % 20); day.getYear() == y; day = day.plusDays(60)) {
						visits.add(new String[] { day.toString(), paired.get(c).number(), code, "走访慰问，了解生产生活情况" });
					}
				}
			}
		}
		CountyLoader.check("assistance sites", importer.importSites(user, "sites.csv",
				CountyLoader.csv("year,village_code,kind,leader_cadre_no,departments,targets", sites), locale));
		CountyLoader.check("households", importer.importHouseholds(user, "households.csv",
				CountyLoader.csv("code,village_code,head_name,members,status,id_number", households), locale));
		CountyLoader.check("pairings", importer.importPairings(user, "pairings.csv",
				CountyLoader.csv("year,cadre_no,household_code,start_date", pairings), locale));
		CountyLoader.check("visits", importer.importVisits(user, "visits.csv", CountyLoader.csv("date,cadre_no,household_code,what", visits),
				locale));
		CountyLoader.check("assistance help", importer.importHelp(user, "help.csv",
				CountyLoader.csv("code,date,kind,provider_unit_code,village_code,household_code,amount,houses,note", help), locale));
	}

	/** A valid ID number for a household head, from a block of region codes no cadre of the county uses. */
	private static String idNumber(CountyGenerator county, int sequence) {
		String digits = county.prefix.replaceAll("\\D", "");
		int block = digits.isEmpty() ? 0 : Integer.parseInt(digits);
		String region = String.format("%06d", 120000 + block * 30 + sequence / 500);
		LocalDate birth = LocalDate.of(1950 + sequence % 40, 1 + sequence % 12, 1 + sequence % 28);
		String first17 = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", (sequence % 500) * 2 + 1);
		return first17 + IdNumbers.checkCharacter(first17);
	}
}
