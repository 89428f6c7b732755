package org.banzi.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.banzi.platform.tabular.ImportProgress;
import org.banzi.platform.tabular.UploadLimits;
import org.banzi.platform.tabular.UploadRefusedException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import tools.jackson.databind.json.JsonMapper;

/** When every import worker is busy and the queue is full, a new job is refused, recorded as such, and nothing runs. */
class ImportJobsBusyTests {

	/** The jobs' table, kept in a list. */
	static final class Recorded extends ImportJobRepository {

		final List<String> finished = new ArrayList<>();

		Recorded() {
			super(null);
		}

		@Override
		long start(String username, String kind, String page, String filename, long size) {
			return 41;
		}

		@Override
		void finish(long id, ImportJob.State state, ImportProgress progress, @Nullable String report, @Nullable String failure) {
			finished.add(id + " " + state + " " + failure);
		}
	}

	final Recorded repository = new Recorded();
	final ImportJobs jobs = new ImportJobs(repository, task -> {
		throw new TaskRejectedException("every worker busy, the queue full");
	}, JsonMapper.builder().build(), DataSize.ofBytes(1), Duration.ofMinutes(1), new UploadLimits(null, 0, 0, null, null, 0, 0));
	final MockMultipartFile file = new MockMultipartFile("file", "big.csv", "text/csv", "code\nA\n".getBytes(StandardCharsets.UTF_8));

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
		RequestContextHolder.resetRequestAttributes();
	}

	/** The uploads kept on disk now: a job refused must not leave its file behind. */
	static long uploadsKept() throws java.io.IOException {
		try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter(f -> f.getFileName().toString().startsWith("banzi-upload-")).count();
		}
	}

	@Test
	void aPageSaysSoAndStaysWhereItWas() throws Exception {
		long kept = uploadsKept();
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("clerk", "pw"));
		ExtendedModelMap model = new ExtendedModelMap();
		String view = jobs.onPage(model, file, "units", "/units/import", "organization/unit-import", (name, content) -> {
			throw new AssertionError("nothing runs");
		});
		assertThat(view).isEqualTo("organization/unit-import");
		assertThat(model.get("refused")).isEqualTo("import.job.busy");
		assertThat(uploadsKept()).as("the refused job's file is deleted").isEqualTo(kept);
		assertThat(repository.finished).singleElement().asString().startsWith("41 FAILED").contains("import.job.busy");
	}

	@Test
	void theApiIsRefusedWithTheReason() {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("script", "pw"));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/import/units");
		request.addHeader("Prefer", "respond-async");
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		assertThatThrownBy(() -> jobs.respond("units", file, (name, content) -> {
			throw new AssertionError("nothing runs");
		})).isInstanceOf(UploadRefusedException.class).hasFieldOrPropertyWithValue("messageKey", "import.job.busy");
		assertThat(repository.finished).singleElement().asString().contains("FAILED");
	}
}
