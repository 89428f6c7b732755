package org.banzi.training;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;

import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Access;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.CurrentUsers;
import org.banzi.platform.jobs.ImportJobs;
import org.banzi.platform.tabular.ImportReport;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Training imports and statistics over the API. */
@RestController
class TrainingApiController {

	private final TrainingImporter importer;
	private final TrainingRecords records;
	private final Units units;
	private final Clock clock;

	TrainingApiController(TrainingImporter importer, TrainingRecords records, Units units, Clock clock) {
		this.importer = importer;
		this.records = records;
		this.units = units;
		this.clock = clock;
	}

	@PostMapping("/api/import/training-classes")
	@PreAuthorize(Access.MANAGE_TRAINING)
	ResponseEntity<ImportReport> classes(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("training-classes", file, (name, content) -> importer.importClasses(CurrentUsers.get(), name, content, locale));
	}

	@PostMapping("/api/import/enrolments")
	@PreAuthorize(Access.MANAGE_TRAINING)
	ResponseEntity<ImportReport> enrolments(@RequestParam("file") MultipartFile file, Locale locale, ImportJobs jobs) throws IOException {
		return jobs.respond("enrolments", file, (name, content) -> importer.importEnrolments(CurrentUsers.get(), name, content, locale));
	}


	/** Training statistics of a unit's subtree for a period. */
	record StatisticsJson(String unit, String from, String to, long classes, long trainees, long distinctTrainees,
			long traineesSectionLevelAndAbove, long nonCompletions) {
	}

	@GetMapping("/api/training/statistics")
	@PreAuthorize(Access.READ_ORGANIZATION)
	StatisticsJson statistics(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			@RequestParam(required = false) @Nullable String unit) {
		CurrentUser user = CurrentUsers.get();
		LocalDate today = LocalDate.now(clock);
		from = from == null ? LocalDate.of(today.getYear(), 1, 1) : from;
		to = to == null ? LocalDate.of(today.getYear(), 12, 31) : to;
		Unit place = units.place(user, unit);
		TrainingRecords.Statistics statistics = records.statistics(new Scope(place.id(), place.path()), from, to);
		return new StatisticsJson(place.code(), from.toString(), to.toString(), statistics.classes(), statistics.trainees(),
				statistics.distinctTrainees(), statistics.traineesSectionLevelAndAbove(), statistics.nonCompletions());
	}
}
