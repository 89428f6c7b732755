package org.banzi.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.banzi.audit.ImportAudit;
import org.banzi.audit.ImportChanges;
import org.banzi.organization.UnitType;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportErrors;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.Labelled;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports rule versions. A row matches a version by rule, target, unit and start date: the same content is
 * unchanged, other content corrects it; a new start date adds a version, which must start after the latest one.
 */
@Service
class RuleImporter {

	/** What a version may be given for, as the template offers it: a unit type, a rank level, or everyone. */
	static final String EVERYONE = "全部";
	static final List<Column> COLUMNS = List.of(Column.required("rule_key", "规则"),
			Column.required("applies_to", "适用对象").choices(Stream.of(Column.labelsOf(UnitType.class), Column.labelsOf(RankLevel.class),
					List.of(EVERYONE)).flatMap(List::stream).toList()), Column.optional("unit_code", "单位编码"), Column.required("value", "值"),
			Column.required("effective_from", "生效日期").date(), Column.optional("effective_to", "失效日期").date(),
			Column.required("source_title", "依据文件"), Column.optional("source_article", "条款"),
			Column.optional("note", "说明"));

	private final TabularReader reader;
	private final RuleService service;
	private final RuleRepository repository;
	private final ImportAudit imports;
	private final MessageSource messages;

	RuleImporter(TabularReader reader, RuleService service, RuleRepository repository, ImportAudit imports,
			MessageSource messages) {
		this.reader = reader;
		this.service = service;
		this.repository = repository;
		this.imports = imports;
		this.messages = messages;
	}

	private record Row(int number, RuleRepository.NewVersion version) {
		String group() {
			return version.key() + "|" + version.appliesTo() + "|" + version.unitId();
		}
	}

	/** The code of a target given as its code or as its label ({@code 乡镇}, {@code 县处级}, {@code 全部}). */
	static String target(String text) {
		if (EVERYONE.equals(text.strip())) {
			return "ALL";
		}
		return UnitType.parse(text).map(Enum::name)
			.or(() -> Labelled.parse(RankLevel.class, text).map(Enum::name))
			.orElse(text.strip().toUpperCase(Locale.ROOT));
	}

	@Transactional
	ImportReport importFile(CurrentUser user, String filename, byte[] content, Locale locale) {
		ParsedSheet sheet = ParsedSheet.read(reader, messages, filename, content, COLUMNS, locale);
		SheetImport.Rows<Row> checked = SheetImport.check(sheet, row -> {
			if (row.text("effective_from").isEmpty()) {
				return Checked.refused(new FieldProblem("effective_from", "rule.from.required"));
			}
			LocalDate from = row.date("effective_from");
			LocalDate to = row.date("effective_to");
			if (from == null || (to == null && !row.text("effective_to").isEmpty())) {
				return Checked.refused(List.of());
			}
			var result = service.check(user, new RuleService.Request(row.text("rule_key"),
					target(row.text("applies_to")), row.text("unit_code"), row.text("value"), from, to,
					row.text("source_title"), row.text("source_article"), row.text("note")));
			if (result instanceof RuleService.Invalid invalid) {
				return Checked.refused(new FieldProblem(column(invalid.field()), invalid.messageKey(), invalid.arguments()));
			}
			return Checked.of(new Row(row.number(), ((RuleService.Valid) result).version()));
		}, row -> row.group() + "|" + row.version().from(), "effective_from", "rule.import.duplicate");
		ImportErrors errors = checked.errors();
		if (checked.refused()) {
			return imports.refused(RuleService.AUDIT_TYPE, filename, errors);
		}
		List<Row> rows = new ArrayList<>(checked.valid());
		List<Row> additions = new ArrayList<>();
		List<Map.Entry<AppliedRule, Row>> corrections = new ArrayList<>();
		int unchanged = 0;
		Map<String, LocalDate> latestStart = new HashMap<>();
		rows.sort(Comparator.comparing((Row row) -> row.version().from()));
		for (Row row : rows) {
			RuleRepository.NewVersion version = row.version();
			List<AppliedRule> existing = repository.versions(version.key(), version.appliesTo(), version.unitId());
			AppliedRule same = existing.stream().filter(v -> v.effectiveFrom().equals(version.from())).findFirst().orElse(null);
			if (same != null) {
				if (RuleService.sameContent(same, version)) {
					unchanged++;
				}
				else {
					corrections.add(Map.entry(same, row));
				}
				continue;
			}
			LocalDate latest = latestStart.computeIfAbsent(row.group(),
					group -> existing.isEmpty() ? null : existing.get(existing.size() - 1).effectiveFrom());
			if (latest != null && !version.from().isAfter(latest)) {
				errors.add(row.number(), "effective_from", "rule.from.notAfterLatest", latest);
				continue;
			}
			latestStart.put(row.group(), version.from());
			additions.add(row);
		}
		if (!errors.isEmpty()) {
			return imports.refused(RuleService.AUDIT_TYPE, filename, errors);
		}
		ImportChanges changes = new ImportChanges();
		corrections.forEach(entry -> {
			service.correct(entry.getKey(), entry.getValue().version());
			changes.updated(entry.getValue().group() + "|" + entry.getValue().version().from(), ruleValues(entry.getKey()),
					ImportChanges.values(entry.getValue().version()));
		});
		additions.forEach(row -> {
			service.addVersion(row.version());
			changes.inserted(row.group() + "|" + row.version().from(), ImportChanges.values(row.version()));
		});
		return imports.done(RuleService.AUDIT_TYPE, filename, null, changes, unchanged);
	}

	/** A stored version's content, as the trail keeps an imported one. */
	private static java.util.Map<String, Object> ruleValues(AppliedRule rule) {
		java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
		values.put("value", rule.formattedValue());
		values.put("from", String.valueOf(rule.effectiveFrom()));
		values.put("to", String.valueOf(rule.effectiveTo()));
		values.put("sourceTitle", rule.sourceTitle());
		values.put("sourceArticle", rule.sourceArticle());
		return values;
	}

	private static String column(String field) {
		return switch (field) {
			case "key" -> "rule_key";
			case "appliesTo" -> "applies_to";
			case "unitCode" -> "unit_code";
			case "from" -> "effective_from";
			case "to" -> "effective_to";
			case "sourceTitle" -> "source_title";
			default -> Objects.requireNonNull(field);
		};
	}
}
