package org.banzi.indicators;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.organization.Scope;
import org.banzi.organization.Units;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code development_indicator}. */
@Repository
class IndicatorRepository {

	/** One indicator of a unit for a year, as the statistics office published it. */
	public record Entry(long id, long unitId, int year, Indicator indicator, BigDecimal value, String unitOfMeasure, String source,
			LocalDate publishedOn) {

		String key() {
			return unitId + "|" + year + "|" + indicator;
		}

		boolean sameAs(Entry other) {
			return value.compareTo(other.value) == 0 && unitOfMeasure.equals(other.unitOfMeasure) && source.equals(other.source)
					&& publishedOn.equals(other.publishedOn);
		}

		Map<String, Object> snapshot() {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("value", value.toPlainString());
			map.put("unitOfMeasure", unitOfMeasure);
			map.put("source", source);
			map.put("publishedOn", publishedOn);
			return map;
		}
	}

	/** An entry as listed, with its unit's code and name. */
	public record Row(Entry entry, String unitCode, String unitName) {
	}

	private final JdbcClient jdbc;

	IndicatorRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Entry(rs.getLong("id"), rs.getLong("unit_id"), rs.getInt("year"), Indicator.valueOf(rs.getString("indicator")),
				rs.getBigDecimal("value"), rs.getString("unit_of_measure"), rs.getString("source"), rs.getObject("published_on", LocalDate.class));
	}

	Map<String, Entry> find(Collection<Long> unitIds) {
		Map<String, Entry> found = new HashMap<>();
		if (!unitIds.isEmpty()) {
			jdbc.sql("SELECT * FROM development_indicator WHERE unit_id IN (:units)").param("units", unitIds)
				.query((rs, n) -> entry(rs)).list().forEach(e -> found.put(e.key(), e));
		}
		return found;
	}

	void insert(Entry e, String actor) {
		jdbc.sql("""
				INSERT INTO development_indicator (unit_id, year, indicator, value, unit_of_measure, source, published_on, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(e.unitId(), e.year(), e.indicator().name(), e.value(), e.unitOfMeasure(), e.source(), e.publishedOn(), actor).update();
	}

	void update(long id, Entry e) {
		jdbc.sql("""
				UPDATE development_indicator SET value = ?, unit_of_measure = ?, source = ?, published_on = ?, updated_at = now()
				 WHERE id = ?""")
			.params(e.value(), e.unitOfMeasure(), e.source(), e.publishedOn(), id).update();
	}

	/** The entries of the scope for a year and the year before, units in tree order. */
	List<Row> rows(Scope scope, int fromYear, int toYear) {
		return jdbc.sql("""
				SELECT d.*, u.code, u.name AS unit_name
				  FROM development_indicator d JOIN (""" + Units.UNITS + """
				  ) u ON u.id = d.unit_id
				 WHERE d.year BETWEEN :fromYear AND :toYear AND d.unit_id IN (""" + Scope.UNIT_IDS + """
				) ORDER BY u.path, d.year DESC, d.indicator""")
			.params(scope.parameters()).param("fromYear", fromYear).param("toYear", toYear)
			.query((rs, n) -> new Row(entry(rs), rs.getString("code"), rs.getString("unit_name")))
			.list();
	}
}
