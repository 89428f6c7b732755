package org.banzi.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.banzi.BanziApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Banzi itself, started against an external server (through {@code BANZI_DB_URL}) that runs with the embedded
 * library's throw-away defaults (fsync and synchronous_commit off): refused, unless {@code BANZI_DB_ALLOW_UNSAFE=true}.
 */
class DurabilityStartupTests {

	@TempDir
	Path dataDir;

	@Test
	void banziRefusesToStartOnAServerWithFsyncOffAndStartsWhenToldItIsThrowAway() throws Exception {
		try (EmbeddedPostgres unsafe = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("unsafe").toFile())
				.setServerConfig("listen_addresses", "127.0.0.1").start()) {
			String url = unsafe.getJdbcUrl("postgres", "postgres");
			assertThatThrownBy(() -> start(url, false)).hasStackTraceContaining("fsync=off")
				.hasStackTraceContaining("BANZI_DB_ALLOW_UNSAFE");
			try (ConfigurableApplicationContext banzi = start(url, true)) {
				JdbcClient jdbc = banzi.getBean(JdbcClient.class);
				assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("off");
				assertThat(jdbc.sql("SELECT count(*) FROM org_unit").query(Long.class).single()).isEqualTo(1);
			}
		}
	}

	private ConfigurableApplicationContext start(String url, boolean allowUnsafe) {
		SpringApplication application = new SpringApplication(BanziApplication.class);
		return application.run("--BANZI_DB_URL=" + url, "--BANZI_DB_USER=postgres", "--BANZI_DB_PASSWORD=",
				"--BANZI_DB_ALLOW_UNSAFE=" + allowUnsafe, "--banzi.demo=", "--banzi.memo.refresh=false",
				"--spring.main.banner-mode=off", "--server.port=0",
				// another database: its audit checkpoints must not go where the shared test database's go
				"--banzi.audit.checkpoint-file=" + dataDir.resolve("audit-checkpoints.log"));
	}
}
