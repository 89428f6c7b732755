package org.banzi.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.banzi.Fixtures;
import org.banzi.cadres.CadreMother;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/** A voter in the meeting room opens the ballot from a code on a phone, without an account, and casts it once. */
@org.banzi.IntegrationTest
class BallotBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	ChromeDriver browser;

	@AfterEach
	void close() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aVoterCastsABallotFromACodeOnAPhone() throws Exception {
		String town = Fixtures.unique("BB");
		new Fixtures(mvc).units(town + ",测评镇,TOWNSHIP,\n");
		String a = Fixtures.unique("BA");
		String b = Fixtures.unique("BM");
		mvc.perform(multipart("/api/import/cadres").file(new MockMultipartFile("file", "c.csv", "text/csv",
				("cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
						+ CadreMother.cadreRow(a, "赵书记", 'M', LocalDate.of(1970, 1, 1), "正科级", town, 1) + "\n"
						+ CadreMother.cadreRow(b, "钱委员", 'F', LocalDate.of(1972, 1, 1), "副科级", town, 2) + "\n").getBytes(StandardCharsets.UTF_8)))
			.with(Fixtures.admin()));
		mvc.perform(multipart("/api/import/team-members").file(new MockMultipartFile("file", "m.csv", "text/csv",
				("cadre_no,unit_code,team_role,start_date\n" + a + "," + town + ",SECRETARY,2020-01-01\n" + b + "," + town + ",MEMBER,2020-01-01\n")
					.getBytes(StandardCharsets.UTF_8))).with(Fixtures.admin()));
		long cycle = ((Number) JsonPath.read(mvc.perform(post("/api/assessment/cycles").with(Fixtures.admin())
			.contentType(MediaType.APPLICATION_JSON).content("{\"year\":%d,\"unit\":\"%s\",\"opens\":\"%s\",\"closes\":\"%s\"}"
				.formatted(LocalDate.now().getYear() - 1, town, LocalDate.now(), LocalDate.now().plusDays(3))))
			.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
		List<String> tokens = JsonPath.read(mvc.perform(post("/api/assessment/cycles/" + cycle + "/appraisals").with(Fixtures.admin())
			.contentType(MediaType.APPLICATION_JSON).content("{\"unit\":\"" + town + "\",\"voters\":2}"))
			.andReturn().getResponse().getContentAsString(), "$.tokens");

		browser = Browser.start(390, 844);
		browser.get("http://localhost:" + port + "/ballot/" + tokens.get(0));
		Browser.waitForText(browser, By.id("ballot-form"), text -> text.contains("赵书记") && text.contains("钱委员"));
		Browser.click(browser, By.id("team-GOOD"));
		Browser.click(browser, By.id("member-" + a + "-EXCELLENT"));
		Browser.click(browser, By.id("member-" + b + "-COMPETENT"));
		Object overflow = browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		Browser.screenshot(browser, "ballot-phone");
		Browser.click(browser, By.id("ballot-cast"));
		assertThat(Browser.waitForText(browser, By.id("ballot-result"), text -> !text.isBlank())).contains("谢谢");
		assertThat(jdbc.sql("SELECT member_grades FROM ballot b JOIN appraisal a ON a.id = b.appraisal_id WHERE a.cycle_id = ? AND b.filled")
			.param(cycle).query(String.class).single()).contains(a + ":EXCELLENT").contains(b + ":COMPETENT");
		// the same code again is refused
		browser.get("http://localhost:" + port + "/ballot/" + tokens.get(0));
		assertThat(browser.getPageSource()).doesNotContain("ballot-form");
	}
}
