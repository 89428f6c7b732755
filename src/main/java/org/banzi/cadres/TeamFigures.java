package org.banzi.cadres;

import java.time.LocalDate;
import java.util.List;

import org.banzi.organization.Scope;
import org.banzi.organization.UnitType;
import org.banzi.organization.Units;
import org.banzi.platform.db.Memo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The team and exchange figures of the annual summary. */
@Service
public class TeamFigures {

	/** The tables the figures are counted from: a change to one of them counts the kept figures again. */
	private static final List<String> TABLES = List.of("team_membership", "post", "org_unit");

	private final JdbcClient jdbc;
	private final Memo memo;

	TeamFigures(JdbcClient jdbc, Memo memo) {
		this.jdbc = jdbc;
		this.memo = memo;
	}

	/** Teams of units of this type in the scope whose membership changed (someone joined or left) in the year. */
	@Transactional(readOnly = true)
	public long teamsAdjusted(Scope scope, UnitType type, int year) {
		return memo.remember(List.of(TeamFigures.class, "teamsAdjusted", scope, type, year), TABLES, () -> jdbc.sql("""
				SELECT count(DISTINCT a.unit_id) FROM team_adjustment a JOIN (%s) u ON u.id = a.unit_id
				 WHERE u.path >= :scopeLow AND u.path < :scopeHigh AND u.type = :type
				   AND a.adjusted_on >= :from AND a.adjusted_on < :to
				""".formatted(Units.UNITS))
			.params(scope.parameters())
			.param("type", type.name())
			.param("from", LocalDate.of(year, 1, 1))
			.param("to", LocalDate.of(year + 1, 1, 1))
			.query(Long.class)
			.single());
	}

	/** The joins and departures behind {@link #teamsAdjusted}. */
	@Transactional(readOnly = true)
	public long adjustments(Scope scope, UnitType type, int year) {
		return memo.remember(List.of(TeamFigures.class, "adjustments", scope, type, year), TABLES, () -> jdbc.sql("""
				SELECT count(*) FROM team_adjustment a JOIN (%s) u ON u.id = a.unit_id
				 WHERE u.path >= :scopeLow AND u.path < :scopeHigh AND u.type = :type
				   AND a.adjusted_on >= :from AND a.adjusted_on < :to
				""".formatted(Units.UNITS))
			.params(scope.parameters())
			.param("type", type.name())
			.param("from", LocalDate.of(year, 1, 1))
			.param("to", LocalDate.of(year + 1, 1, 1))
			.query(Long.class)
			.single());
	}

	/** A join or departure, as the evidence of an adjusted team lists it. */
	public record Adjustment(String unitCode, String unitName, LocalDate on, String cadreNo, String cadreName, String change) {
	}

	@Transactional(readOnly = true)
	public java.util.List<Adjustment> adjustmentList(Scope scope, UnitType type, int year) {
		return jdbc.sql("""
				SELECT u.code, u.name, a.adjusted_on, c.cadre_no, c.name, a.change
				  FROM team_adjustment a JOIN (%s) u ON u.id = a.unit_id JOIN cadre c ON c.id = a.cadre_id
				 WHERE u.path >= :scopeLow AND u.path < :scopeHigh AND u.type = :type
				   AND a.adjusted_on >= :from AND a.adjusted_on < :to
				 ORDER BY u.code, a.adjusted_on
				""".formatted(Units.UNITS))
			.params(scope.parameters())
			.param("type", type.name())
			.param("from", LocalDate.of(year, 1, 1))
			.param("to", LocalDate.of(year + 1, 1, 1))
			.query((rs, n) -> new Adjustment(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list();
	}

	/** An exchange for long tenure, as its evidence lists it. */
	public record Exchange(String cadreNo, String cadreName, String unitName, String title, LocalDate start) {
	}

	@Transactional(readOnly = true)
	public java.util.List<Exchange> exchangeList(Scope scope, int year) {
		return jdbc.sql("""
				SELECT c.cadre_no, c.name, u.name, p.title, p.start_date FROM post p JOIN (%s) u ON u.id = p.unit_id
				  JOIN cadre c ON c.id = p.cadre_id
				 WHERE u.path >= :scopeLow AND u.path < :scopeHigh AND p.reason = 'EXCHANGE'
				   AND p.start_date >= :from AND p.start_date < :to
				 ORDER BY p.start_date, c.cadre_no
				""".formatted(Units.UNITS))
			.params(scope.parameters())
			.param("from", LocalDate.of(year, 1, 1))
			.param("to", LocalDate.of(year + 1, 1, 1))
			.query((rs, n) -> new Exchange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, LocalDate.class)))
			.list();
	}

	/** Cadres who began a post in the year because they were exchanged for long tenure, in units of the scope. */
	@Transactional(readOnly = true)
	public long exchangedForTenure(Scope scope, int year) {
		return memo.remember(List.of(TeamFigures.class, "exchangedForTenure", scope, year), TABLES, () -> jdbc.sql("""
				SELECT count(DISTINCT p.cadre_id) FROM post p JOIN (%s) u ON u.id = p.unit_id
				 WHERE u.path >= :scopeLow AND u.path < :scopeHigh AND p.reason = 'EXCHANGE'
				   AND p.start_date >= :from AND p.start_date < :to
				""".formatted(Units.UNITS))
			.params(scope.parameters())
			.param("from", LocalDate.of(year, 1, 1))
			.param("to", LocalDate.of(year + 1, 1, 1))
			.query(Long.class)
			.single());
	}
}
