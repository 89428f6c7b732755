package org.banzi.cadres;

import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.TabularWriter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Exports the registry (ID numbers masked, as everywhere) and the tenure flags; hands out import templates. */
@Service
class CadreExporter {

	private final CadreRepository repository;
	private final Units units;
	private final AuditTrail audit;

	CadreExporter(CadreRepository repository, Units units, AuditTrail audit) {
		this.repository = repository;
		this.units = units;
		this.audit = audit;
	}

	@Transactional
	void cadres(CadreRepository.Search search, TabularWriter.Format format, Locale locale, OutputStream out) {
		Map<Long, String> codes = new HashMap<>();
		int[] count = { 0 };
		TabularWriter.write(format, headers(CadreImporter.CADRE_COLUMNS, locale), sink -> repository.forEachInScope(search,
				cadre -> {
					String unit = codes.computeIfAbsent(cadre.homeUnitId(), id -> units.findById(id).map(Unit::code).orElse(""));
					sink.accept(List.of(cadre.cadreNo(), cadre.name(), String.valueOf(cadre.gender()), cadre.birthDate(),
							cadre.rank().name(), unit, cadre.idNumberMasked(), cadre.ethnicity(), cadre.education(),
							cadre.partyDate() == null ? "" : cadre.partyDate(), cadre.rankSince() == null ? "" : cadre.rankSince()));
					count[0]++;
				}), out);
		audit.record(AuditEntry.success("export", "cadre", null, search.scope().rootId(),
				Map.of("format", format.name(), "rows", count[0])));
	}

	@Transactional
	void flags(List<TenureFlag> flags, long scopeRoot, TabularWriter.Format format, Locale locale, OutputStream out) {
		boolean zh = "zh".equals(locale.getLanguage());
		List<String> header = zh ? List.of("干部编号", "姓名", "单位编码", "单位", "职务", "任职时间", "年限/任期", "规则", "阈值", "依据")
				: List.of("cadre_no", "name", "unit_code", "unit", "title", "since", "measured", "rule", "threshold", "source");
		TabularWriter.write(format, header, sink -> flags.forEach(flag -> sink.accept(List.of(flag.cadreNo(), flag.cadreName(),
				flag.unitCode(), flag.unitName(), flag.title(), flag.since(), flag.measured().toPlainString(), flag.ruleKey(),
				flag.evaluation().rule().formattedValue(), flag.evaluation().rule().citation()))), out);
		audit.record(AuditEntry.success("export", "tenure-flag", null, scopeRoot,
				Map.of("format", format.name(), "rows", flags.size())));
	}

	static List<String> headers(List<Column> columns, Locale locale) {
		return columns.stream().map(column -> column.header(locale)).toList();
	}
}
