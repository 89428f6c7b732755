package org.banzi.assistance;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.banzi.assistance.AssistanceRecords.Help;
import org.banzi.assistance.AssistanceRecords.Household;
import org.banzi.assistance.AssistanceRecords.Pairing;
import org.banzi.assistance.AssistanceRecords.Site;
import org.banzi.assistance.AssistanceRecords.Visit;
import org.banzi.organization.Scope;
import org.banzi.platform.db.Slices;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The module's own tables: sites and their departments, households, pairings, visits, help. */
@Repository
class AssistanceRepository {

	private static final String SITE = """
			SELECT s.id, s.year, s.village_id, s.kind, s.leader_cadre_id,
			       ARRAY(SELECT unit_id FROM assistance_site_department d WHERE d.site_id = s.id ORDER BY unit_id), s.targets, s.progress
			  FROM assistance_site s""";
	private static final String HOUSEHOLD = """
			SELECT id, code, village_id, head_name, members, status, id_number_masked, id_number_cipher, id_number_index
			  FROM household""";
	private static final String HELP = """
			SELECT id, code, help_date, kind, amount, houses, village_id, household_id, provider_unit_id, note FROM assistance_help""";

	/** Rows a statement when a list is inserted. */
	private static final int BATCH = 500;

	private final JdbcClient jdbc;
	private final org.springframework.jdbc.core.JdbcTemplate batch;

	AssistanceRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	// sites

	long insertSite(Site site, String createdBy) {
		long id = jdbc.sql("""
				INSERT INTO assistance_site (year, village_id, kind, leader_cadre_id, targets, created_by)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(site.year(), site.villageId(), site.kind().name(), site.leaderCadreId(), site.targets(), createdBy)
			.query(Long.class).single();
		departments(id, site.departmentIds());
		return id;
	}

	void updateSite(long id, Site site) {
		jdbc.sql("UPDATE assistance_site SET kind = ?, leader_cadre_id = ?, targets = ? WHERE id = ?")
			.params(site.kind().name(), site.leaderCadreId(), site.targets(), id).update();
		jdbc.sql("DELETE FROM assistance_site_department WHERE site_id = ?").param(id).update();
		departments(id, site.departmentIds());
	}

	private void departments(long siteId, List<Long> unitIds) {
		unitIds.forEach(unit -> jdbc.sql("INSERT INTO assistance_site_department (site_id, unit_id) VALUES (?, ?)").params(siteId, unit)
			.update());
	}

	Map<String, Site> sitesByYearVillage(Collection<Integer> years) {
		Map<String, Site> byKey = new HashMap<>();
		if (!years.isEmpty()) {
			jdbc.sql(SITE + " WHERE s.year IN (:years)").param("years", years).query(AssistanceRepository::site).list()
				.forEach(s -> byKey.put(s.year() + "|" + s.villageId(), s));
		}
		return byKey;
	}

	List<Site> sites(Scope scope, int year) {
		return jdbc.sql(SITE + " WHERE s.year = :year AND s.village_id IN (" + Scope.UNIT_IDS + ") ORDER BY s.kind, s.village_id")
			.params(scope.parameters()).param("year", year).query(AssistanceRepository::site).list();
	}

	// households

	void insertHouseholds(List<Household> households, String createdBy) {
		insertAll("""
				INSERT INTO household (code, village_id, head_name, members, status, id_number_cipher, id_number_masked,
				                       id_number_index, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", households, h -> new Object[] { h.code(), h.villageId(), h.headName(), h.members(),
				h.status().name(), typed(Types.VARCHAR, h.idNumberCipher()), typed(Types.VARCHAR, h.idNumberMasked()),
				typed(Types.VARCHAR, h.idNumberIndex()), createdBy });
	}

	/** A value that may be null, with its type, so that a batch does not ask the database for the type of a null. */
	private static SqlParameterValue typed(int type, @Nullable Object value) {
		return new SqlParameterValue(type, value);
	}

	/** Inserts rows a batch at a time (the driver sends a batch as statements of many rows). */
	private <T> void insertAll(String sql, List<T> rows, Function<T, Object[]> values) {
		Slices.each(rows, BATCH, slice -> batch.batchUpdate(sql, slice.stream().map(values).toList()));
	}

	void updateHousehold(long id, Household h) {
		jdbc.sql("""
				UPDATE household SET village_id = ?, head_name = ?, members = ?, status = ?, id_number_cipher = ?,
				       id_number_masked = ?, id_number_index = ? WHERE id = ?""")
			.params(h.villageId(), h.headName(), h.members(), h.status().name(), h.idNumberCipher(), h.idNumberMasked(),
					h.idNumberIndex(), id)
			.update();
	}

	Map<String, Household> householdsByCodes(Collection<String> codes) {
		Map<String, Household> byCode = new HashMap<>();
		if (!codes.isEmpty()) {
			jdbc.sql(HOUSEHOLD + " WHERE code = ANY(:codes)").param("codes", codes.toArray(String[]::new))
				.query(AssistanceRepository::household).list().forEach(h -> byCode.put(h.code(), h));
		}
		return byCode;
	}

	/** Household codes by the keyed index of their head's ID number, to refuse one number on two households. */
	Map<String, String> codesByIdIndex(Collection<String> indexes) {
		Map<String, String> byIndex = new HashMap<>();
		if (!indexes.isEmpty()) {
			jdbc.sql("SELECT id_number_index, code FROM household WHERE id_number_index = ANY(:indexes)")
				.param("indexes", indexes.toArray(String[]::new))
				.query(rs -> {
					byIndex.put(rs.getString(1), rs.getString(2));
				});
		}
		return byIndex;
	}

	Optional<Household> findHousehold(long id) {
		return jdbc.sql(HOUSEHOLD + " WHERE id = ?").param(id).query(AssistanceRepository::household).optional();
	}

	Map<Long, Household> householdsByIds(Collection<Long> ids) {
		Map<Long, Household> byId = new HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql(HOUSEHOLD + " WHERE id = ANY(:ids)").param("ids", ids.toArray(Long[]::new)).query(AssistanceRepository::household)
				.list().forEach(h -> byId.put(h.id(), h));
		}
		return byId;
	}

	List<Household> households(Scope scope) {
		return jdbc.sql(HOUSEHOLD + " WHERE village_id IN (" + Scope.UNIT_IDS + ") ORDER BY code").params(scope.parameters())
			.query(AssistanceRepository::household).list();
	}

	List<Household> householdsOfVillage(long villageId) {
		return jdbc.sql(HOUSEHOLD + " WHERE village_id = ? ORDER BY code").param(villageId).query(AssistanceRepository::household).list();
	}

	// pairings and visits

	void insertPairings(List<Pairing> pairings, String createdBy) {
		insertAll("INSERT INTO pairing (year, cadre_id, household_id, start_date, created_by) VALUES (?, ?, ?, ?, ?)", pairings,
				p -> new Object[] { p.year(), p.cadreId(), p.householdId(), p.startDate(), createdBy });
	}

	void updatePairingStart(long id, LocalDate start) {
		jdbc.sql("UPDATE pairing SET start_date = ? WHERE id = ?").params(start, id).update();
	}

	/** Pairings of these households (any year), by {@code year|cadre|household}. */
	Map<String, Pairing> pairingsOf(Collection<Long> householdIds) {
		Map<String, Pairing> byKey = new HashMap<>();
		if (!householdIds.isEmpty()) {
			jdbc.sql("SELECT id, year, cadre_id, household_id, start_date FROM pairing WHERE household_id = ANY(:ids)")
				.param("ids", householdIds.toArray(Long[]::new))
				.query(AssistanceRepository::pairing).list()
				.forEach(p -> byKey.put(pairingKey(p.year(), p.cadreId(), p.householdId()), p));
		}
		return byKey;
	}

	static String pairingKey(int year, long cadreId, long householdId) {
		return year + "|" + cadreId + "|" + householdId;
	}

	List<Pairing> pairings(Scope scope, int year) {
		return jdbc.sql("""
				SELECT p.id, p.year, p.cadre_id, p.household_id, p.start_date FROM pairing p JOIN household h ON h.id = p.household_id
				 WHERE p.year = :year AND h.village_id IN (""" + Scope.UNIT_IDS + """
				) ORDER BY h.code, p.cadre_id""")
			.params(scope.parameters()).param("year", year).query(AssistanceRepository::pairing).list();
	}

	List<Pairing> pairingsOfCadre(long cadreId, int year) {
		return jdbc.sql("SELECT id, year, cadre_id, household_id, start_date FROM pairing WHERE cadre_id = ? AND year = ? ORDER BY id")
			.params(cadreId, year).query(AssistanceRepository::pairing).list();
	}

	List<Pairing> pairingsOfHousehold(long householdId) {
		return jdbc.sql("SELECT id, year, cadre_id, household_id, start_date FROM pairing WHERE household_id = ? ORDER BY year DESC, id")
			.param(householdId).query(AssistanceRepository::pairing).list();
	}

	void insertVisits(List<Visit> visits, String createdBy) {
		insertAll("INSERT INTO visit (visit_date, cadre_id, household_id, what, created_by) VALUES (?, ?, ?, ?, ?)", visits,
				v -> new Object[] { v.date(), v.cadreId(), v.householdId(), v.what(), createdBy });
	}

	long insertVisit(Visit v, String createdBy) {
		return jdbc.sql("INSERT INTO visit (visit_date, cadre_id, household_id, what, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id")
			.params(v.date(), v.cadreId(), v.householdId(), v.what(), createdBy).query(Long.class).single();
	}

	void updateVisitWhat(long id, String what) {
		jdbc.sql("UPDATE visit SET what = ? WHERE id = ?").params(what, id).update();
	}

	/** Visits to these households, by {@code date|cadre|household}. */
	Map<String, Visit> visitsOf(Collection<Long> householdIds) {
		Map<String, Visit> byKey = new HashMap<>();
		if (!householdIds.isEmpty()) {
			jdbc.sql("SELECT id, visit_date, cadre_id, household_id, what FROM visit WHERE household_id = ANY(:ids)")
				.param("ids", householdIds.toArray(Long[]::new))
				.query(AssistanceRepository::visit).list()
				.forEach(v -> byKey.put(visitKey(v.date(), v.cadreId(), v.householdId()), v));
		}
		return byKey;
	}

	static String visitKey(LocalDate date, long cadreId, long householdId) {
		return date + "|" + cadreId + "|" + householdId;
	}

	List<Visit> visitsOfHousehold(long householdId) {
		return jdbc.sql("SELECT id, visit_date, cadre_id, household_id, what FROM visit WHERE household_id = ? ORDER BY visit_date DESC")
			.param(householdId).query(AssistanceRepository::visit).list();
	}

	/** The latest visit of a cadre to each household, up to a day. */
	Map<Long, LocalDate> lastVisits(long cadreId, LocalDate upTo) {
		Map<Long, LocalDate> last = new HashMap<>();
		jdbc.sql("SELECT household_id, max(visit_date) FROM visit WHERE cadre_id = ? AND visit_date <= ? GROUP BY household_id")
			.params(cadreId, upTo)
			.query(rs -> {
				last.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
			});
		return last;
	}

	// help

	void insertHelp(List<Help> help, String createdBy) {
		insertAll("""
				INSERT INTO assistance_help (code, help_date, kind, amount, houses, village_id, household_id, provider_unit_id, note,
				                             created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", help, h -> new Object[] { h.code(), h.date(), h.kind().name(),
				typed(Types.NUMERIC, h.amount()), typed(Types.INTEGER, h.houses()), typed(Types.BIGINT, h.villageId()),
				typed(Types.BIGINT, h.householdId()), h.providerUnitId(), h.note(), createdBy });
	}

	void updateHelp(long id, Help h) {
		jdbc.sql("""
				UPDATE assistance_help SET help_date = ?, kind = ?, amount = ?, houses = ?, village_id = ?, household_id = ?,
				       provider_unit_id = ?, note = ? WHERE id = ?""")
			.params(h.date(), h.kind().name(), h.amount(), h.houses(), h.villageId(), h.householdId(), h.providerUnitId(), h.note(), id)
			.update();
	}

	Map<String, Help> helpByCodes(Collection<String> codes) {
		Map<String, Help> byCode = new HashMap<>();
		if (!codes.isEmpty()) {
			jdbc.sql(HELP + " WHERE code = ANY(:codes)").param("codes", codes.toArray(String[]::new)).query(AssistanceRepository::help)
				.list().forEach(h -> byCode.put(h.code(), h));
		}
		return byCode;
	}

	/** Help to a village (directly or through its households) or to one household, newest first. */
	/** Visits dated in the year to households of villages in the scope, by date. */
	List<Visit> visits(Scope scope, int year) {
		return jdbc.sql("""
				SELECT v.id, v.visit_date, v.cadre_id, v.household_id, v.what FROM visit v JOIN household h ON h.id = v.household_id
				 WHERE v.visit_date >= :from AND v.visit_date < :to AND h.village_id IN (""" + Scope.UNIT_IDS + """
				) ORDER BY v.visit_date, h.code, v.cadre_id""")
			.params(scope.parameters()).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
			.query(AssistanceRepository::visit).list();
	}

	/** Help dated in the year to villages in the scope or to their households, by date. */
	List<Help> help(Scope scope, int year) {
		return jdbc.sql(HELP + " " + """
				WHERE help_date >= :from AND help_date < :to
				   AND (village_id IN (""" + Scope.UNIT_IDS + """
				) OR household_id IN (SELECT id FROM household WHERE village_id IN (""" + Scope.UNIT_IDS + """
				))) ORDER BY help_date, code""")
			.params(scope.parameters()).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
			.query(AssistanceRepository::help).list();
	}

	/** A village's help of a year, given to it or to its households. */
	record HelpTotals(BigDecimal funds, BigDecimal materials, int houses) {
	}

	/** The help of the year to each village of the scope that had any, added up in the database. */
	Map<Long, HelpTotals> helpTotals(Scope scope, int year) {
		Map<Long, HelpTotals> byVillage = new HashMap<>();
		jdbc.sql("""
				SELECT coalesce(a.village_id, h.village_id),
				       coalesce(sum(a.amount) FILTER (WHERE a.kind = 'FUNDS'), 0),
				       coalesce(sum(a.amount) FILTER (WHERE a.kind = 'MATERIALS'), 0),
				       coalesce(sum(a.houses) FILTER (WHERE a.kind = 'HOUSING'), 0)
				  FROM assistance_help a LEFT JOIN household h ON h.id = a.household_id
				 WHERE a.help_date >= :from AND a.help_date < :to
				   AND coalesce(a.village_id, h.village_id) IN (""" + Scope.UNIT_IDS + """
				) GROUP BY 1""")
			.params(scope.parameters()).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
			.query(rs -> {
				byVillage.put(rs.getLong(1), new HelpTotals(rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getInt(4)));
			});
		return byVillage;
	}

	List<Help> helpTo(long villageId, @org.jspecify.annotations.Nullable Long householdId) {
		if (householdId != null) {
			return jdbc.sql(HELP + " WHERE household_id = ? ORDER BY help_date DESC").param(householdId).query(AssistanceRepository::help)
				.list();
		}
		return jdbc.sql(HELP + " WHERE village_id = :v OR household_id IN (SELECT id FROM household WHERE village_id = :v)"
				+ " ORDER BY help_date DESC").param("v", villageId).query(AssistanceRepository::help).list();
	}

	// mapping

	private static Site site(ResultSet rs, int n) throws SQLException {
		return new Site(rs.getLong(1), rs.getInt(2), rs.getLong(3), SiteKind.valueOf(rs.getString(4)), rs.getLong(5),
				Arrays.asList((Long[]) rs.getArray(6).getArray()), rs.getString(7), rs.getString(8));
	}

	private static Household household(ResultSet rs, int n) throws SQLException {
		return new Household(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5),
				HouseholdStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9));
	}

	private static Pairing pairing(ResultSet rs, int n) throws SQLException {
		return new Pairing(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getObject(5, LocalDate.class));
	}

	private static Visit visit(ResultSet rs, int n) throws SQLException {
		return new Visit(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getLong(4), rs.getString(5));
	}

	private static Help help(ResultSet rs, int n) throws SQLException {
		return new Help(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class), HelpKind.valueOf(rs.getString(4)),
				rs.getBigDecimal(5), (Integer) rs.getObject(6), (Long) rs.getObject(7), (Long) rs.getObject(8), rs.getLong(9),
				rs.getString(10));
	}
}
