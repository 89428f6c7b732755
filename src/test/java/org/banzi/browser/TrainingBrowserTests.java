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
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The party school in a browser: a class, three trainees, one absent beyond 1/7 of the hours. */
@IntegrationTest
class TrainingBrowserTests {

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

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	@Test
	void createsAClassEnrolsThreeAndSeesTwoCompletionsAndOneNonCompletionWithTheRuleNamed() throws Exception {
		String school = Fixtures.unique("BP");
		new Fixtures(mvc).units(school + ",县委党校,PARTY_SCHOOL,\n");
		String[] numbers = { Fixtures.unique("T1"), Fixtures.unique("T2"), Fixtures.unique("T3") };
		StringBuilder cadres = new StringBuilder("cadre_no,name,gender,birth_date,rank,unit_code,id_number\n");
		for (int i = 0; i < 3; i++) {
			cadres.append(CadreMother.cadreRow(numbers[i], "学员" + (i + 1), 'M', LocalDate.of(1980, 3, 3 + i), "副科级", school, i))
				.append('\n');
		}
		mvc.perform(multipart("/api/import/cadres").file(new MockMultipartFile("file", "c.csv", "text/csv",
				cadres.toString().getBytes(StandardCharsets.UTF_8))).with(Fixtures.admin()));
		browser = Browser.start(1280, 900);
		Browser.signIn(browser, port, "admin", IntegrationTest.ADMIN_PASSWORD);

		browser.get(url("/training/classes/new"));
		String code = Fixtures.unique("WC");
		browser.findElement(By.id("code")).sendKeys(code);
		browser.findElement(By.id("title")).sendKeys("乡科级干部理论轮训班");
		browser.findElement(By.id("organizerCode")).clear();
		browser.findElement(By.id("organizerCode")).sendKeys(school);
		new Select(browser.findElement(By.id("category"))).selectByValue("SPECIAL_TOPIC");
		browser.findElement(By.id("hours")).sendKeys("28");
		Browser.click(browser, By.id("class-save"));
		Browser.waitUntil(browser, d -> d.getCurrentUrl().endsWith("/training/classes/" + code));

		browser.findElement(By.id("cadreNumbers")).sendKeys(String.join("\n", numbers));
		Browser.click(browser, By.id("enrol-save"));
		Browser.waitUntil(browser, d -> d.findElements(By.cssSelector("#trainees .result")).size() == 3);

		browser.findElement(By.id("absent-" + numbers[2])).clear();
		browser.findElement(By.id("absent-" + numbers[2])).sendKeys("4.5");
		Browser.click(browser, By.id("absent-save-" + numbers[2]));
		Browser.waitUntil(browser, d -> d.findElement(By.id("trainee-" + numbers[2])).getText().contains("未结业"));

		Browser.waitForText(browser, By.id("outcome"), "结业 2 人，未结业 1 人。"::equals);
		assertThat(Browser.waitForText(browser, By.id("trainee-" + numbers[0]), text -> !text.isBlank())).contains("结业").doesNotContain("未结业");
		assertThat(Browser.waitForText(browser, By.id("trainee-" + numbers[2]), text -> !text.isBlank())).contains("干部教育培训工作条例（2023年）");
		assertThat(Browser.waitForText(browser, By.id("absence-rule"), text -> !text.isBlank())).contains("1/7");
		Browser.screenshot(browser, "training-class");
	}
}
