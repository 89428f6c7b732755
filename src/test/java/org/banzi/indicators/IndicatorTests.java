package org.banzi.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.as;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Development indicators: entered by the statistics office only, reported with the change on the year before. */
@IntegrationTest
class IndicatorTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	String county;
	String statistics;
	int year = LocalDate.now().getYear() - 1;

	static MockMultipartFile csv(String content) {
		return new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8));
	}

	ResultActions upload(String user, String content) throws Exception {
		return mvc.perform(multipart("/api/import/indicators").file(csv("unit_code,year,indicator,value,unit_of_measure,source,published_on\n"
				+ content)).with(as(user)));
	}

	@BeforeEach
	void aCountyAndItsStatisticsOffice() throws Exception {
		county = unique("IC");
		Fixtures fixtures = new Fixtures(mvc);
		fixtures.units(county + ",指标县,COUNTY_GOVERNMENT,\n");
		statistics = unique("stat");
		fixtures.account(statistics, county, "STATISTICS");
	}

	@Test
	void theSummaryGivesEachIndicatorWithItsChangeOnTheYearBefore() throws Exception {
		String published = (year + 1) + "-01-20";
		upload(statistics, county + "," + (year - 1) + ",GDP,91638,万元,县统计局,"  + year + "-01-20\n"
				+ county + "," + year + ",地区生产总值,100600,万元,县统计局," + published + "\n"
				+ county + "," + (year - 1) + ",RURAL_INCOME_PER_CAPITA,3111,元,县统计局," + year + "-01-20\n"
				+ county + "," + year + ",RURAL_INCOME_PER_CAPITA,3301,元,县统计局," + published + "\n"
				+ county + "," + year + ",INVESTMENT_PROJECTS,17,个,县发改局," + published + "\n")
			.andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(5));
		Map<String, Double> figures = new Fixtures(mvc).summaryFigures(year, county);
		assertThat(figures).containsEntry("indicators.GDP", 100600.0).containsEntry("indicators.GDP.change", 8962.0)
			.containsEntry("indicators.GDP.growth", 9.8).containsEntry("indicators.RURAL_INCOME_PER_CAPITA.change", 190.0)
			.containsEntry("indicators.INVESTMENT_PROJECTS", 17.0)
			.doesNotContainKey("indicators.INVESTMENT_PROJECTS.change")
			.doesNotContainKey("indicators.URBAN_INCOME_PER_CAPITA");
		// the same file again changes nothing; a corrected value is an update the summary follows
		upload(statistics, county + "," + year + ",GDP,100600,万元,县统计局," + published + "\n").andExpect(jsonPath("$.unchanged").value(1));
		upload(statistics, county + "," + year + ",GDP,100800,万元,县统计局," + published + "\n").andExpect(jsonPath("$.updated").value(1));
		assertThat(new Fixtures(mvc).summaryFigures(year, county)).containsEntry("indicators.GDP.change", 9162.0)
			.containsEntry("indicators.GDP.growth", 10.0);
	}

	@Test
	void theFirstDraftQuotesTheIndicatorsAndSaysWhichPartsHaveNoRecordsYet() throws Exception {
		upload(statistics, county + "," + (year - 1) + ",GDP,91639,万元,县统计局," + year + "-01-20\n"
				+ county + "," + year + ",GDP,100600,万元,县统计局," + year + "-12-20\n").andExpect(status().isOk());
		String page = mvc.perform(get("/summary").param("unit", county).param("year", String.valueOf(year))
			.with(user(accounts.loadUserByUsername("admin")))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("全年地区生产总值100600万元，比上年增长9.8%").contains("本年尚无“理论学习与培训”方面的记录。")
			.contains("本年尚无“廉洁自律”方面的记录。").doesNotContain("民主生活会0次");
		// the figures table shows last year's value and the change beside this year's
		assertThat(page).containsPattern("figure-indicators-GDP\"[\\s\\S]*?91639[\\s\\S]*?\\+8961");
	}

	@Test
	void badRowsRefuseTheWholeFile() throws Exception {
		upload(statistics, county + "," + year + ",GDP,100600,万元,县统计局," + year + "-12-20\n"
				+ county + "," + year + ",HAPPINESS,1,个,县统计局," + year + "-12-20\n"
				+ county + "," + year + ",FIXED_INVESTMENT,-5,万元,县统计局," + year + "-12-20\n"
				+ county + "," + year + ",INVESTMENT_PROJECTS,3,台,," + year + "-12-20\n"
				+ county + "," + year + ",URBAN_INCOME_PER_CAPITA,5666,万元,县统计局," + year + "-12-20\n")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[?(@.row == 3)].column").value("indicator"))
			.andExpect(jsonPath("$.errors[?(@.row == 4)].column").value("value"))
			.andExpect(jsonPath("$.errors[?(@.row == 5)].column").value(org.hamcrest.Matchers.containsInAnyOrder("unit_of_measure", "source")))
			.andExpect(jsonPath("$.errors[?(@.row == 6)].column").value("unit_of_measure"));
		assertThat(jdbc.sql("SELECT count(*) FROM development_indicator WHERE unit_id = (SELECT id FROM org_unit WHERE code = ?)")
			.param(county).query(Long.class).single()).isZero();
	}

	@Test
	void onlyTheStatisticsOfficeEntersAndItDoesNothingElse() throws Exception {
		mvc.perform(multipart("/api/import/indicators").file(csv("unit_code,year,indicator,value,unit_of_measure,source,published_on\n"))
			.with(admin())).andExpect(status().isForbidden());
		mvc.perform(get("/api/indicators").param("unit", county).with(as(statistics))).andExpect(status().isOk());
		for (String path : new String[] { "/api/cadres", "/api/summary", "/api/orglife/meetings", "/api/study/compliance", "/api/units" }) {
			mvc.perform(get(path).param("unit", county).with(as(statistics))).andExpect(status().isForbidden());
		}
		mvc.perform(multipart("/api/import/cadres").file(csv("cadre_no\n")).with(as(statistics))).andExpect(status().isForbidden());
	}
}
