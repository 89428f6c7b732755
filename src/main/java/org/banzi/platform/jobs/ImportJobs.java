package org.banzi.platform.jobs;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.banzi.platform.tabular.ImportProgress;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.Upload;
import org.banzi.platform.tabular.UploadLimits;
import org.banzi.platform.tabular.UploadRefusedException;
import org.banzi.platform.web.Imports;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports that take a while run as jobs: a page's file from {@code banzi.imports.background-from} on, and any API
 * import asked with {@code Prefer: respond-async}. The job runs on its own thread as the account that submitted it,
 * in the import's one transaction (all or nothing, as at once); its progress can be watched, and its report found
 * again, under "我的导入" ({@code /imports}) or at {@code /api/imports/{id}}. Only the account that submitted a job
 * sees it.
 */
@Service
public class ImportJobs {

	/** An import of a file already received: its name and content. */
	@FunctionalInterface
	public interface FileImport {
		ImportReport run(String filename, byte[] content);
	}

	/** An import that reads the file where it is kept on disk, as a stream (a year of self-study). */
	@FunctionalInterface
	public interface UploadImport {
		ImportReport run(Upload upload);
	}

	/** One import of several kinds, given the kind chosen, the file's name and its content. */
	@FunctionalInterface
	public interface KindImport {
		ImportReport run(String kind, String filename, byte[] content);
	}

	private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
	static final String RESPOND_ASYNC = "respond-async";

	private final ImportJobRepository repository;
	private final TaskExecutor executor;
	private final JsonMapper json;
	private final DataSize backgroundFrom;
	private final UploadLimits limits;
	private final Duration silence;
	private final Map<Long, ImportProgress> running = new ConcurrentHashMap<>();

	ImportJobs(ImportJobRepository repository, @Qualifier(ImportJobWorkers.NAME) TaskExecutor executor, JsonMapper json,
			@Value("${banzi.imports.background-from:512KB}") DataSize backgroundFrom,
			@Value("${banzi.imports.silence:PT1M}") Duration silence, UploadLimits limits) {
		this.limits = limits;
		this.repository = repository;
		this.silence = silence;
		this.executor = executor;
		this.json = json;
		this.backgroundFrom = backgroundFrom;
	}

	/**
	 * Says, for each job this instance runs, that it still runs it and how far it has come: its progress shows on
	 * any instance, and a job no instance speaks for is known to have ended with its instance.
	 */
	@Scheduled(fixedDelayString = "${banzi.imports.heartbeat:PT5S}")
	void beat() {
		running.forEach(repository::beat);
	}

	/**
	 * A job whose instance has not spoken for it within {@code banzi.imports.silence} (a minute) ended with that
	 * instance, stopped or killed: nothing of it was written (its transaction went with the connection). Runs at
	 * start and then on one instance at a time.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
	@SchedulerLock(name = "import-jobs-sweep", lockAtMostFor = "PT5M")
	public void endInterrupted() {
		int interrupted = repository.failSilent(silence,
				json.writeValueAsString(new ImportJob.Refusal("import.job.interrupted", List.of())));
		if (interrupted > 0) {
			log.warn("{} import job(s) were interrupted by the stop of their server; nothing of them was written", interrupted);
		}
	}

	/**
	 * Runs a page's import of one kind: a small file at once, its report (or its refusal) in the model and
	 * {@code view} returned; a larger one as a job, the browser sent to its progress page.
	 */
	public String onPage(Model model, MultipartFile file, String kind, String page, String view, FileImport run) throws IOException {
		if (file.getSize() < backgroundFrom.toBytes()) {
			byte[] content = file.getBytes();
			Imports.onPage(model, () -> run.run(String.valueOf(file.getOriginalFilename()), content));
			return view;
		}
		return onPage(model, file, kind, page, view, whole(run));
	}

	/** As {@link #onPage(Model, MultipartFile, String, String, String, FileImport)}, for an import that streams the file. */
	public String onPage(Model model, MultipartFile file, String kind, String page, String view, UploadImport run) throws IOException {
		if (file.getSize() < backgroundFrom.toBytes()) {
			try (Upload upload = Upload.of(file)) {
				Imports.onPage(model, () -> run.run(upload));
			}
			return view;
		}
		try {
			return "redirect:/imports/" + submit(kind, page, Upload.of(file), run);
		}
		catch (UploadRefusedException refused) {
			Imports.refused(model, refused.messageKey(), refused.arguments());
			return view;
		}
	}

	/** An import of the file read whole, within the limit for such imports. */
	private UploadImport whole(FileImport run) {
		return upload -> run.run(upload.filename(), upload.bytes(limits));
	}

	/** As {@link #onPage(Model, MultipartFile, String, String, String, FileImport)}, for a page of several kinds. */
	public String onPage(Model model, MultipartFile file, List<String> kinds, String kind, String page, String view, KindImport run)
			throws IOException {
		String chosen = Imports.chosen(kinds, kind);
		model.addAttribute("kinds", kinds);
		model.addAttribute("kind", chosen);
		return onPage(model, file, chosen, page, view, (filename, content) -> run.run(chosen, filename, content));
	}

	/** One import of several kinds, some of which stream the file: given the kind chosen and the file kept on disk. */
	@FunctionalInterface
	public interface KindUploadImport {
		ImportReport run(String kind, Upload upload);
	}

	/** As {@link #onPage(Model, MultipartFile, List, String, String, String, KindImport)}, with the file kept on disk. */
	public String onPage(Model model, MultipartFile file, List<String> kinds, String kind, String page, String view,
			KindUploadImport run) throws IOException {
		String chosen = Imports.chosen(kinds, kind);
		model.addAttribute("kinds", kinds);
		model.addAttribute("kind", chosen);
		return onPage(model, file, chosen, page, view, (Upload upload) -> run.run(chosen, upload));
	}

	/**
	 * Answers an API import: at once with its report (200, or 422 when refused), or, when the request says
	 * {@code Prefer: respond-async}, 202 with the job's address in {@code Location}.
	 */
	public ResponseEntity<ImportReport> respond(String kind, MultipartFile file, FileImport run) throws IOException {
		if (!respondAsync()) {
			limits.checkHeld(file.getSize());
			return Imports.response(run.run(String.valueOf(file.getOriginalFilename()), file.getBytes()));
		}
		return respond(kind, file, whole(run));
	}

	/** As {@link #respond(String, MultipartFile, FileImport)}, for an import that streams the file. */
	public ResponseEntity<ImportReport> respond(String kind, MultipartFile file, UploadImport run) throws IOException {
		if (respondAsync()) {
			long id = submit(kind, currentRequest().getRequestURI(), Upload.of(file), run);
			return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/imports/" + id))
				.header("Preference-Applied", RESPOND_ASYNC).build();
		}
		try (Upload upload = Upload.of(file)) {
			return Imports.response(run.run(upload));
		}
	}

	private static boolean respondAsync() {
		String prefer = currentRequest().getHeader("Prefer");
		return prefer != null && List.of(prefer.toLowerCase(java.util.Locale.ROOT).split("[,;\\s]+")).contains(RESPOND_ASYNC);
	}

	private static HttpServletRequest currentRequest() {
		return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
	}

	/** Runs the import as a job; the job owns the upload and deletes it when done, or at once when refused. */
	private long submit(String kind, String page, Upload upload, UploadImport run) {
		SecurityContext security = SecurityContextHolder.getContext();
		String username = security.getAuthentication().getName();
		String filename = upload.filename();
		long id = repository.start(username, kind, page, filename, upload.size());
		ImportProgress progress = new ImportProgress();
		running.put(id, progress);
		Map<String, String> logContext = MDC.getCopyOfContextMap();
		try {
			executor.execute(() -> {
				SecurityContext context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(security.getAuthentication());
				SecurityContextHolder.setContext(context);
				if (logContext != null) {
					MDC.setContextMap(logContext);
				}
				try {
					ImportReport report = progress.track(() -> run.run(upload));
					repository.finish(id, report.succeeded() ? ImportJob.State.SUCCEEDED : ImportJob.State.REFUSED, progress,
							json.writeValueAsString(report), null);
				}
				catch (UploadRefusedException ex) {
					repository.finish(id, ImportJob.State.REFUSED, progress, null,
							json.writeValueAsString(new ImportJob.Refusal(ex.messageKey(), List.of(ex.arguments()))));
				}
				catch (RuntimeException ex) {
					log.error("Import job {} failed", id, ex);
					repository.finish(id, ImportJob.State.FAILED, progress, null,
							json.writeValueAsString(new ImportJob.Refusal("import.job.failed", List.of())));
				}
				finally {
					upload.close();
					running.remove(id);
					SecurityContextHolder.clearContext();
					MDC.clear();
				}
			});
		}
		catch (TaskRejectedException full) {
			// every worker busy and the queue full: no more are taken
			upload.close();
			running.remove(id);
			repository.finish(id, ImportJob.State.FAILED, progress, null,
					json.writeValueAsString(new ImportJob.Refusal("import.job.busy", List.of())));
			throw new UploadRefusedException("import.job.busy");
		}
		return id;
	}

	/** The job {@code id} if {@code username} submitted it, with its live progress while it runs. */
	public Optional<ImportJob> find(long id, String username) {
		return repository.find(id, username).map(this::live);
	}

	/** The jobs {@code username} submitted, newest first. */
	public Page<ImportJob> list(String username, int page, int size) {
		Page<ImportJob> jobs = repository.list(username, page, size);
		return new Page<>(jobs.items().stream().map(this::live).toList(), jobs.number(), jobs.size(), jobs.total());
	}

	private ImportJob live(ImportJob job) {
		ImportProgress progress = running.get(job.id());
		return progress == null || job.state() != ImportJob.State.RUNNING ? job : job.withProgress(progress);
	}

	/** The report of a finished job, read back. */
	public @Nullable ImportReport report(ImportJob job) {
		return job.report() == null ? null : json.readValue(job.report(), ImportReport.class);
	}

	/**
	 * Why a job wrote nothing without a report: its file refused whole (too large, not the format it says), the
	 * server stopped while it ran, or it failed.
	 */
	public ImportJob.@Nullable Refusal refusal(ImportJob job) {
		return job.failure() == null ? null : json.readValue(job.failure(), ImportJob.Refusal.class);
	}
}
