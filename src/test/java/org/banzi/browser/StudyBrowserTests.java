package org.banzi.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/** Study on a phone-sized screen: a cadre logs self-study and a note; an administrator records a session. */
@IntegrationTest
class StudyBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	ChromeDriver browser;
	String town;
	String[] team = new String[3];

	@BeforeEach
	void aTeamOfThree() throws Exception {
		town = Fixtures.unique("SP");
		new Fixtures(mvc).units(town + ",手机学习镇,TOWNSHIP,\n");
		team = new Fixtures(mvc).team(town, "SM", "副科级", 'M', LocalDate.of(1978, 1, 1), "周书记", "吴委员", "郑委员");
		browser = Browser.start(390, 844);
	}

	@AfterEach
	void close() {
		browser.quit();
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	@Test
	void aCadreLogsSelfStudyAndANoteOnAPhoneAndSeesTheProgressMove() throws Exception {
		new Fixtures(mvc).account(team[1], town, "CADRE");
		Browser.signIn(browser, port, team[1], Fixtures.STRONG_PASSWORD);
		browser.get(url("/my/study"));
		Browser.waitForText(browser, By.id("progress-hours"), "0"::equals);
		browser.findElement(By.id("ss-hours")).sendKeys("1.5");
		browser.findElement(By.id("ss-material")).sendKeys("《习近平谈治国理政》第四卷");
		Browser.click(browser, By.id("ss-save"));
		Browser.waitForText(browser, By.id("progress-hours"), "1.50");
		Browser.waitForText(browser, By.id("progress-sessions"), "1"::equals);
		browser.findElement(By.id("note-title")).sendKeys("学习体会");
		browser.findElement(By.id("note-content")).sendKeys("坚持以人民为中心的发展思想。");
		Browser.click(browser, By.id("note-save"));
		Browser.waitForText(browser, By.id("progress-chars"), "13");
		Object overflow = browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		Browser.screenshot(browser, "my-study-phone");
	}

	@Test
	void anAdministratorRecordsASessionWithThreeAttendeesAndEachOnesHoursRise() {
		Browser.signIn(browser, port, "admin", IntegrationTest.ADMIN_PASSWORD);
		browser.get(url("/study?unit=" + town + "&behindOnly=false"));
		Browser.waitForText(browser, By.id("member-" + team[2]), text -> text.contains("郑委员"));
		browser.get(url("/study/sessions/new?unit=" + town));
		browser.findElement(By.id("hours")).sendKeys("3");
		browser.findElement(By.id("topic")).sendKeys("学习贯彻全会精神");
		Browser.click(browser, By.id("session-save"));
		Browser.waitUntil(browser, driver -> driver.getCurrentUrl().contains("/study/sessions/") && !driver.getCurrentUrl().contains("new"));
		assertThat(Browser.waitForText(browser, By.id("flash"), text -> !text.isBlank())).contains("3");
		assertThat(Browser.waitForText(browser, By.id("attendance"), text -> text.contains("周书记"))).contains("吴委员").contains("郑委员");
		browser.get(url("/study?unit=" + town + "&behindOnly=false"));
		assertThat(Browser.waitForText(browser, By.id("team-" + town), text -> !text.isBlank())).contains("3.00");
		for (String number : team) {
			assertThat(Browser.waitForText(browser, By.id("member-" + number), text -> !text.isBlank())).as(number).contains("3.00");
		}
	}
}
