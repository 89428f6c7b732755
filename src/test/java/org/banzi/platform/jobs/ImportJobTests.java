package org.banzi.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

/**
 * Imports as jobs: the API's {@code Prefer: respond-async} answers 202 with the job's address, a page's large file
 * goes to its progress page, the job runs as its submitter in one transaction and keeps its report; nobody else
 * sees it; a job the server left running is marked interrupted.
 */
@IntegrationTest
class ImportJobTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ImportJobs jobs;

	static MockMultipartFile units(String rows) {
		return new MockMultipartFile("file", "units.csv", "text/csv", ("code,name,type,parent_code\n" + rows).getBytes(StandardCharsets.UTF_8));
	}

	/** The job's JSON once it has ended. */
	String ended(String location, RequestPostProcessor who) throws Exception {
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		while (true) {
			String body = mvc.perform(get(location).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			if (!"RUNNING".equals(JsonPath.read(body, "$.state"))) {
				return body;
			}
			assertThat(Instant.now()).as("the job ends").isBefore(until);
			Thread.sleep(100);
		}
	}

	@Test
	void anApiImportAskedToRespondAsyncRunsAsAJobWithItsReport() throws Exception {
		String a = Fixtures.unique("JA");
		String b = Fixtures.unique("JB");
		String location = mvc.perform(multipart("/api/import/units").file(units(a + ",甲镇,乡镇,\n" + b + ",乙镇,TOWNSHIP,\n"))
			.header("Prefer", "respond-async").with(Fixtures.admin()))
			.andExpect(status().isAccepted())
			.andExpect(header().string("Preference-Applied", "respond-async"))
			.andReturn().getResponse().getHeader("Location");
		assertThat(location).matches("/api/imports/\\d+");
		String job = ended(location, Fixtures.admin());
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("SUCCEEDED");
		assertThat((Integer) JsonPath.read(job, "$.report.inserted")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(job, "$.rowsRead")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(job, "$.rowsChecked")).isEqualTo(2);
		assertThat((Integer) JsonPath.read(job, "$.rowsWritten")).isEqualTo(2);
		assertThat((String) JsonPath.read(job, "$.kind")).isEqualTo("units");
		mvc.perform(get("/api/units/" + b).with(Fixtures.admin())).andExpect(status().isOk());
		// the same import without the preference answers at once, as before
		mvc.perform(multipart("/api/import/units").file(units(a + ",甲镇,乡镇,\n")).with(Fixtures.admin()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(1));
		mvc.perform(get("/api/imports").with(Fixtures.admin())).andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(Integer.parseInt(location.substring(location.lastIndexOf('/') + 1))));
	}

	@Test
	void aRefusedJobWritesNothingAndKeepsEveryError() throws Exception {
		String good = Fixtures.unique("JG");
		String location = mvc.perform(multipart("/api/import/units").file(units(good + ",好镇,TOWNSHIP,\n,无编码镇,TOWNSHIP,\n"))
			.header("Prefer", "respond-async, wait=1").with(Fixtures.admin()))
			.andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
		String job = ended(location, Fixtures.admin());
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("REFUSED");
		assertThat((Integer) JsonPath.read(job, "$.report.errors[0].row")).isEqualTo(3);
		assertThat((String) JsonPath.read(job, "$.report.errors[0].column")).isEqualTo("code");
		mvc.perform(get("/api/units/" + good).with(Fixtures.admin())).andExpect(status().isNotFound());
	}

	@Test
	void anotherAccountNeitherSeesNorFindsTheJob() throws Exception {
		String location = mvc.perform(multipart("/api/import/units").file(units(Fixtures.unique("JO") + ",丙镇,TOWNSHIP,\n"))
			.header("Prefer", "respond-async").with(Fixtures.admin()))
			.andExpect(status().isAccepted()).andReturn().getResponse().getHeader("Location");
		ended(location, Fixtures.admin());
		String other = Fixtures.unique("jobother");
		new Fixtures(mvc).account(other, "COUNTY", "UNIT_ADMIN");
		RequestPostProcessor them = SecurityMockMvcRequestPostProcessors.httpBasic(other, Fixtures.STRONG_PASSWORD);
		mvc.perform(get(location).with(them)).andExpect(status().isNotFound());
		mvc.perform(get("/api/imports").with(them)).andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void aLargeFileOnAPageGoesToItsProgressPageAndIsFoundAgainUnderMyImports() throws Exception {
		Fixtures fixtures = new Fixtures(mvc);
		String clerk = Fixtures.unique("jobpage");
		fixtures.account(clerk, "COUNTY", "COUNTY_ADMIN");
		MockHttpSession session = fixtures.pageSession(clerk, Fixtures.STRONG_PASSWORD);
		String code = Fixtures.unique("JP");
		// a few rows, and a column the import does not read that makes the file larger than the background threshold
		String padding = "说".repeat(200_000);
		MockMultipartFile large = new MockMultipartFile("file", "large-units.csv", "text/csv",
				("code,name,type,parent_code,remark\n" + code + ",大文件镇,乡镇,," + padding + "\n").getBytes(StandardCharsets.UTF_8));
		assertThat(large.getSize()).isGreaterThan(512 * 1024);
		String redirect = mvc.perform(multipart("/units/import").file(large).session(session)
			.with(SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		assertThat(redirect).matches("/imports/\\d+");
		Instant until = Instant.now().plus(Duration.ofSeconds(60));
		String page;
		do {
			assertThat(Instant.now()).as("the job ends").isBefore(until);
			Thread.sleep(100);
			page = mvc.perform(get(redirect + "/progress").session(session)).andExpect(status().isOk()).andReturn().getResponse()
				.getContentAsString();
		}
		while (page.contains("id=\"job-running\""));
		assertThat(page).contains("data-state=\"SUCCEEDED\"").contains("id=\"import-success\"").doesNotContain("hx-trigger");
		String whole = mvc.perform(get(redirect).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(whole).contains("large-units.csv").contains("组织机构").contains("href=\"/units/import\"");
		String list = mvc.perform(get("/imports").session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("large-units.csv").contains("已完成").contains("href=\"" + redirect + "\"");
		mvc.perform(get("/api/units/" + code).with(Fixtures.admin())).andExpect(jsonPath("$.type").value("TOWNSHIP"));
		// a small file on the same page is imported at once, as before
		mvc.perform(multipart("/units/import").file(units(Fixtures.unique("JS") + ",小镇,TOWNSHIP,\n")).session(session)
			.with(SecurityMockMvcRequestPostProcessors.csrf()))
			.andExpect(status().isOk()).andExpect(result -> assertThat(result.getResponse().getContentAsString()).contains("import-success"));
	}

	@Test
	void aJobNoInstanceSpeaksForIsMarkedInterruptedAndAnotherInstancesRunningJobIsLeftAlone() throws Exception {
		String insert = "INSERT INTO import_job (username, kind, page, filename, size_bytes, state, heartbeat_at) VALUES ('admin', 'cadres', "
				+ "'/cadres/import', ?, 10, 'RUNNING', now() - make_interval(secs => ?)) RETURNING id";
		long id = jdbc.sql(insert).params("left.xlsx", 120.0).query(Long.class).single();
		long elsewhere = jdbc.sql(insert).params("elsewhere.xlsx", 2.0).query(Long.class).single();
		jobs.endInterrupted();
		assertThat(jdbc.sql("SELECT state FROM import_job WHERE id = ?").param(elsewhere).query(String.class).single())
			.as("a job whose instance spoke for it seconds ago runs on").isEqualTo("RUNNING");
		jdbc.sql("UPDATE import_job SET state = 'FAILED' WHERE id = ?").param(elsewhere).update();
		assertThat(jdbc.sql("SELECT count(*) FROM shedlock WHERE name = 'import-jobs-sweep'").query(Long.class).single())
			.as("the sweep took its lock, so it runs on one instance at a time").isEqualTo(1);
		String job = mvc.perform(get("/api/imports/" + id).with(Fixtures.admin())).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
		assertThat((String) JsonPath.read(job, "$.state")).isEqualTo("FAILED");
		assertThat((String) JsonPath.read(job, "$.failure.messageKey")).isEqualTo("import.job.interrupted");
		assertThat((String) JsonPath.read(job, "$.finishedAt")).isNotBlank();
	}

	@Test
	void whileAnotherInstanceHoldsTheSweepThisOneDoesNotSweep() throws Exception {
		long id = jdbc.sql("INSERT INTO import_job (username, kind, page, filename, size_bytes, state, heartbeat_at) VALUES ('admin', "
				+ "'cadres', '/cadres/import', 'held.xlsx', 10, 'RUNNING', now() - interval '5 minutes') RETURNING id").query(Long.class).single();
		jdbc.sql("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES ('import-jobs-sweep', now() + interval '1 minute', now(), "
				+ "'another-instance') ON CONFLICT (name) DO UPDATE SET lock_until = EXCLUDED.lock_until, locked_by = EXCLUDED.locked_by").update();
		try {
			jobs.endInterrupted();
			assertThat(jdbc.sql("SELECT state FROM import_job WHERE id = ?").param(id).query(String.class).single()).isEqualTo("RUNNING");
		}
		finally {
			jdbc.sql("UPDATE shedlock SET lock_until = now() WHERE name = 'import-jobs-sweep'").update();
		}
		jobs.endInterrupted();
		assertThat(jdbc.sql("SELECT state FROM import_job WHERE id = ?").param(id).query(String.class).single()).isEqualTo("FAILED");
	}
}
