package org.banzi.platform.jobs;

import java.time.Instant;

import org.banzi.platform.Access;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.Page;
import org.banzi.platform.web.PageJson;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * "我的导入": the imports the signed-in account ran as jobs, each with its progress while it runs and its report once
 * it has ended; the same as JSON under {@code /api/imports}. Another account's job is not found.
 */
@Controller
class ImportJobController {

	private final ImportJobs jobs;

	ImportJobController(ImportJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/imports")
	@PreAuthorize(Access.IMPORT)
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("jobs", jobs.list(username(), Math.max(0, page), Page.size(20)));
		return "imports/list";
	}

	@GetMapping("/imports/{id}")
	@PreAuthorize(Access.IMPORT)
	String job(@PathVariable String id, Model model) {
		show(id, model);
		return "imports/job";
	}

	/** The progress part of the job's page, which the page (with htmx) asks for again while the job runs. */
	@GetMapping("/imports/{id}/progress")
	@PreAuthorize(Access.IMPORT)
	String progress(@PathVariable String id, Model model) {
		show(id, model);
		return "imports/job :: progress";
	}

	private void show(String id, Model model) {
		ImportJob job = mine(id);
		model.addAttribute("job", job);
		model.addAttribute("report", jobs.report(job));
		ImportJob.Refusal refusal = jobs.refusal(job);
		if (refusal != null) {
			Imports.refused(model, refusal.messageKey(), refusal.args());
		}
	}

	/** An import job as the API gives it: {@code report} once it has ended with one, {@code failure} otherwise. */
	record JobJson(long id, String kind, String filename, long sizeBytes, String state, @Nullable String phase, int rowsRead,
			int rowsChecked, int rowsWritten, @Nullable ImportReport report, ImportJob.@Nullable Refusal failure, Instant createdAt,
			@Nullable Instant finishedAt) {
	}

	@GetMapping("/api/imports")
	@PreAuthorize(Access.IMPORT)
	@ResponseBody
	PageJson<JobJson> listJson(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return PageJson.of(jobs.list(username(), Math.max(0, page), Page.size(size)), this::json);
	}

	@GetMapping("/api/imports/{id}")
	@PreAuthorize(Access.IMPORT)
	@ResponseBody
	JobJson jobJson(@PathVariable String id) {
		return json(mine(id));
	}

	private JobJson json(ImportJob job) {
		return new JobJson(job.id(), job.kind(), job.filename(), job.sizeBytes(), job.state().name(),
				job.phase() == null ? null : job.phase().name(), job.rowsRead(), job.rowsChecked(), job.rowsWritten(), jobs.report(job),
				jobs.refusal(job), job.createdAt(), job.finishedAt());
	}

	/** The caller's own job; any other (or a number that is none) is not found. */
	private ImportJob mine(String id) {
		long number;
		try {
			number = Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			throw new NotFoundException("import.job.notFound", id);
		}
		return jobs.find(number, username()).orElseThrow(() -> new NotFoundException("import.job.notFound", id));
	}

	private static String username() {
		return SecurityContextHolder.getContext().getAuthentication().getName();
	}
}
