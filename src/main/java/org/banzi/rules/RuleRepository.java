package org.banzi.rules;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RuleRepository {

	private static final String VERSIONS = """
			SELECT v.*, d.comparison, d.measure FROM rule_value v JOIN rule_definition d ON d.key = v.rule_key
			""";

	private final JdbcClient jdbc;

	RuleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<RuleDefinition> definitions() {
		return jdbc.sql("SELECT * FROM rule_definition ORDER BY sort_order")
			.query((rs, n) -> new RuleDefinition(rs.getString("key"), Comparison.valueOf(rs.getString("comparison")),
					Measure.valueOf(rs.getString("measure")), AppliesKind.valueOf(rs.getString("applies_kind")),
					rs.getInt("sort_order")))
			.list();
	}

	List<AppliedRule> allVersions() {
		return jdbc.sql(VERSIONS + " ORDER BY v.rule_key, v.applies_to, v.effective_from").query(RuleRepository::map).list();
	}

	static AppliedRule map(ResultSet rs, int row) throws SQLException {
		return new AppliedRule(rs.getLong("id"), rs.getString("rule_key"), Comparison.valueOf(rs.getString("comparison")),
				Measure.valueOf(rs.getString("measure")), rs.getString("applies_to"), rs.getBigDecimal("value"),
				rs.getBigDecimal("denominator"), rs.getObject("effective_from", LocalDate.class),
				rs.getObject("effective_to", LocalDate.class), rs.getString("source_title"), rs.getString("source_article"),
				rs.getString("note"), rs.getObject("unit_id", Long.class), rs.getString("created_by"),
				rs.getTimestamp("created_at").toInstant());
	}

	/** The versions of one rule for one target and one place (a unit, or the default when null), oldest first. */
	List<AppliedRule> versions(String key, String appliesTo, @Nullable Long unitId) {
		return jdbc.sql(VERSIONS + " WHERE v.rule_key = :key AND v.applies_to = :target"
				+ " AND COALESCE(v.unit_id, 0) = COALESCE(:unit, 0) ORDER BY v.effective_from")
			.param("key", key)
			.param("target", appliesTo)
			.param("unit", unitId, java.sql.Types.BIGINT)
			.query(RuleRepository::map)
			.list();
	}

	Optional<AppliedRule> findById(long id) {
		return jdbc.sql(VERSIONS + " WHERE v.id = ?").param(id).query(RuleRepository::map).optional();
	}

	record NewVersion(String key, String appliesTo, @Nullable Long unitId, BigDecimal value, BigDecimal denominator,
			LocalDate from, @Nullable LocalDate to, String sourceTitle, String sourceArticle, String note) {
	}

	long insert(NewVersion version, String createdBy) {
		return jdbc.sql("""
				INSERT INTO rule_value (rule_key, applies_to, unit_id, value, denominator, effective_from, effective_to,
				                        source_title, source_article, note, created_by)
				VALUES (:key, :target, :unit, :value, :denominator, :from, :to, :title, :article, :note, :by)
				RETURNING id
				""")
			.param("key", version.key())
			.param("target", version.appliesTo())
			.param("unit", version.unitId(), java.sql.Types.BIGINT)
			.param("value", version.value())
			.param("denominator", version.denominator())
			.param("from", version.from())
			.param("to", version.to(), java.sql.Types.DATE)
			.param("title", version.sourceTitle())
			.param("article", version.sourceArticle())
			.param("note", version.note())
			.param("by", createdBy)
			.query(Long.class)
			.single();
	}

	void close(long id, LocalDate to) {
		jdbc.sql("UPDATE rule_value SET effective_to = ? WHERE id = ?").params(to, id).update();
	}

	void correct(long id, NewVersion version) {
		jdbc.sql("""
				UPDATE rule_value SET value = :value, denominator = :denominator, effective_to = :to, source_title = :title,
				       source_article = :article, note = :note WHERE id = :id
				""")
			.param("value", version.value())
			.param("denominator", version.denominator())
			.param("to", version.to(), java.sql.Types.DATE)
			.param("title", version.sourceTitle())
			.param("article", version.sourceArticle())
			.param("note", version.note())
			.param("id", id)
			.update();
	}
}
