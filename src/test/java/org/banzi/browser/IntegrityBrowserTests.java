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

/** A county-level cadre files their personal matters report on a phone. */
@org.banzi.IntegrationTest
class IntegrityBrowserTests {

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
	void aCadreFilesTheirReportOnAPhone() throws Exception {
		String town = Fixtures.unique("RT");
		new Fixtures(mvc).units(town + ",报告镇,TOWNSHIP,\n");
		String cadre = Fixtures.unique("RC");
		mvc.perform(multipart("/api/import/cadres").file(new MockMultipartFile("file", "c.csv", "text/csv",
				("cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
						+ CadreMother.cadreRow(cadre, "报告人", 'F', LocalDate.of(1972, 2, 2), "副县级", town, 1) + "\n")
					.getBytes(StandardCharsets.UTF_8))).with(Fixtures.admin()));
		new Fixtures(mvc).account(cadre, town, "CADRE");

		browser = Browser.start(390, 844);
		Browser.signIn(browser, port, cadre, Fixtures.STRONG_PASSWORD);
		browser.get("http://localhost:" + port + "/my/integrity");
		Browser.waitForText(browser, By.id("report-form"), text -> !text.isBlank());
		browser.findElement(By.id("item_REAL_ESTATE")).sendKeys("自有住房一套");
		browser.findElement(By.id("item_SALARY")).sendKeys("工资收入");
		Object overflow = browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		Browser.screenshot(browser, "my-integrity-phone");
		Browser.click(browser, By.id("report-save"));
		Browser.waitForText(browser, By.id("flash"), text -> !text.isBlank());
		assertThat(browser.findElement(By.id("my-reports")).getText()).contains(String.valueOf(LocalDate.now().getYear() - 1));
		assertThat(browser.findElement(By.id("item_REAL_ESTATE")).getAttribute("value")).isEqualTo("自有住房一套");
		assertThat(jdbc.sql("SELECT count(*) FROM personal_matters_report r JOIN cadre c ON c.id = r.cadre_id WHERE c.cadre_no = ?")
			.param(cadre).query(Long.class).single()).isEqualTo(1);
	}
}
