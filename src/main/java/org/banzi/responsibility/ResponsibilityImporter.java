package org.banzi.responsibility;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.banzi.audit.ImportAudit;
import org.banzi.audit.ImportChanges;
import org.banzi.organization.Units;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.db.BulkStatistics;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The two imports of the responsibility system: tasks (matched by unit, year and task) and analysis meetings (matched
 * by unit and date). Each refuses the whole file with every error by row and column, or writes every row in one
 * transaction; importing the same file again changes nothing.
 */
@Service
public class ResponsibilityImporter {

	public static final List<Column> TASK_COLUMNS = List.of(Column.required("unit_code", "单位编码"), Column.required("year", "年度").number(),
			Column.required("task", "任务", "责任任务"), Column.required("owner_cadre_no", "责任人编号"),
			Column.required("due_on", "完成时限").date(), Column.optional("completed_on", "完成日期").date());
	public static final List<Column> MEETING_COLUMNS = List.of(Column.required("unit_code", "单位编码"),
			Column.required("date", "日期", "会议日期").date(), Column.required("topic", "主题", "分析主题"));

	static final List<String> KINDS = List.of("responsibility-tasks", "analysis-meetings");

	private final TabularReader reader;
	private final MessageSource messages;
	private final ResponsibilityChecks checks;
	private final ResponsibilityRepository repository;
	private final Units units;
	private final ImportAudit imports;
	private final BulkStatistics statistics;

	ResponsibilityImporter(TabularReader reader, MessageSource messages, ResponsibilityChecks checks, ResponsibilityRepository repository,
			Units units, ImportAudit imports, BulkStatistics statistics) {
		this.reader = reader;
		this.messages = messages;
		this.checks = checks;
		this.repository = repository;
		this.units = units;
		this.imports = imports;
		this.statistics = statistics;
	}

	static List<Column> columns(String kind) {
		return "analysis-meetings".equals(kind) ? MEETING_COLUMNS : TASK_COLUMNS;
	}

	/** The import of a kind by its name in URLs. */
	public ImportReport importKind(String kind, CurrentUser user, String filename, byte[] content, Locale locale) {
		return switch (kind) {
			case "responsibility-tasks" -> importTasks(user, filename, content, locale);
			case "analysis-meetings" -> importMeetings(user, filename, content, locale);
			default -> throw new NotFoundException("import.kind.unknown", kind);
		};
	}

	@Transactional
	public ImportReport importTasks(CurrentUser user, String filename, byte[] content, Locale locale) {
		SheetImport.Rows<ResponsibilityRepository.Task> rows = SheetImport.check(
				ParsedSheet.read(reader, messages, filename, content, TASK_COLUMNS, locale),
				row -> checks.task(user, new ResponsibilityChecks.TaskInput(row.text("unit_code"), row.integer("year"), row.text("task"),
						row.text("owner_cadre_no"), row.date("due_on"), row.date("completed_on"))),
				ResponsibilityRepository.Task::key, "task");
		if (rows.refused()) {
			return imports.refused("responsibility-task", filename, rows.errors());
		}
		Map<String, ResponsibilityRepository.Task> existing = repository
			.findTasks(rows.valid().stream().map(ResponsibilityRepository.Task::unitId).distinct().toList());
		ImportChanges changes = new ImportChanges();
		int[] counts = new int[3];
		for (ResponsibilityRepository.Task task : rows.valid()) {
			ResponsibilityRepository.Task current = existing.get(task.key());
			if (current == null) {
				repository.insertTask(task, user.username());
				changes.inserted(task.key(), task.snapshot());
				counts[0]++;
			}
			else if (current.ownerCadreId() != task.ownerCadreId() || !current.dueOn().equals(task.dueOn())
					|| !Objects.equals(current.completedOn(), task.completedOn())) {
				repository.updateTask(current.id(), task);
				changes.updated(task.key(), current.snapshot(), task.snapshot());
				counts[1]++;
			}
			else {
				counts[2]++;
			}
		}
		statistics.afterBulkWrite(counts[0] + counts[1], "responsibility_task");
		return imports.done("responsibility-task", filename, units.scopeOf(user).rootId(), changes, counts[2]);
	}

	@Transactional
	public ImportReport importMeetings(CurrentUser user, String filename, byte[] content, Locale locale) {
		SheetImport.Rows<ResponsibilityRepository.Meeting> rows = SheetImport.check(
				ParsedSheet.read(reader, messages, filename, content, MEETING_COLUMNS, locale),
				row -> checks.meeting(user, new ResponsibilityChecks.MeetingInput(row.text("unit_code"), row.date("date"), row.text("topic"))),
				ResponsibilityRepository.Meeting::key, "date");
		if (rows.refused()) {
			return imports.refused("analysis-meeting", filename, rows.errors());
		}
		Map<String, ResponsibilityRepository.Meeting> existing = repository
			.findMeetings(rows.valid().stream().map(ResponsibilityRepository.Meeting::unitId).distinct().toList());
		ImportChanges changes = new ImportChanges();
		int[] counts = new int[3];
		for (ResponsibilityRepository.Meeting meeting : rows.valid()) {
			ResponsibilityRepository.Meeting current = existing.get(meeting.key());
			if (current == null) {
				repository.insertMeeting(meeting, user.username());
				changes.inserted(meeting.key(), Map.of("topic", meeting.topic()));
				counts[0]++;
			}
			else if (!current.topic().equals(meeting.topic())) {
				repository.updateMeeting(current.id(), meeting);
				changes.updated(meeting.key(), Map.of("topic", current.topic()), Map.of("topic", meeting.topic()));
				counts[1]++;
			}
			else {
				counts[2]++;
			}
		}
		statistics.afterBulkWrite(counts[0] + counts[1], "analysis_meeting");
		return imports.done("analysis-meeting", filename, units.scopeOf(user).rootId(), changes, counts[2]);
	}
}
