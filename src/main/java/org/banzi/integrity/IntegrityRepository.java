package org.banzi.integrity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.banzi.cadres.Cadres;
import org.banzi.cadres.PromotionsRecorded;
import org.banzi.organization.Scope;
import org.banzi.platform.db.Slices;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The module's own tables: reports, checks, the holiday calendar, event filings, tip-offs. Contents stay encrypted here. */
@Repository
class IntegrityRepository {

	private static final String REPORT = "SELECT id, cadre_id, year, kind, filed_on, source, content_cipher FROM personal_matters_report";
	private static final String CHECK = """
			SELECT id, year, cadre_id, reason, seed, drawn_on, outcome, handling_cipher, outcome_on FROM personal_matters_check""";
	private static final String FILING = """
			SELECT id, code, cadre_id, kind, event_date, reported_before, reported_after, guests, tables, cars, official_cars, gifts_cipher
			  FROM event_filing""";
	private static final String TIPOFF = """
			SELECT id, received_on, channel, about_cadre_id, about_unit_id, summary_cipher, informant_cipher, handler, deadline, outcome,
			       handling_cipher, closed_on FROM tipoff""";

	private final JdbcClient jdbc;

	IntegrityRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Report(long id, long cadreId, int year, String kind, LocalDate filedOn, String source, @Nullable String contentCipher) {
	}

	record Check(long id, int year, long cadreId, String reason, @Nullable Long seed, LocalDate drawnOn, @Nullable CheckOutcome outcome,
			@Nullable String handlingCipher, @Nullable LocalDate outcomeOn) {
	}

	record Filing(long id, String code, long cadreId, EventKind kind, LocalDate eventDate, @Nullable LocalDate reportedBefore,
			@Nullable LocalDate reportedAfter, @Nullable Integer guests, @Nullable Integer tables, @Nullable Integer cars,
			@Nullable Integer officialCars, @Nullable String giftsCipher) {
	}

	record TipOff(long id, LocalDate receivedOn, TipOffChannel channel, @Nullable Long aboutCadreId, long aboutUnitId,
			String summaryCipher, @Nullable String informantCipher, String handler, LocalDate deadline, @Nullable TipOffOutcome outcome,
			@Nullable String handlingCipher, @Nullable LocalDate closedOn) {
	}

	// reports

	Optional<Report> report(long cadreId, int year, String kind) {
		return jdbc.sql(REPORT + " WHERE cadre_id = ? AND year = ? AND kind = ?").params(cadreId, year, kind)
			.query(IntegrityRepository::report).optional();
	}

	Optional<Report> report(long id) {
		return jdbc.sql(REPORT + " WHERE id = ?").param(id).query(IntegrityRepository::report).optional();
	}

	/** The cadre's latest report with contents before a year, to pre-fill the next one. */
	Optional<Report> latestWithContent(long cadreId, int beforeYear) {
		return jdbc.sql(REPORT + " WHERE cadre_id = ? AND year < ? AND content_cipher IS NOT NULL ORDER BY year DESC, id DESC LIMIT 1")
			.params(cadreId, beforeYear).query(IntegrityRepository::report).optional();
	}

	List<Report> reportsOf(long cadreId) {
		return jdbc.sql(REPORT + " WHERE cadre_id = ? ORDER BY year DESC, kind").param(cadreId).query(IntegrityRepository::report).list();
	}

	long insertReport(long cadreId, int year, String kind, LocalDate filedOn, String source, @Nullable String content, String by) {
		return jdbc.sql("""
				INSERT INTO personal_matters_report (cadre_id, year, kind, filed_on, source, content_cipher, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(cadreId, year, kind, filedOn, source, content, by).query(Long.class).single();
	}

	void updateReport(long id, LocalDate filedOn, @Nullable String content) {
		jdbc.sql("UPDATE personal_matters_report SET filed_on = ?, content_cipher = COALESCE(?, content_cipher), updated_at = now() WHERE id = ?")
			.params(filedOn, content, id).update();
	}

	/** Annual reports of a year by cadre. */
	Map<Long, Report> annualReports(int year, Collection<Long> cadreIds) {
		Map<Long, Report> byCadre = new HashMap<>();
		if (!cadreIds.isEmpty()) {
			jdbc.sql(REPORT + " WHERE year = :year AND kind = 'ANNUAL' AND cadre_id = ANY(:ids)").param("year", year)
				.param("ids", cadreIds.toArray(Long[]::new)).query(IntegrityRepository::report).list()
				.forEach(r -> byCadre.put(r.cadreId(), r));
		}
		return byCadre;
	}

	/** The cadres of the scope with an annual report for the year: the population a check draw is made from. */
	List<Long> filers(Scope scope, int year) {
		return jdbc.sql("""
				SELECT r.cadre_id FROM personal_matters_report r JOIN (""" + Cadres.CADRE_NAMES + """
				  ) c ON c.id = r.cadre_id
				 WHERE r.year = :year AND r.kind = 'ANNUAL' AND c.home_unit_id IN (""" + Scope.UNIT_IDS + """
				) ORDER BY c.cadre_no""")
			.params(scope.parameters()).param("year", year).query(Long.class).list();
	}

	/** Cadres of the scope who began a post in the year by promotion (凡提必核). */
	List<Long> promoted(Scope scope, int year) {
		return jdbc.sql("""
				SELECT DISTINCT d.cadre_id FROM promotion_due d JOIN (""" + Cadres.CADRE_NAMES + """
				  ) c ON c.id = d.cadre_id
				 WHERE d.promoted_on >= :from AND d.promoted_on < :to AND c.home_unit_id IN (""" + Scope.UNIT_IDS + """
				) ORDER BY d.cadre_id""")
			.params(scope.parameters()).param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year + 1, 1, 1))
			.query(Long.class).list();
	}

	/** Keeps promotions reported by the cadres module; one already kept is left as it is. */
	void promotionsDue(List<PromotionsRecorded.Promotion> promotions) {
		Slices.each(promotions, 1000, slice -> jdbc.sql("""
				INSERT INTO promotion_due (cadre_id, promoted_on)
				SELECT * FROM unnest(CAST(:cadres AS bigint[]), CAST(:days AS date[])) ON CONFLICT DO NOTHING
				""")
			.param("cadres", slice.stream().map(PromotionsRecorded.Promotion::cadreId).toArray(Long[]::new))
			.param("days", slice.stream().map(promotion -> promotion.start().toString()).toArray(String[]::new))
			.update());
	}

	// checks

	Map<Long, Check> checks(int year) {
		Map<Long, Check> byCadre = new HashMap<>();
		jdbc.sql(CHECK + " WHERE year = ?").param(year).query(IntegrityRepository::check).list().forEach(c -> byCadre.put(c.cadreId(), c));
		return byCadre;
	}

	List<Check> checks(Scope scope, int year) {
		return jdbc.sql(CHECK + " WHERE year = :year AND cadre_id IN (SELECT id FROM (" + Cadres.CADRE_NAMES + ") c WHERE c.home_unit_id IN ("
				+ Scope.UNIT_IDS + ")) ORDER BY reason, cadre_id")
			.params(scope.parameters()).param("year", year).query(IntegrityRepository::check).list();
	}

	Optional<Check> check(long id) {
		return jdbc.sql(CHECK + " WHERE id = ?").param(id).query(IntegrityRepository::check).optional();
	}

	long insertCheck(int year, long cadreId, String reason, @Nullable Long seed, LocalDate drawnOn, String by) {
		return jdbc.sql("""
				INSERT INTO personal_matters_check (year, cadre_id, reason, seed, drawn_on, created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(year, cadreId, reason, seed, drawnOn, by).query(Long.class).single();
	}

	void recordOutcome(long id, CheckOutcome outcome, String handlingCipher, LocalDate on, String by) {
		jdbc.sql("UPDATE personal_matters_check SET outcome = ?, handling_cipher = ?, outcome_on = ?, recorded_by = ? WHERE id = ?")
			.params(outcome.name(), handlingCipher, on, by, id).update();
	}

	// the calendar

	Map<LocalDate, String> calendar(LocalDate from, LocalDate to) {
		Map<LocalDate, String> days = new HashMap<>();
		jdbc.sql("SELECT day, kind FROM holiday WHERE day BETWEEN ? AND ?").params(from, to)
			.query(rs -> {
				days.put(rs.getObject(1, LocalDate.class), rs.getString(2));
			});
		return days;
	}

	/** Inserts or changes a day of the calendar; whether anything changed. */
	int putDay(LocalDate day, String kind, String name, String source, String by) {
		return jdbc.sql("""
				INSERT INTO holiday (day, kind, name, source_title, created_by) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, source_title = EXCLUDED.source_title
				 WHERE (holiday.kind, holiday.name, holiday.source_title) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.source_title)""")
			.params(day, kind, name, source, by).update();
	}

	Map<LocalDate, String> days(Collection<LocalDate> days) {
		Map<LocalDate, String> found = new HashMap<>();
		if (!days.isEmpty()) {
			jdbc.sql("SELECT day, kind FROM holiday WHERE day IN (:days)").param("days", List.copyOf(days))
				.query(rs -> {
					found.put(rs.getObject(1, LocalDate.class), rs.getString(2));
				});
		}
		return found;
	}

	// event filings

	Map<String, Filing> filingsByCodes(Collection<String> codes) {
		Map<String, Filing> byCode = new HashMap<>();
		if (!codes.isEmpty()) {
			jdbc.sql(FILING + " WHERE code = ANY(:codes)").param("codes", codes.toArray(String[]::new)).query(IntegrityRepository::filing)
				.list().forEach(f -> byCode.put(f.code(), f));
		}
		return byCode;
	}

	Optional<Filing> filing(long id) {
		return jdbc.sql(FILING + " WHERE id = ?").param(id).query(IntegrityRepository::filing).optional();
	}

	List<Filing> filings(Scope scope, LocalDate from, LocalDate to) {
		return jdbc.sql(FILING + " WHERE event_date >= :from AND event_date < :to AND cadre_id IN (SELECT id FROM (" + Cadres.CADRE_NAMES
				+ ") c WHERE c.home_unit_id IN (" + Scope.UNIT_IDS + ")) ORDER BY event_date DESC, code")
			.params(scope.parameters()).param("from", from).param("to", to).query(IntegrityRepository::filing).list();
	}

	List<Filing> filingsOf(long cadreId) {
		return jdbc.sql(FILING + " WHERE cadre_id = ? ORDER BY event_date DESC").param(cadreId).query(IntegrityRepository::filing).list();
	}

	long insertFiling(Filing f, String by) {
		return jdbc.sql("""
				INSERT INTO event_filing (code, cadre_id, kind, event_date, reported_before, reported_after, guests, tables, cars,
				                          official_cars, gifts_cipher, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(f.code(), f.cadreId(), f.kind().name(), f.eventDate(), f.reportedBefore(), f.reportedAfter(), f.guests(), f.tables(),
					f.cars(), f.officialCars(), f.giftsCipher(), by)
			.query(Long.class).single();
	}

	void updateFiling(long id, Filing f) {
		jdbc.sql("""
				UPDATE event_filing SET cadre_id = ?, kind = ?, event_date = ?, reported_before = ?, reported_after = ?, guests = ?,
				       tables = ?, cars = ?, official_cars = ?, gifts_cipher = ? WHERE id = ?""")
			.params(f.cadreId(), f.kind().name(), f.eventDate(), f.reportedBefore(), f.reportedAfter(), f.guests(), f.tables(), f.cars(),
					f.officialCars(), f.giftsCipher(), id)
			.update();
	}

	// tip-offs

	long insertTipOff(TipOff t, String by) {
		return jdbc.sql("""
				INSERT INTO tipoff (received_on, channel, about_cadre_id, about_unit_id, summary_cipher, informant_cipher, handler, deadline,
				                    created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
			.params(t.receivedOn(), t.channel().name(), t.aboutCadreId(), t.aboutUnitId(), t.summaryCipher(), t.informantCipher(), t.handler(),
					t.deadline(), by)
			.query(Long.class).single();
	}

	void closeTipOff(long id, TipOffOutcome outcome, String handlingCipher, LocalDate closedOn) {
		jdbc.sql("UPDATE tipoff SET outcome = ?, handling_cipher = ?, closed_on = ? WHERE id = ?")
			.params(outcome.name(), handlingCipher, closedOn, id).update();
	}

	Optional<TipOff> tipOff(long id) {
		return jdbc.sql(TIPOFF + " WHERE id = ?").param(id).query(IntegrityRepository::tipOff).optional();
	}

	List<TipOff> tipOffs(Scope scope) {
		return jdbc.sql(TIPOFF + " WHERE about_unit_id IN (" + Scope.UNIT_IDS + ") ORDER BY closed_on NULLS FIRST, deadline, id")
			.params(scope.parameters()).query(IntegrityRepository::tipOff).list();
	}

	// mapping

	private static Report report(ResultSet rs, int n) throws SQLException {
		return new Report(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6),
				rs.getString(7));
	}

	private static Check check(ResultSet rs, int n) throws SQLException {
		return new Check(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), (Long) rs.getObject(5), rs.getObject(6, LocalDate.class),
				rs.getString(7) == null ? null : CheckOutcome.valueOf(rs.getString(7)), rs.getString(8), rs.getObject(9, LocalDate.class));
	}

	private static Filing filing(ResultSet rs, int n) throws SQLException {
		return new Filing(rs.getLong(1), rs.getString(2), rs.getLong(3), EventKind.valueOf(rs.getString(4)), rs.getObject(5, LocalDate.class),
				rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class), (Integer) rs.getObject(8), (Integer) rs.getObject(9),
				(Integer) rs.getObject(10), (Integer) rs.getObject(11), rs.getString(12));
	}

	private static TipOff tipOff(ResultSet rs, int n) throws SQLException {
		return new TipOff(rs.getLong(1), rs.getObject(2, LocalDate.class), TipOffChannel.valueOf(rs.getString(3)), (Long) rs.getObject(4),
				rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, LocalDate.class),
				rs.getString(10) == null ? null : TipOffOutcome.valueOf(rs.getString(10)), rs.getString(11), rs.getObject(12, LocalDate.class));
	}
}
