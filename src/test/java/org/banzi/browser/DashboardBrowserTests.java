package org.banzi.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.cadres.CadreMother;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The dashboard in a browser: a figure is a link to the records behind it, and the chart is drawn. */
@IntegrationTest
class DashboardBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	ChromeDriver browser;

	@AfterEach
	void close() {
		if (browser != null) {
			browser.quit();
		}
	}

	void upload(String path, String content) throws Exception {
		mvc.perform(multipart(path).file(new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8)))
			.with(Fixtures.admin()));
	}

	@Test
	void clickingAFigureOpensTheRecordsBehindIt() throws Exception {
		String county = Fixtures.unique("DB");
		new Fixtures(mvc).units(county + ",仪表县委,COUNTY_COMMITTEE,\n");
		String secretary = Fixtures.unique("DS");
		LocalDate day = LocalDate.now().minusDays(1);
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(secretary, "县委书记", 'M', LocalDate.of(1968, 2, 2), "正县级", county, 1) + "\n");
		upload("/api/import/team-members", "cadre_no,unit_code,team_role,start_date\n%s,%s,SECRETARY,2020-01-01\n".formatted(secretary, county));
		upload("/api/import/study-sessions", "unit_code,date,topic,hours,speaker,attendees\n%s,%s,仪表学习,4,书记,%s\n"
			.formatted(county, day, secretary));
		browser = Browser.start(1280, 900);
		Browser.signIn(browser, port, "admin", IntegrationTest.ADMIN_PASSWORD);
		browser.get("http://localhost:" + port + "/dashboard?unit=" + county + "&year=" + day.getYear());
		assertThat(Browser.waitForText(browser, By.id("card-study-county-groupSessions"), text -> !text.isBlank())).contains("1");
		Browser.waitUntil(browser, d -> !d.findElements(By.cssSelector("#trend-chart canvas")).isEmpty());
		Browser.screenshot(browser, "dashboard");
		Browser.click(browser, By.id("card-study-county-groupSessions"));
		Browser.waitUntil(browser, d -> d.getCurrentUrl().contains("/study/sessions"));
		Browser.waitForText(browser, By.tagName("table"), text -> text.contains("仪表学习"));
	}
}
