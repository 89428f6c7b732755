package org.banzi.orglife;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.banzi.audit.ImportAudit;
import org.banzi.audit.ImportChanges;
import org.banzi.organization.Scope;
import org.banzi.organization.Units;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.db.BulkStatistics;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport.Row;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The five imports of organizational life. Each reads the sheet, checks every row as the forms do (same checks, same
 * messages), refuses the whole file with every error by row and column, or writes every row in one transaction,
 * matching existing records by their natural keys so that importing the same file again changes nothing.
 */
@Service
public class OrgLifeImporter {

	public static final List<Column> MEETING_COLUMNS = List.of(Column.required("unit_code", "单位编码"), Column.required("kind", "会议类型").choices(MeetingKind.class),
			Column.required("date", "日期", "会议日期").date(), Column.required("topic", "主题", "会议主题"),
			Column.optional("topic_reported_on", "主题报告日期").date(), Column.optional("attendees", "参加人员"),
			Column.optional("absent", "缺席人员"), Column.optional("opinions_solicited", "征求意见条数").number(),
			Column.optional("report_submitted_on", "情况报告日期").date());
	public static final List<Column> TALK_COLUMNS = List.of(Column.required("unit_code", "单位编码"), Column.required("date", "日期").date(),
			Column.required("from_cadre_no", "谈话人编号"), Column.required("to_cadre_no", "谈话对象编号"), Column.optional("topic", "主题"));
	public static final List<Column> ITEM_COLUMNS = List.of(Column.required("code", "编号", "整改编号"), Column.required("unit_code", "单位编码"),
			Column.required("source", "来源").choices(RectificationSource.class), Column.required("found_on", "发现日期").date(), Column.required("problem", "问题"),
			Column.required("owner_cadre_no", "责任人编号"), Column.required("deadline", "整改时限").date(), Column.optional("measures", "整改措施"),
			Column.optional("completed_on", "完成日期").date(), Column.optional("verified_on", "验收日期").date());
	public static final List<Column> DECISION_COLUMNS = List.of(Column.required("unit_code", "单位编码"), Column.required("meeting", "会议").choices(DecisionMeeting.class),
			Column.required("date", "日期").date(), Column.required("category", "类别").choices(DecisionCategory.class), Column.required("matter", "议题", "事项"),
			Column.required("expected", "应到人数").number(), Column.required("present", "实到人数").number(), Column.required("votes_for", "赞成票").number(),
			Column.optional("votes_against", "反对票").number(), Column.optional("abstentions", "弃权票").number(), Column.optional("amount", "金额").number(),
			Column.optional("cadre_nos", "涉及干部编号"), Column.optional("dissent", "不同意见"));
	public static final List<Column> NOTIFICATION_COLUMNS = List.of(Column.required("unit_code", "单位编码"), Column.required("date", "日期").date(),
			Column.required("audience", "通报对象"), Column.required("attendance", "参加人数").number(), Column.optional("opinions", "收到意见"));

	private final TabularReader reader;
	private final MessageSource messages;
	private final OrgLifeChecks checks;
	private final OrgLifeRepository repository;
	private final OrgLifeService service;
	private final Units units;
	private final ImportAudit imports;
	private final BulkStatistics statistics;

	OrgLifeImporter(TabularReader reader, MessageSource messages, OrgLifeChecks checks, OrgLifeRepository repository,
			OrgLifeService service, Units units, ImportAudit imports, BulkStatistics statistics) {
		this.reader = reader;
		this.messages = messages;
		this.checks = checks;
		this.repository = repository;
		this.service = service;
		this.units = units;
		this.imports = imports;
		this.statistics = statistics;
	}

	/** The import of a kind by its name in URLs ({@code life-meetings}, ...). */
	public ImportReport importKind(String kind, CurrentUser user, String filename, byte[] content, Locale locale) {
		return switch (kind) {
			case "life-meetings" -> importMeetings(user, filename, content, locale);
			case "talks" -> importTalks(user, filename, content, locale);
			case "rectifications" -> importItems(user, filename, content, locale);
			case "decisions" -> importDecisions(user, filename, content, locale);
			case "notification-meetings" -> importNotifications(user, filename, content, locale);
			default -> throw new org.banzi.platform.NotFoundException("import.kind.unknown", kind);
		};
	}

	static List<Column> columns(String kind) {
		return switch (kind) {
			case "talks" -> TALK_COLUMNS;
			case "rectifications" -> ITEM_COLUMNS;
			case "decisions" -> DECISION_COLUMNS;
			case "notification-meetings" -> NOTIFICATION_COLUMNS;
			default -> MEETING_COLUMNS;
		};
	}

	@Transactional
	public ImportReport importMeetings(CurrentUser user, String filename, byte[] content, Locale locale) {
		Map<Long, Map<String, LifeMeeting>> existing = new HashMap<>();
		return run(user, "life-meeting", filename, content, MEETING_COLUMNS, locale,
				row -> checks.meeting(user, new OrgLifeChecks.MeetingInput(row.text("unit_code"), row.text("kind"), row.date("date"),
						row.text("topic"), row.date("topic_reported_on"), row.integer("opinions_solicited"),
						row.date("report_submitted_on"), row.list("attendees"), absent(row.list("absent")), Map.of())),
				record -> record.meeting().unitId() + "|" + record.meeting().kind() + "|" + record.meeting().date(), "date",
				(valid, changes) -> {
					int[] counts = new int[3];
					Map<Long, String> codes = new HashMap<>();
					Set<Long> touched = new HashSet<>();
					for (OrgLifeChecks.MeetingRecord record : valid) {
						LifeMeeting m = record.meeting();
						LifeMeeting current = existing.computeIfAbsent(m.unitId(), repository::findMeetings).get(m.kind() + "|" + m.date());
						touched.add(m.unitId());
						String key = code(codes, m.unitId()) + "|" + m.kind() + "|" + m.date();
						if (current == null) {
							repository.replaceAttendance(repository.insertMeeting(m, user.username()), record.attendees());
							changes.inserted(key, OrgLifeService.snapshot(m, record.attendees()));
							counts[0]++;
						}
						else if (!sameMeeting(current, m) || !new HashSet<>(repository.attendance(current.id()))
							.equals(new HashSet<>(record.attendees()))) {
							List<LifeMeeting.Attendee> before = repository.attendance(current.id());
							repository.updateMeeting(current.id(), m);
							repository.replaceAttendance(current.id(), record.attendees());
							changes.updated(key, OrgLifeService.snapshot(current, before), OrgLifeService.snapshot(m, record.attendees()));
							counts[1]++;
						}
						else {
							counts[2]++;
						}
					}
					service.refreshReviews(touched);
					return counts;
				}, "life_meeting", "life_meeting_attendance");
	}

	private static boolean sameMeeting(LifeMeeting a, LifeMeeting b) {
		return a.topic().equals(b.topic()) && Objects.equals(a.topicReportedOn(), b.topicReportedOn())
				&& a.opinionsSolicited() == b.opinionsSolicited() && Objects.equals(a.reportSubmittedOn(), b.reportSubmittedOn());
	}

	/** {@code number:reason} pairs; a number without a reason is absent with none given. */
	private static Map<String, String> absent(List<String> entries) {
		Map<String, String> absent = new LinkedHashMap<>();
		for (String entry : entries) {
			String[] parts = entry.split("[:：]", 2);
			absent.put(parts[0].strip(), parts.length > 1 ? parts[1].strip() : "");
		}
		return absent;
	}

	@Transactional
	public ImportReport importTalks(CurrentUser user, String filename, byte[] content, Locale locale) {
		return run(user, "heart-talk", filename, content, TALK_COLUMNS, locale,
				row -> checks.talk(user, new OrgLifeChecks.TalkInput(row.text("unit_code"), row.date("date"), row.text("from_cadre_no"),
						row.text("to_cadre_no"), row.text("topic"))),
				t -> OrgLifeRepository.talkKey(t.unitId(), t.date(), t.fromCadreId(), t.toCadreId()), "date",
				(valid, changes) -> {
					Map<String, OrgLifeRepository.Talk> existing = repository.findTalks(
							valid.stream().map(OrgLifeChecks.TalkRecord::unitId).distinct().toList());
					int[] counts = new int[3];
					List<OrgLifeChecks.TalkRecord> added = new java.util.ArrayList<>();
					for (OrgLifeChecks.TalkRecord t : valid) {
						OrgLifeRepository.Talk current = existing.get(OrgLifeRepository.talkKey(t.unitId(), t.date(), t.fromCadreId(),
								t.toCadreId()));
						String key = OrgLifeRepository.talkKey(t.unitId(), t.date(), t.fromCadreId(), t.toCadreId());
						if (current == null) {
							added.add(t);
							changes.inserted(key, Map.of("topic", t.topic()));
							counts[0]++;
						}
						else if (!current.topic().equals(t.topic())) {
							repository.updateTalkTopic(current.id(), t.topic());
							changes.updated(key, Map.of("topic", current.topic()), Map.of("topic", t.topic()));
							counts[1]++;
						}
						else {
							counts[2]++;
						}
					}
					repository.insertTalks(added, user.username());
					return counts;
				}, "heart_talk");
	}

	@Transactional
	public ImportReport importItems(CurrentUser user, String filename, byte[] content, Locale locale) {
		Scope scope = units.scopeOf(user);
		Map<String, RectificationItem> existing = new HashMap<>();
		return run(user, "rectification-item", filename, content, ITEM_COLUMNS, locale,
				row -> {
					Checked<RectificationItem> checked = checks.item(user, new OrgLifeChecks.ItemInput(row.text("code"), row.text("unit_code"),
							row.text("source"), "", row.date("found_on"), row.text("problem"), row.text("measures"),
							row.text("owner_cadre_no"), row.date("deadline"), row.date("completed_on"), row.date("verified_on")));
					RectificationItem current = checked.value() == null ? null
							: repository.findItemsByCodes(List.of(checked.value().code())).get(checked.value().code());
					if (current != null && !units.findById(current.unitId()).map(scope::contains).orElse(false)) {
						return Checked.refused(new FieldProblem("code", "orglife.item.codeTaken", current.code()));
					}
					if (current != null) {
						existing.put(current.code(), current);
					}
					return checked;
				},
				RectificationItem::code, "code",
				(valid, changes) -> {
					int[] counts = new int[3];
					Set<Long> touched = new HashSet<>();
					for (RectificationItem item : valid) {
						RectificationItem current = existing.get(item.code());
						touched.add(item.unitId());
						if (current == null) {
							long id = repository.insertItem(item, user.username());
							repository.history(id, "CREATED", item.foundOn(), user.username(), item.problem());
							steps(id, null, item, user);
							changes.inserted(item.code(), OrgLifeService.snapshot(item));
							counts[0]++;
						}
						else {
							RectificationItem merged = new RectificationItem(current.id(), item.code(), item.unitId(), item.source(),
									current.sourceRef(), item.foundOn(), item.problem(), item.measures(), item.ownerCadreId(), item.deadline(),
									item.completedOn(), current.completionNote(), item.verifiedOn(),
									Objects.equals(item.verifiedOn(), current.verifiedOn()) ? current.verifiedBy() : item.verifiedBy());
							if (merged.equals(current)) {
								counts[2]++;
								continue;
							}
							touched.add(current.unitId());
							repository.updateItem(merged);
							repository.history(current.id(), "CHANGED", checks.today(), user.username(), "");
							steps(current.id(), current, merged, user);
							changes.updated(item.code(), OrgLifeService.snapshot(current), OrgLifeService.snapshot(merged));
							counts[1]++;
						}
					}
					service.refreshReviews(touched);
					return counts;
				}, "rectification_item", "rectification_history");
	}

	/** The completion and verification an imported row brings, in the item's history. */
	private void steps(long id, @Nullable RectificationItem before, RectificationItem after, CurrentUser user) {
		if (after.completedOn() != null && (before == null || !after.completedOn().equals(before.completedOn()))) {
			repository.history(id, "COMPLETED", after.completedOn(), user.username(), "");
		}
		if (after.verifiedOn() != null && (before == null || !after.verifiedOn().equals(before.verifiedOn()))) {
			repository.history(id, "VERIFIED", after.verifiedOn(), user.username(), "");
		}
	}

	@Transactional
	public ImportReport importDecisions(CurrentUser user, String filename, byte[] content, Locale locale) {
		return run(user, "collective-decision", filename, content, DECISION_COLUMNS, locale,
				row -> checks.decision(user, new OrgLifeChecks.DecisionInput(row.text("unit_code"), row.text("meeting"), row.date("date"),
						row.text("category"), row.text("matter"), row.integer("expected"), row.integer("present"), row.integer("votes_for"),
						row.integer("votes_against"), row.integer("abstentions"), row.decimal("amount"), row.list("cadre_nos"),
						row.text("dissent"))),
				d -> OrgLifeRepository.decisionKey(d.unitId(), d.date(), d.matter()), "matter",
				(valid, changes) -> {
					Map<String, CollectiveDecision> existing = repository.findDecisions(
							valid.stream().map(CollectiveDecision::unitId).distinct().toList());
					int[] counts = new int[3];
					Map<Long, String> codes = new HashMap<>();
					for (CollectiveDecision d : valid) {
						CollectiveDecision current = existing.get(OrgLifeRepository.decisionKey(d.unitId(), d.date(), d.matter()));
						String key = code(codes, d.unitId()) + "|" + d.date() + "|" + d.matter();
						if (current == null) {
							repository.insertDecision(d, user.username());
							changes.inserted(key, OrgLifeService.snapshot(d));
							counts[0]++;
						}
						else if (!OrgLifeService.snapshot(current).equals(OrgLifeService.snapshot(d)) || !current.dissent().equals(d.dissent())) {
							repository.updateDecision(current.id(), d);
							changes.updated(key, OrgLifeService.snapshot(current), OrgLifeService.snapshot(d));
							counts[1]++;
						}
						else {
							counts[2]++;
						}
					}
					return counts;
				}, "collective_decision", "decision_cadre");
	}

	@Transactional
	public ImportReport importNotifications(CurrentUser user, String filename, byte[] content, Locale locale) {
		return run(user, "notification-meeting", filename, content, NOTIFICATION_COLUMNS, locale,
				row -> checks.notification(user, new OrgLifeChecks.NotificationInput(row.text("unit_code"), row.date("date"),
						row.list("audience"), row.integer("attendance"), row.text("opinions"))),
				n -> n.unitId() + "|" + n.date(), "date",
				(valid, changes) -> {
					Map<String, OrgLifeRepository.Notification> existing = repository.findNotifications(
							valid.stream().map(OrgLifeRepository.Notification::unitId).distinct().toList());
					int[] counts = new int[3];
					Map<Long, String> codes = new HashMap<>();
					for (OrgLifeRepository.Notification n : valid) {
						OrgLifeRepository.Notification current = existing.get(n.unitId() + "|" + n.date());
						String key = code(codes, n.unitId()) + "|" + n.date();
						if (current == null) {
							repository.insertNotification(n, user.username());
							changes.inserted(key, OrgLifeService.snapshot(n));
							counts[0]++;
						}
						else if (!current.audiences().equals(n.audiences()) || current.attendance() != n.attendance()
								|| !current.opinions().equals(n.opinions())) {
							repository.updateNotification(current.id(), n);
							changes.updated(key, OrgLifeService.snapshot(current), OrgLifeService.snapshot(n));
							counts[1]++;
						}
						else {
							counts[2]++;
						}
					}
					return counts;
				}, "notification_meeting");
	}

	/** Writes the checked rows, noting each inserted or updated one: {@code {inserted, updated, unchanged}}. */
	private interface Writer<T> {
		int[] write(List<T> rows, ImportChanges changes);
	}

	/** Reads and checks the sheet (the shape every import shares), then writes it all or refuses it all. */
	private <T> ImportReport run(CurrentUser user, String kind, String filename, byte[] content, List<Column> columns,
			Locale locale, Function<Row, Checked<T>> check, Function<T, String> key, String keyColumn, Writer<T> writer,
			String... tables) {
		SheetImport.Rows<T> rows = SheetImport.check(ParsedSheet.read(reader, messages, filename, content, columns, locale), check, key,
				keyColumn);
		if (rows.refused()) {
			return imports.refused(kind, filename, rows.errors());
		}
		ImportChanges changes = new ImportChanges();
		int[] counts = writer.write(rows.valid(), changes);
		statistics.afterBulkWrite(counts[0] + counts[1], tables);
		return imports.done(kind, filename, units.scopeOf(user).rootId(), changes, counts[2]);
	}

	/** A unit's code for the trail's row keys, each unit looked up once per import. */
	private String code(Map<Long, String> codes, long unitId) {
		return codes.computeIfAbsent(unitId,
				id -> units.findById(id).map(org.banzi.organization.Unit::code).orElse(String.valueOf(id)));
	}
}
