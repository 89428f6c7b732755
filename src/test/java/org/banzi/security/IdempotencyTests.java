package org.banzi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A retry with the same Idempotency-Key gets the first answer and writes nothing again; the same key with another
 * request is refused; a key is each account's own, and kept a day.
 */
@IntegrationTest
class IdempotencyTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	static MockMultipartFile units(String rows) {
		return new MockMultipartFile("file", "units.csv", "text/csv", ("code,name,type,parent_code\n" + rows).getBytes(StandardCharsets.UTF_8));
	}

	long audited(String action, String type) {
		return jdbc.sql("SELECT count(*) FROM audit_record WHERE action = ? AND object_type = ?").params(action, type).query(Long.class).single();
	}

	@Test
	void aRetriedImportGetsTheFirstAnswerAndWritesNothingAgain() throws Exception {
		String key = UUID.randomUUID().toString();
		String code = Fixtures.unique("IK");
		String first = mvc.perform(multipart("/api/import/units").file(units(code + ",幂等镇,TOWNSHIP,\n")).header("Idempotency-Key", key)
			.with(Fixtures.admin()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.inserted").value(1))
			.andReturn().getResponse().getContentAsString();
		long trail = jdbc.sql("SELECT count(*) FROM audit_record").query(Long.class).single();
		MvcResult again = mvc.perform(multipart("/api/import/units").file(units(code + ",幂等镇,TOWNSHIP,\n")).header("Idempotency-Key", key)
			.with(Fixtures.admin()))
			.andExpect(status().isOk()).andExpect(header().string("Idempotent-Replayed", "true")).andReturn();
		assertThat(again.getResponse().getContentAsString()).as("the first answer, not \"unchanged\"").isEqualTo(first);
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record").query(Long.class).single()).as("nothing done again").isEqualTo(trail);
		// without the key, the same import runs and finds its rows unchanged
		mvc.perform(multipart("/api/import/units").file(units(code + ",幂等镇,TOWNSHIP,\n")).with(Fixtures.admin()))
			.andExpect(jsonPath("$.unchanged").value(1));
	}

	@Test
	void theSameKeyWithAnotherRequestIsRefused() throws Exception {
		String key = UUID.randomUUID().toString();
		mvc.perform(multipart("/api/import/units").file(units(Fixtures.unique("IR") + ",甲,TOWNSHIP,\n")).header("Idempotency-Key", key)
			.with(Fixtures.admin())).andExpect(status().isOk());
		String other = Fixtures.unique("IR");
		mvc.perform(multipart("/api/import/units").file(units(other + ",乙,TOWNSHIP,\n")).header("Idempotency-Key", key)
			.with(Fixtures.admin()))
			.andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.code").value("idempotency.key.reused"));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/units/" + other).with(Fixtures.admin()))
			.andExpect(status().isNotFound());
		mvc.perform(multipart("/api/import/units").file(units(other + ",乙,TOWNSHIP,\n")).header("Idempotency-Key", "bad key with spaces")
			.with(Fixtures.admin())).andExpect(status().isBadRequest());
	}

	@Test
	void aRetriedJsonCreateGetsItsFirstAnswerAndKeysAreEachAccountsOwn() throws Exception {
		String key = "create-" + UUID.randomUUID();
		String username = Fixtures.unique("idem");
		String body = """
				{"username":"%s","displayName":"幂等","roles":["CADRE"],"homeUnit":"COUNTY","password":"%s"}
				""".formatted(username, Fixtures.STRONG_PASSWORD);
		String first = mvc.perform(post("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(body).header("Idempotency-Key", key)
			.with(Fixtures.admin())).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		String again = mvc.perform(post("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(body).header("Idempotency-Key", key)
			.with(Fixtures.admin())).andExpect(status().isCreated()).andExpect(header().string("Idempotent-Replayed", "true"))
			.andReturn().getResponse().getContentAsString();
		assertThat(again).isEqualTo(first);
		assertThat(jdbc.sql("SELECT count(*) FROM account WHERE username = ?").param(username).query(Long.class).single()).isEqualTo(1);
		// the same key from another account is that account's own: its request runs (and is refused, the name taken)
		mvc.perform(post("/api/accounts").contentType(MediaType.APPLICATION_JSON).content(body).header("Idempotency-Key", key)
			.with(Fixtures.security())).andExpect(header().doesNotExist("Idempotent-Replayed"));
	}

	@Test
	void parallelRetriesRunTheWriteOnce() throws Exception {
		String key = UUID.randomUUID().toString();
		String code = Fixtures.unique("IP");
		long before = audited("import", "unit");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Integer>> answers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			Callable<Integer> call = () -> mvc.perform(multipart("/api/import/units").file(units(code + ",并发镇,TOWNSHIP,\n"))
				.header("Idempotency-Key", key).with(Fixtures.admin())).andReturn().getResponse().getStatus();
			answers.add(pool.submit(call));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> answer : answers) {
			statuses.add(answer.get());
		}
		pool.shutdown();
		assertThat(statuses).as("each answered with the first answer or asked to retry").allMatch(s -> s == 200 || s == 409);
		assertThat(statuses).contains(200);
		assertThat(audited("import", "unit") - before).as("one import ran").isEqualTo(1);
	}

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	/** Over a real connection the upload arrives as the server's own multipart parts, read before the handler reads them. */
	@Test
	void overHttpTheUploadIsHashedAsTheServerReceivesIt() throws Exception {
		String key = UUID.randomUUID().toString();
		String code = Fixtures.unique("IH");
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		java.util.function.Function<String, java.net.http.HttpResponse<String>> send = rows -> {
			String boundary = "banzi" + UUID.randomUUID();
			String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"units.csv\"\r\n"
					+ "Content-Type: text/csv\r\n\r\ncode,name,type,parent_code\n" + rows + "\r\n--" + boundary + "--\r\n";
			try {
				return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/import/units"))
					.header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Idempotency-Key", key)
					.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + IntegrationTest.ADMIN_PASSWORD)
						.getBytes(StandardCharsets.UTF_8)))
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
						java.net.http.HttpResponse.BodyHandlers.ofString());
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		};
		var first = send.apply(code + ",线上镇,TOWNSHIP,\n");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		var again = send.apply(code + ",线上镇,TOWNSHIP,\n");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
		assertThat(again.body()).isEqualTo(first.body());
		var other = send.apply(code + ",另一镇,TOWNSHIP,\n");
		assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
	}

	@Test
	void aFirstRequestThatNeverAnsweredIsGivenUpAfterAWhile() throws Exception {
		String key = UUID.randomUUID().toString();
		String code = Fixtures.unique("ID");
		// the first request's instance died while it ran: its claim stays, unanswered
		mvc.perform(multipart("/api/import/units").file(units(code + ",中断镇,TOWNSHIP,\n")).header("Idempotency-Key", key)
			.with(Fixtures.admin())).andExpect(status().isOk());
		jdbc.sql("UPDATE idempotency_key SET completed = false, status = NULL, body = NULL WHERE key = ?").param(key).update();
		mvc.perform(multipart("/api/import/units").file(units(code + ",中断镇,TOWNSHIP,\n")).header("Idempotency-Key", key)
			.with(Fixtures.admin())).andExpect(status().isConflict());
		jdbc.sql("UPDATE idempotency_key SET created_at = created_at - interval '3 minutes' WHERE key = ?").param(key).update();
		mvc.perform(multipart("/api/import/units").file(units(code + ",中断镇,TOWNSHIP,\n")).header("Idempotency-Key", key)
			.with(Fixtures.admin())).andExpect(status().isOk()).andExpect(header().doesNotExist("Idempotent-Replayed"))
			.andExpect(jsonPath("$.unchanged").value(1));
	}

	@Test
	void aKeyOlderThanADayIsForgotten() throws Exception {
		String key = UUID.randomUUID().toString();
		String code = Fixtures.unique("IE");
		mvc.perform(multipart("/api/import/units").file(units(code + ",过期镇,TOWNSHIP,\n")).header("Idempotency-Key", key)
			.with(Fixtures.admin())).andExpect(jsonPath("$.inserted").value(1));
		jdbc.sql("UPDATE idempotency_key SET created_at = created_at - interval '25 hours' WHERE key = ?").param(key).update();
		mvc.perform(multipart("/api/import/units").file(units(code + ",过期镇,TOWNSHIP,\n")).header("Idempotency-Key", key)
			.with(Fixtures.admin())).andExpect(header().doesNotExist("Idempotent-Replayed")).andExpect(jsonPath("$.unchanged").value(1));
	}
}
