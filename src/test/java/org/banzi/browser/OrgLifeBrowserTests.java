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

/**
 * A life meeting to a verified rectification item in a real browser: the administrator records the meeting from the
 * team list and opens an item from it; the owner marks it completed on a phone; the administrator verifies it.
 */
@IntegrationTest
class OrgLifeBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	ChromeDriver browser;
	String town;
	String[] team = new String[3];

	@BeforeEach
	void aTeamOfThree() throws Exception {
		town = Fixtures.unique("OL");
		new Fixtures(mvc).units(town + ",生活会镇,TOWNSHIP,\n");
		team = new Fixtures(mvc).team(town, "OM", "副科级", 'F', LocalDate.of(1980, 2, 1), "钱书记", "孙委员", "李委员");
		new Fixtures(mvc).account(team[1], town, "CADRE");
		browser = Browser.start(1280, 900);
	}

	@AfterEach
	void close() {
		browser.quit();
	}

	String url(String path) {
		return "http://localhost:" + port + path;
	}

	@Test
	void aMeetingOpensAnItemTheOwnerCompletesOnAPhoneAndTheAdministratorVerifies() {
		Browser.signIn(browser, port, "admin", IntegrationTest.ADMIN_PASSWORD);
		browser.get(url("/orglife?unit=" + town));
		Browser.click(browser, By.id("new-meeting"));
		Browser.waitUntil(browser, driver -> driver.getCurrentUrl().contains("/orglife/meetings/new"));
		browser.findElement(By.id("topic")).sendKeys("以学促干专题民主生活会");
		Browser.click(browser, By.id("present-" + team[2]));
		browser.findElement(By.name("reason_" + team[2])).sendKeys("病假");
		Browser.click(browser, By.id("meeting-save"));
		Browser.waitUntil(browser, driver -> driver.getCurrentUrl().matches(".*/orglife/meetings/\\d+$"));
		assertThat(Browser.waitForText(browser, By.id("quorum"), text -> !text.isBlank())).contains("2/3").contains("符合");
		assertThat(browser.findElement(By.id("attendance")).getText()).contains("钱书记").contains("病假");

		Browser.click(browser, By.id("open-item"));
		Browser.waitUntil(browser, driver -> driver.getCurrentUrl().contains("/orglife/rectifications/new"));
		String code = Fixtures.unique("ITEM");
		browser.findElement(By.id("code")).sendKeys(code);
		browser.findElement(By.id("problem")).sendKeys("会前征求意见范围不够广");
		browser.findElement(By.id("ownerCadreNo")).sendKeys(team[1]);
		browser.executeScript("document.getElementById('deadline').value = arguments[0]", LocalDate.now().plusDays(30).toString());
		Browser.click(browser, By.id("item-save"));
		Browser.waitUntil(browser, driver -> driver.getCurrentUrl().matches(".*/orglife/rectifications/\\d+$"));
		String itemUrl = browser.getCurrentUrl();
		assertThat(Browser.waitForText(browser, By.id("item-status"), text -> !text.isBlank())).contains("未完成");

		// the owner, on a phone
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		Browser.signIn(browser, port, team[1], Fixtures.STRONG_PASSWORD);
		browser.get(url("/my/rectifications"));
		Browser.waitForText(browser, By.id("my-items"), text -> text.contains(code));
		Browser.click(browser, By.partialLinkText(code));
		browser.findElement(By.id("note")).sendKeys("已扩大征求意见范围，补充征求意见12条");
		Object overflow = browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
		Browser.screenshot(browser, "rectification-phone");
		Browser.click(browser, By.id("complete"));
		assertThat(Browser.waitForText(browser, By.id("item-status"), text -> text.contains("待验收"))).contains("已完成");
		assertThat(browser.findElements(By.id("verify"))).as("the owner is not offered verification").isEmpty();

		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		Browser.signIn(browser, port, "admin", IntegrationTest.ADMIN_PASSWORD);
		browser.get(itemUrl);
		Browser.click(browser, By.id("verify"));
		assertThat(Browser.waitForText(browser, By.id("item-status"), text -> text.contains("已验收"))).contains("已验收");
		assertThat(browser.findElement(By.id("history")).getText()).contains("立项").contains("完成").contains("验收");
	}
}
