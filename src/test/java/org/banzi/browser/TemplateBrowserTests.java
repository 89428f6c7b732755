package org.banzi.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.cadres.CadreMother;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A template as an office worker uses it: downloaded in the signed-in session, filled in LibreOffice Calc (the values
 * typed into its cells, then saved as XLSX by LibreOffice), and imported through the page.
 */
@IntegrationTest
class TemplateBrowserTests {

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

	@Test
	void aTemplateFilledInLibreOfficeImports() throws Exception {
		String town = Fixtures.unique("LT");
		Fixtures fixtures = new Fixtures(mvc);
		fixtures.units(town + ",办公镇,TOWNSHIP,\n");
		String clerk = Fixtures.unique("lo");
		fixtures.account(clerk, town, "UNIT_ADMIN");
		browser = Browser.start(1280, 900);
		Browser.signIn(browser, port, clerk, Fixtures.STRONG_PASSWORD);

		String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
			.collect(Collectors.joining("; "));
		HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
				URI.create("http://localhost:" + port + "/cadres/template?kind=cadres")).header("Cookie", cookies).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(download.statusCode()).isEqualTo(200);
		Path template = Files.createTempFile("cadres-template", ".xlsx");
		Files.write(template, download.body());

		// typed as a user types: the date as a date, the ID number into the template's text column, the labels
		String no = Fixtures.unique("LC");
		LocalDate birth = LocalDate.of(1981, 11, 3);
		String id = CadreMother.idNumber(birth, 'M', 3);
		Path filled = Files.createTempFile("cadres-filled", ".xlsx");
		fillWithLibreOffice(template, filled, "A2=" + no, "B2=钱办公", "C2=男", "D2=" + birth, "E2=副科级", "F2=" + town, "G2=" + id);

		browser.get("http://localhost:" + port + "/cadres/import");
		browser.findElement(By.id("file-cadres")).sendKeys(filled.toString());
		Browser.click(browser, By.id("import-cadres"));
		try {
			assertThat(Browser.waitForText(browser, By.id("import-success"), text -> !text.isBlank())).contains("1");
		}
		catch (RuntimeException ex) {
			Browser.screenshot(browser, "template-import-refused");
			throw new AssertionError("The import page showed: " + browser.findElement(By.tagName("main")).getText(), ex);
		}

		mvc.perform(get("/api/cadres").param("q", no).with(Fixtures.admin()))
			.andExpect(jsonPath("$.items[0].birthDate").value(birth.toString()))
			.andExpect(jsonPath("$.items[0].rank").value("SECTION_DEPUTY"))
			.andExpect(jsonPath("$.items[0].idNumber").value(org.hamcrest.Matchers.endsWith(id.substring(id.length() - 4))));
	}

	/** Runs LibreOffice Calc through its Python bridge (Debian's python3-uno) to type the values and save. */
	static void fillWithLibreOffice(Path template, Path filled, String... cells) throws Exception {
		Path script = Path.of("src/test/resources/fill-with-libreoffice.py").toAbsolutePath();
		List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), template.toString(), filled.toString()));
		command.addAll(List.of(cells));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("LibreOffice finished").isTrue();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.exitValue()).as("LibreOffice filling the template: " + output).isZero();
		assertThat(filled).isNotEmptyFile();
	}
}
