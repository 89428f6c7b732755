package org.banzi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Liveness, readiness and Prometheus metrics on the management port, on loopback, with no sign-in: request timings
 * per route, the connection pool, import rows and kept results. The application's own port does not serve them.
 */
@IntegrationTest
class HealthAndMetricsTests {

	@LocalManagementPort
	int management;

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> get(int on, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + on + path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void probesAndMetricsAnswerOnTheManagementPortAlone() throws Exception {
		assertThat(management).isNotEqualTo(port);
		assertThat(get(management, "/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		HttpResponse<String> readiness = get(management, "/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"status\":\"UP\"");

		get(port, "/login");
		mvc.perform(multipart("/api/import/units").file(Fixtures.csv("code,name,type,parent_code\n" + Fixtures.unique("HM") + ",指标镇,TOWNSHIP,\n"))
			.with(admin())).andExpect(status().isOk());
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/summary").param("unit", "COUNTY")
			.with(admin())).andExpect(status().isOk());
		String metrics = get(management, "/actuator/prometheus").body();
		assertThat(metrics).contains("http_server_requests_seconds_count").contains("uri=\"/login\"")
			.contains("hikaricp_connections_active").contains("banzi_import_rows_total{kind=\"unit\",outcome=\"inserted\"")
			.contains("banzi_kept_results_total");

		assertThat(get(port, "/actuator/health").statusCode()).as("not on the application's port").isIn(302, 401, 403, 404);
	}
}
