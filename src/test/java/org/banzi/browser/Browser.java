package org.banzi.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium from the system packages, driven by Selenium with no network look-ups of its own. */
final class Browser {

	private Browser() {
	}

	/** Keeps a picture of the page under target/screenshots, for a person to look at. */
	static void screenshot(ChromeDriver browser, String name) {
		try {
			java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Waits for an element's text to become the expected one (htmx swaps pages in after the click returns). */
	static void waitForText(ChromeDriver browser, org.openqa.selenium.By by, String expected) {
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
			.until(driver -> {
				try {
					return expected.equals(driver.findElement(by).getText());
				}
				catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException ex) {
					return false;
				}
			});
	}

	/** Waits until the element's text satisfies the condition, through htmx swaps; returns that text. */
	static String waitForText(ChromeDriver browser, org.openqa.selenium.By by, java.util.function.Predicate<String> condition) {
		String[] text = { "" };
		waitUntil(browser, driver -> {
			text[0] = driver.findElement(by).getText();
			return condition.test(text[0]);
		});
		return text[0];
	}

	/** Waits for a condition, ignoring elements replaced or not yet there while htmx swaps the page. */
	static void waitUntil(ChromeDriver browser, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(15))
			.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
			.ignoring(org.openqa.selenium.NoSuchElementException.class)
			.until(condition::apply);
	}

	/** Signs in on the login page (as nobody before) and waits until the browser has left it. */
	static void signIn(ChromeDriver browser, int port, String username, String password) {
		browser.manage().deleteAllCookies();
		browser.get("http://localhost:" + port + "/login");
		browser.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
		browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
		browser.findElement(org.openqa.selenium.By.id("login-submit")).click();
		passSecondFactor(browser);
	}

	/** After the password: gives the one-time code (or enrols the key shown) when the page asks for it. */
	static void passSecondFactor(ChromeDriver browser) {
		waitUntil(browser, driver -> !driver.getCurrentUrl().matches(".*/login([?#].*)?$"));
		if (browser.getCurrentUrl().contains("/login/two-factor")) {
			// the bootstrap administrators are enrolled with the tests' key
			browser.findElement(org.openqa.selenium.By.id("code")).sendKeys(org.banzi.OneTimeCodes.next(org.banzi.OneTimeCodes.BOOTSTRAP_SECRET));
			browser.findElement(org.openqa.selenium.By.id("two-factor-submit")).click();
		}
		else if (browser.getCurrentUrl().contains("/two-factor")) {
			String secret = browser.findElement(org.openqa.selenium.By.id("two-factor-secret")).getAttribute("data-secret");
			browser.findElement(org.openqa.selenium.By.id("code")).sendKeys(org.banzi.OneTimeCodes.next(secret));
			browser.findElement(org.openqa.selenium.By.id("two-factor-submit")).click();
		}
		waitUntil(browser, driver -> !driver.getCurrentUrl().contains("/login") && !driver.getCurrentUrl().contains("/two-factor"));
	}

	/** Scrolls an element to the middle of a small screen before clicking it, as a thumb would. */
	static void click(ChromeDriver browser, org.openqa.selenium.By by) {
		new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> {
			try {
				var element = driver.findElement(by);
				browser.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
				element.click();
				return true;
			}
			catch (org.openqa.selenium.ElementClickInterceptedException | org.openqa.selenium.StaleElementReferenceException ex) {
				return false;
			}
		});
	}

	static ChromeDriver start(int width, int height) throws IOException {
		System.setProperty("SE_OFFLINE", "true");
		String binary = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");
		String driver = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");
		if (!new File(binary).canExecute() || !new File(driver).canExecute()) {
			throw new IllegalStateException("Browser tests need " + binary + " and " + driver
					+ " (Debian packages chromium and chromium-driver): install them, as .ci/run does");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(binary);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--disable-quic", "--user-data-dir=" + Files.createTempDirectory("banzi-chromium"),
				"--window-size=" + width + "," + height, "--lang=zh-CN");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
			.usingAnyFreePort()
			.build();
		ChromeDriver browser = new ChromeDriver(service, options);
		browser.manage().window().setSize(new Dimension(width, height));
		browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		return browser;
	}
}
