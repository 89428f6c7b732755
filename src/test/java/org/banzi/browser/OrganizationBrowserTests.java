package org.banzi.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A person in a real browser: signs in, switches the language, adds a unit and finds it in the tree. */
@IntegrationTest
class OrganizationBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	@BeforeEach
	void open() throws Exception {
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
	void signsInSwitchesToEnglishAddsAUnitAndSeesItInTheTree() {
		browser.get(url("/login"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("登录班子");
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys(IntegrationTest.ADMIN_PASSWORD);
		browser.findElement(By.id("login-submit")).click();
		Browser.passSecondFactor(browser);
		Browser.waitForText(browser, By.tagName("h1"), text -> text.startsWith("您好"));

		browser.findElement(By.id("lang-en")).click();
		Browser.waitForText(browser, By.tagName("h1"), text -> text.startsWith("Welcome"));
		assertThat(Browser.waitForText(browser, By.id("home-unit"), text -> !text.isBlank())).isNotBlank();

		browser.get(url("/units/COUNTY"));
		Browser.click(browser, By.id("add-child"));
		Browser.waitUntil(browser, driver -> !driver.findElements(By.id("unit-save")).isEmpty());
		String code = Fixtures.unique("WEB");
		browser.findElement(By.id("code")).sendKeys(code);
		browser.findElement(By.id("name")).sendKeys("Browser Township");
		new Select(browser.findElement(By.id("type"))).selectByValue("TOWNSHIP");
		Browser.click(browser, By.id("unit-save"));

		assertThat(Browser.waitForText(browser, By.id("flash"), text -> text.contains("Browser Township"))).contains("added");
		String row = Browser.waitForText(browser, By.id("unit-" + code), text -> text.contains("Browser Township"));
		assertThat(row).contains(code).contains("Township");
		Browser.screenshot(browser, "unit-tree");
	}

	@Test
	void aRefusedFormKeepsWhatWasTyped() {
		browser.get(url("/login?lang=en"));
		browser.findElement(By.id("username")).sendKeys("admin");
		browser.findElement(By.id("password")).sendKeys(IntegrationTest.ADMIN_PASSWORD);
		browser.findElement(By.id("login-submit")).click();
		Browser.passSecondFactor(browser);
		browser.get(url("/units/new?parent=COUNTY"));
		browser.findElement(By.id("code")).sendKeys("COUNTY");
		browser.findElement(By.id("name")).sendKeys("Kept name");
		new Select(browser.findElement(By.id("type"))).selectByValue("DEPARTMENT");
		Browser.click(browser, By.id("unit-save"));
		assertThat(Browser.waitForText(browser, By.cssSelector(".invalid-feedback"), text -> !text.isBlank())).contains("already in use");
		assertThat(browser.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Kept name");
		assertThat(new Select(browser.findElement(By.id("type"))).getFirstSelectedOption().getDomProperty("value"))
			.isEqualTo("DEPARTMENT");
	}
}
