package org.banzi.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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

/** The registry in a real browser: import from Excel, open the team, see the secretary and the tenure flag. */
@IntegrationTest
class CadreBrowserTests {

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

	static Path workbook(String[][] rows) throws Exception {
		Path file = Files.createTempFile("banzi", ".xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); FileOutputStream out = new FileOutputStream(file.toFile())) {
			var sheet = workbook.createSheet();
			for (int r = 0; r < rows.length; r++) {
				var row = sheet.createRow(r);
				for (int c = 0; c < rows[r].length; c++) {
					row.createCell(c).setCellValue(rows[r][c]);
				}
			}
			workbook.write(out);
		}
		return file;
	}

	void upload(String kind, Path file) {
		browser.get(url("/cadres/import"));
		browser.findElement(By.id("file-" + kind)).sendKeys(file.toString());
		Browser.click(browser, By.id("import-" + kind));
		assertThat(Browser.waitForText(browser, By.id("import-success"), text -> !text.isBlank())).contains("1");
	}

	@Test
	void importsFromExcelOpensTheTeamAndSeesTheSecretaryAndHisTenureFlag() throws Exception {
		String town = Fixtures.unique("BT");
		new Fixtures(mvc).units(town + ",浏览器镇,TOWNSHIP,\n");
		String no = Fixtures.unique("BS");
		LocalDate birth = LocalDate.of(1969, 9, 9);
		LocalDate since = LocalDate.now().minusYears(11);
		browser = Browser.start(1280, 900);
		Browser.signIn(browser, port, "admin", IntegrationTest.ADMIN_PASSWORD);
		upload("cadres", workbook(new String[][] { { "干部编号", "姓名", "性别", "出生日期", "职级", "单位编码", "身份证号" },
				{ no, "赵书记", "男", birth.toString(), "正科级", town, CadreMother.idNumber(birth, 'M', 1) } }));
		upload("posts", workbook(new String[][] { { "干部编号", "单位编码", "职务", "任职时间" },
				{ no, town, "党委书记", since.toString() } }));
		upload("team-members", workbook(new String[][] { { "干部编号", "单位编码", "班子职务", "开始日期" },
				{ no, town, "书记", since.toString() } }));

		browser.get(url("/units/" + town));
		Browser.click(browser, By.id("unit-team"));
		String member = Browser.waitForText(browser, By.id("member-" + no), text -> text.contains("赵书记"));
		assertThat(member).contains("书记").contains(since.toString());
		Browser.click(browser, By.linkText("赵书记"));
		assertThat(Browser.waitForText(browser, By.id("tenure-flags"), text -> text.contains("同一职位任职年限"))).contains("11");
		Browser.screenshot(browser, "cadre-page");
	}

	@Test
	void aCadresOwnPageFitsAPhoneScreen() throws Exception {
		String town = Fixtures.unique("PH");
		new Fixtures(mvc).units(town + ",手机镇,TOWNSHIP,\n");
		String no = Fixtures.unique("PC");
		LocalDate birth = LocalDate.of(1985, 2, 3);
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/import/cadres")
			.file(new org.springframework.mock.web.MockMultipartFile("file", "c.csv", "text/csv",
					("cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
							+ CadreMother.cadreRow(no, "钱干部", 'F', birth, "副科级", town, 2)).getBytes()))
			.with(Fixtures.admin()));
		new Fixtures(mvc).account(no, town, "CADRE");
		browser = Browser.start(390, 844);
		Browser.signIn(browser, port, no, Fixtures.STRONG_PASSWORD);
		browser.get(url("/me"));
		Browser.waitForText(browser, By.id("cadre-name"), "钱干部"::equals);
		Browser.screenshot(browser, "cadre-phone");
		Object overflow = browser.executeScript(
				"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
		assertThat(((Number) overflow).intValue()).as("horizontal overflow in pixels").isLessThanOrEqualTo(0);
	}
}
