package org.banzi.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.banzi.Fixtures;
import org.banzi.cadres.CadreMother;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** A paired cadre records a visit to a household from a phone in a few taps. */
@org.banzi.IntegrationTest
class AssistanceBrowserTests {

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

	void upload(String path, String content) throws Exception {
		mvc.perform(multipart(path).file(new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8)))
			.with(Fixtures.admin()));
	}

	@Test
	void aCadreRecordsTodaysVisitOnAPhone() throws Exception {
		String town = Fixtures.unique("BT");
		String village = Fixtures.unique("BV");
		new Fixtures(mvc).units(town + ",帮扶镇,TOWNSHIP,\n" + village + ",帮扶村,VILLAGE," + town + "\n");
		String cadre = Fixtures.unique("BC");
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(cadre, "帮扶干部", 'M', LocalDate.of(1975, 3, 3), "正科级", town, 1) + "\n");
		String household = Fixtures.unique("BH");
		upload("/api/import/households", "户编码,所属村,户主姓名,家庭人口,户类型\n%s,%s,王大爷,2,监测户\n".formatted(household, village));
		LocalDate today = LocalDate.now();
		upload("/api/import/pairings", "year,cadre_no,household_code,start_date\n%s,%s,%s,%s\n".formatted(today.getYear(), cadre, household,
				today.withDayOfYear(1)));
		new Fixtures(mvc).account(cadre, town, "CADRE");

		browser = Browser.start(390, 844);
		Browser.signIn(browser, port, cadre, Fixtures.STRONG_PASSWORD);
		browser.get("http://localhost:" + port + "/my/assistance");
		assertThat(Browser.waitForText(browser, By.id("household-" + household), text -> text.contains("王大爷"))).contains("尚未走访");
		browser.findElement(By.id("what-" + household)).sendKeys("送去过冬棉被");
		Object overflow = browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		Browser.screenshot(browser, "my-assistance-phone");
		Browser.click(browser, By.id("visit-" + household));
		Browser.waitForText(browser, By.id("flash"), text -> !text.isBlank());
		assertThat(browser.findElement(By.id("household-" + household)).getText()).contains(today.toString());
		assertThat(jdbc.sql("SELECT what FROM visit v JOIN household h ON h.id = v.household_id WHERE h.code = ?").param(household)
			.query(String.class).single()).isEqualTo("送去过冬棉被");
	}
}
