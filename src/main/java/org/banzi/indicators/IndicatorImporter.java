package org.banzi.indicators;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.audit.ImportAudit;
import org.banzi.audit.ImportChanges;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.Checked;
import org.banzi.platform.CurrentUser;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.ParsedSheet;
import org.banzi.platform.tabular.SheetImport;
import org.banzi.platform.tabular.TabularReader;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The import of development indicators, matched by unit, year and indicator: the whole file refused with every error
 * by row and column, or every row written in one transaction; importing the same file again changes nothing.
 */
@Service
public class IndicatorImporter {

	static final List<String> MEASURES = List.of("元", "万元", "个");
	public static final List<Column> COLUMNS = List.of(Column.required("unit_code", "单位编码"), Column.required("year", "年度").number(),
			Column.required("indicator", "指标"), Column.required("value", "数值").number(), Column.required("unit_of_measure", "计量单位").choices(MEASURES),
			Column.required("source", "来源"), Column.required("published_on", "发布日期").date());
	static final int SOURCE_MAX = 200;

	private final TabularReader reader;
	private final MessageSource messages;
	private final IndicatorRepository repository;
	private final Units units;
	private final ImportAudit imports;
	private final Clock clock;

	IndicatorImporter(TabularReader reader, MessageSource messages, IndicatorRepository repository, Units units, ImportAudit imports,
			Clock clock) {
		this.reader = reader;
		this.messages = messages;
		this.repository = repository;
		this.units = units;
		this.imports = imports;
		this.clock = clock;
	}

	record Input(String unitCode, @Nullable Integer year, String indicator, @Nullable BigDecimal value, String unitOfMeasure, String source,
			@Nullable LocalDate publishedOn) {
	}

	Checked<IndicatorRepository.Entry> check(CurrentUser user, Input in) {
		List<FieldProblem> problems = new ArrayList<>();
		Unit unit = units.findInScope(user, in.unitCode()).orElse(null);
		if (unit == null) {
			problems.add(new FieldProblem("unit_code", "unit.notFound", in.unitCode()));
		}
		LocalDate today = LocalDate.now(clock);
		Integer year = in.year();
		if (year == null) {
			problems.add(new FieldProblem("year", "indicator.year.required"));
		}
		else if (year < 1949 || year > today.getYear()) {
			problems.add(new FieldProblem("year", "indicator.year.invalid", year));
		}
		Indicator indicator = Indicator.parse(in.indicator(), chineseNames()).orElse(null);
		if (indicator == null) {
			problems.add(new FieldProblem("indicator", "indicator.unknown", in.indicator(), String.join(", ",
					Arrays.stream(Indicator.values()).map(Indicator::name).toList())));
		}
		BigDecimal value = in.value();
		if (value == null) {
			problems.add(new FieldProblem("value", "indicator.value.required"));
		}
		else if (value.signum() < 0) {
			problems.add(new FieldProblem("value", "indicator.value.negative"));
		}
		else if (value.scale() > 2 || value.precision() - value.scale() > 18) {
			problems.add(new FieldProblem("value", "indicator.value.precision"));
		}
		String measure = in.unitOfMeasure().strip();
		if (!MEASURES.contains(measure)) {
			problems.add(new FieldProblem("unit_of_measure", "indicator.measure.unknown", measure, String.join("、", MEASURES)));
		}
		else if (indicator != null && !indicator.measure().equals(measure)) {
			problems.add(new FieldProblem("unit_of_measure", "indicator.measure.mismatch", measure, indicator.measure()));
		}
		String source = in.source().strip();
		if (source.isEmpty()) {
			problems.add(new FieldProblem("source", "indicator.source.required"));
		}
		else if (source.length() > SOURCE_MAX) {
			problems.add(new FieldProblem("source", "indicator.source.tooLong", SOURCE_MAX));
		}
		LocalDate published = in.publishedOn();
		if (published == null) {
			problems.add(new FieldProblem("published_on", "indicator.published.required"));
		}
		else if (published.isAfter(today)) {
			problems.add(new FieldProblem("published_on", "indicator.published.future"));
		}
		if (!problems.isEmpty() || unit == null || year == null || indicator == null || value == null || published == null) {
			return Checked.refused(problems);
		}
		return Checked.of(new IndicatorRepository.Entry(0, unit.id(), year, indicator, value, measure, source, published));
	}

	/** The indicators by the Chinese names the import accepts, as the message {@code indicator.<CODE>} gives them. */
	private List<String> chineseNames() {
		return Arrays.stream(Indicator.values())
			.map(i -> messages.getMessage("indicator." + i, null, i.name(), Locale.SIMPLIFIED_CHINESE)).toList();
	}

	/** The columns as the template offers them: the indicator chosen by its Chinese name. */
	List<Column> templateColumns() {
		List<String> names = chineseNames();
		return COLUMNS.stream().map(column -> "indicator".equals(column.name()) ? column.choices(names) : column).toList();
	}

	@Transactional
	public ImportReport importFile(CurrentUser user, String filename, byte[] content, Locale locale) {
		SheetImport.Rows<IndicatorRepository.Entry> rows = SheetImport.check(
				ParsedSheet.read(reader, messages, filename, content, COLUMNS, locale),
				row -> check(user, new Input(row.text("unit_code"), row.integer("year"), row.text("indicator"), row.decimal("value"),
						row.text("unit_of_measure"), row.text("source"), row.date("published_on"))),
				IndicatorRepository.Entry::key, "indicator");
		if (rows.refused()) {
			return imports.refused("indicator", filename, rows.errors());
		}
		Map<String, IndicatorRepository.Entry> existing = repository
			.find(rows.valid().stream().map(IndicatorRepository.Entry::unitId).distinct().toList());
		ImportChanges changes = new ImportChanges();
		int unchanged = 0;
		for (IndicatorRepository.Entry entry : rows.valid()) {
			IndicatorRepository.Entry current = existing.get(entry.key());
			if (current == null) {
				repository.insert(entry, user.username());
				changes.inserted(entry.key(), entry.snapshot());
			}
			else if (!current.sameAs(entry)) {
				repository.update(current.id(), entry);
				changes.updated(entry.key(), current.snapshot(), entry.snapshot());
			}
			else {
				unchanged++;
			}
		}
		return imports.done("indicator", filename, units.scopeOf(user).rootId(), changes, unchanged);
	}
}
