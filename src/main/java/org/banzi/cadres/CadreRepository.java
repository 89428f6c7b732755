package org.banzi.cadres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.banzi.organization.Scope;
import org.banzi.platform.db.Memo;
import org.banzi.platform.db.Slices;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CadreRepository {

	static final String COLUMNS = "c.id, c.cadre_no, c.name, c.gender, c.birth_date, c.ethnicity, c.education, "
			+ "c.party_date, c.rank, c.rank_since, c.home_unit_id, c.id_number_masked";

	private final JdbcClient jdbc;
	private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batch;

	private final Memo memo;

	CadreRepository(JdbcClient jdbc, org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate batch, Memo memo) {
		this.memo = memo;
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** Inserts many cadres in batches of statements. */
	void insertAll(List<Row> rows) {
		Slices.each(rows, BATCH, slice -> batch.batchUpdate("""
				INSERT INTO cadre (cadre_no, name, gender, birth_date, ethnicity, education, party_date, rank, rank_since,
				                   home_unit_id, id_number_cipher, id_number_index, id_number_masked)
				VALUES (:no, :name, :gender, :birth, :ethnicity, :education, :party, :rank, :rankSince, :unit, :cipher,
				        :ix, :masked)
				""", slice.stream().map(row -> new org.springframework.jdbc.core.namedparam.MapSqlParameterSource(params(row)))
			.toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new)));
	}

	record NewPost(long cadreId, long unitId, String title, LocalDate start, @Nullable LocalDate end, boolean key,
			PostReason reason) {
	}

	void insertPosts(List<NewPost> posts) {
		Slices.each(posts, BATCH, slice -> batch.batchUpdate("""
				INSERT INTO post (cadre_id, unit_id, title, start_date, end_date, key_post, reason)
				VALUES (:cadre, :unit, :title, :start, :end, :key, :reason)
				""", slice.stream().map(post -> new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
			.addValue("cadre", post.cadreId())
			.addValue("unit", post.unitId())
			.addValue("title", post.title())
			.addValue("start", post.start())
			.addValue("end", post.end(), java.sql.Types.DATE)
			.addValue("key", post.key())
			.addValue("reason", post.reason().name()))
			.toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new)));
	}

	/** Every post of these cadres, for matching import rows. */
	List<Post> postsOf(Collection<Long> cadreIds) {
		return jdbc.sql("SELECT * FROM post WHERE cadre_id = ANY(:ids)")
			.param("ids", cadreIds.toArray(Long[]::new))
			.query(CadreRepository::mapPost)
			.list();
	}

	List<Membership> membershipsOfUnits(Collection<Long> unitIds) {
		return jdbc.sql("SELECT * FROM team_membership WHERE unit_id = ANY(:ids)")
			.param("ids", unitIds.toArray(Long[]::new))
			.query(CadreRepository::mapMembership)
			.list();
	}

	private static final int BATCH = 500;

	static Cadre map(ResultSet rs, int row) throws SQLException {
		return new Cadre(rs.getLong("id"), rs.getString("cadre_no"), rs.getString("name"), rs.getString("gender").charAt(0),
				rs.getObject("birth_date", LocalDate.class), rs.getString("ethnicity"), rs.getString("education"),
				rs.getObject("party_date", LocalDate.class), Rank.valueOf(rs.getString("rank")),
				rs.getObject("rank_since", LocalDate.class), rs.getLong("home_unit_id"), rs.getString("id_number_masked"));
	}

	static Post mapPost(ResultSet rs, int row) throws SQLException {
		return new Post(rs.getLong("id"), rs.getLong("cadre_id"), rs.getLong("unit_id"), rs.getString("title"),
				rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
				rs.getBoolean("key_post"), PostReason.valueOf(rs.getString("reason")));
	}

	static Membership mapMembership(ResultSet rs, int row) throws SQLException {
		return new Membership(rs.getLong("id"), rs.getLong("cadre_id"), rs.getLong("unit_id"),
				TeamRole.valueOf(rs.getString("team_role")), rs.getObject("start_date", LocalDate.class),
				rs.getObject("end_date", LocalDate.class));
	}

	Optional<Cadre> findByNo(String cadreNo) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM cadre c WHERE c.cadre_no = ?").param(cadreNo).query(CadreRepository::map).optional();
	}

	Optional<Cadre> findById(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM cadre c WHERE c.id = ?").param(id).query(CadreRepository::map).optional();
	}

	Map<String, Cadre> findByNos(Collection<String> numbers) {
		Map<String, Cadre> found = new HashMap<>();
		if (numbers.isEmpty()) {
			return found;
		}
		jdbc.sql("SELECT " + COLUMNS + " FROM cadre c WHERE c.cadre_no = ANY(:nos)")
			.param("nos", numbers.toArray(String[]::new))
			.query(CadreRepository::map)
			.list()
			.forEach(cadre -> found.put(cadre.cadreNo(), cadre));
		return found;
	}

	Map<Long, Cadre> findByIds(Collection<Long> ids) {
		Map<Long, Cadre> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		jdbc.sql("SELECT " + COLUMNS + " FROM cadre c WHERE c.id = ANY(:ids)")
			.param("ids", ids.toArray(Long[]::new))
			.query(CadreRepository::map)
			.list()
			.forEach(cadre -> found.put(cadre.id(), cadre));
		return found;
	}

	/** Cadre numbers by the keyed hash of their ID numbers, to refuse one ID number on two cadres. */
	Map<String, String> numbersByIdIndex(Collection<String> indexes) {
		Map<String, String> found = new HashMap<>();
		if (indexes.isEmpty()) {
			return found;
		}
		jdbc.sql("SELECT id_number_index, cadre_no FROM cadre WHERE id_number_index = ANY(:ix)")
			.param("ix", indexes.toArray(String[]::new))
			.query(rs -> {
				found.put(rs.getString(1), rs.getString(2));
			});
		return found;
	}

	Map<String, String> indexesByNo(Collection<String> numbers) {
		Map<String, String> found = new HashMap<>();
		if (numbers.isEmpty()) {
			return found;
		}
		jdbc.sql("SELECT cadre_no, id_number_index FROM cadre WHERE cadre_no = ANY(:nos)")
			.param("nos", numbers.toArray(String[]::new))
			.query(rs -> {
				found.put(rs.getString(1), rs.getString(2));
			});
		return found;
	}

	Optional<String> idNumberCipher(long id) {
		return jdbc.sql("SELECT id_number_cipher FROM cadre WHERE id = ?").param(id).query(String.class).optional();
	}

	record Search(Scope scope, @Nullable String text, @Nullable Rank rank) {
	}

	/**
	 * A page of the scope's cadres, found by number or by the start of the name (along the name index: each statement
	 * is planned for its own pattern, see the pool's settings).
	 */
	@org.springframework.transaction.annotation.Transactional(readOnly = true)
	Page<Cadre> search(Search search, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE c.home_unit_id IN (" + Scope.UNIT_IDS + ")");
		Map<String, Object> params = new LinkedHashMap<>(search.scope().parameters());
		if (search.text() != null && !search.text().isBlank()) {
			where.append(" AND (c.cadre_no = :exact OR c.name LIKE :prefix)");
			params.put("exact", search.text().strip());
			params.put("prefix", search.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (search.rank() != null) {
			where.append(" AND c.rank = :rank");
			params.put("rank", search.rank().name());
		}
		// a search by text is counted each time; the count of a whole scope (all of a county's cadres) is kept
		String count = "SELECT count(*) FROM cadre c" + where;
		long total = search.text() != null && !search.text().isBlank()
				? jdbc.sql(count).params(params).query(Long.class).single()
				: memo.remember(List.of(CadreRepository.class, "count", search.scope(), String.valueOf(search.rank())),
						List.of("cadre", "org_unit"), () -> jdbc.sql(count).params(params).query(Long.class).single());
		List<Cadre> items = jdbc.sql("SELECT " + COLUMNS + " FROM cadre c" + where + " ORDER BY c.cadre_no LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(CadreRepository::map)
			.list();
		return new Page<>(items, page, size, total);
	}

	void forEachInScope(Search search, Consumer<Cadre> consumer) {
		jdbc.sql("SELECT " + COLUMNS + " FROM cadre c WHERE c.home_unit_id IN (" + Scope.UNIT_IDS + ")"
				+ (search.rank() == null ? "" : " AND c.rank = :rank") + " ORDER BY c.cadre_no")
			.params(search.scope().parameters())
			.params(search.rank() == null ? Map.of() : Map.of("rank", search.rank().name()))
			.query(rs -> {
				consumer.accept(map(rs, 0));
			});
	}

	record Row(String cadreNo, String name, char gender, LocalDate birthDate, String ethnicity, String education,
			@Nullable LocalDate partyDate, Rank rank, @Nullable LocalDate rankSince, long homeUnitId, String idCipher,
			String idIndex, String idMasked) {
	}

	long insert(Row row) {
		return jdbc.sql("""
				INSERT INTO cadre (cadre_no, name, gender, birth_date, ethnicity, education, party_date, rank, rank_since,
				                   home_unit_id, id_number_cipher, id_number_index, id_number_masked)
				VALUES (:no, :name, :gender, :birth, :ethnicity, :education, :party, :rank, :rankSince, :unit, :cipher,
				        :ix, :masked) RETURNING id
				""")
			.params(params(row))
			.query(Long.class)
			.single();
	}

	void update(long id, Row row, boolean newIdNumber) {
		jdbc.sql("UPDATE cadre SET name = :name, gender = :gender, birth_date = :birth, ethnicity = :ethnicity,"
				+ " education = :education, party_date = :party, rank = :rank, rank_since = :rankSince, home_unit_id = :unit,"
				+ (newIdNumber ? " id_number_cipher = :cipher, id_number_index = :ix, id_number_masked = :masked," : "")
				+ " updated_at = now() WHERE id = :id")
			.params(params(row))
			.param("id", id)
			.update();
	}

	private static Map<String, Object> params(Row row) {
		Map<String, Object> params = new HashMap<>();
		params.put("no", row.cadreNo());
		params.put("name", row.name());
		params.put("gender", String.valueOf(row.gender()));
		params.put("birth", row.birthDate());
		params.put("ethnicity", row.ethnicity());
		params.put("education", row.education());
		params.put("party", row.partyDate());
		params.put("rank", row.rank().name());
		params.put("rankSince", row.rankSince());
		params.put("unit", row.homeUnitId());
		params.put("cipher", row.idCipher());
		params.put("ix", row.idIndex());
		params.put("masked", row.idMasked());
		return params;
	}

	String idIndexOf(long id) {
		return jdbc.sql("SELECT id_number_index FROM cadre WHERE id = ?").param(id).query(String.class).single();
	}

	// posts

	List<Post> posts(long cadreId) {
		return jdbc.sql("SELECT * FROM post WHERE cadre_id = ? ORDER BY start_date DESC, id DESC").param(cadreId)
			.query(CadreRepository::mapPost)
			.list();
	}

	Optional<Post> findPost(long cadreId, long unitId, String title, LocalDate start) {
		return jdbc.sql("SELECT * FROM post WHERE cadre_id = ? AND unit_id = ? AND title = ? AND start_date = ?")
			.params(cadreId, unitId, title, start)
			.query(CadreRepository::mapPost)
			.optional();
	}

	long insertPost(long cadreId, long unitId, String title, LocalDate start, @Nullable LocalDate end, boolean key,
			PostReason reason) {
		return jdbc.sql("""
				INSERT INTO post (cadre_id, unit_id, title, start_date, end_date, key_post, reason)
				VALUES (:cadre, :unit, :title, :start, :end, :key, :reason) RETURNING id
				""")
			.param("cadre", cadreId)
			.param("unit", unitId)
			.param("title", title)
			.param("start", start)
			.param("end", end, java.sql.Types.DATE)
			.param("key", key)
			.param("reason", reason.name())
			.query(Long.class)
			.single();
	}

	void updatePost(long id, @Nullable LocalDate end, boolean key, PostReason reason) {
		jdbc.sql("UPDATE post SET end_date = :end, key_post = :key, reason = :reason WHERE id = :id")
			.param("end", end, java.sql.Types.DATE)
			.param("key", key)
			.param("reason", reason.name())
			.param("id", id)
			.update();
	}

	// team memberships

	List<Membership> memberships(long cadreId) {
		return jdbc.sql("SELECT * FROM team_membership WHERE cadre_id = ? ORDER BY start_date DESC").param(cadreId)
			.query(CadreRepository::mapMembership)
			.list();
	}

	List<Membership> team(long unitId, boolean history) {
		return jdbc.sql("SELECT * FROM team_membership WHERE unit_id = ?" + (history ? "" : " AND end_date IS NULL")
				+ " ORDER BY CASE team_role WHEN 'SECRETARY' THEN 0 WHEN 'DEPUTY_SECRETARY' THEN 1 WHEN 'HEAD' THEN 2"
				+ " WHEN 'DEPUTY_HEAD' THEN 3 ELSE 4 END, start_date, id")
			.param(unitId)
			.query(CadreRepository::mapMembership)
			.list();
	}

	List<Membership> teamsOf(Collection<Long> unitIds) {
		return jdbc.sql("SELECT * FROM team_membership WHERE unit_id = ANY(:ids)")
			.param("ids", unitIds.stream().distinct().toArray(Long[]::new))
			.query(CadreRepository::mapMembership)
			.list();
	}

	/** Every membership held on a day at the units of a scope, in one query. */
	List<Membership> membershipsOn(org.banzi.organization.Scope scope, LocalDate day) {
		return jdbc.sql("SELECT * FROM team_membership WHERE unit_id IN (" + org.banzi.organization.Scope.UNIT_IDS + ")"
				+ " AND start_date <= :day AND (end_date IS NULL OR end_date >= :day)"
				+ " ORDER BY unit_id, CASE team_role WHEN 'SECRETARY' THEN 0 WHEN 'DEPUTY_SECRETARY' THEN 1 WHEN 'HEAD' THEN 2"
				+ " WHEN 'DEPUTY_HEAD' THEN 3 ELSE 4 END, start_date, id")
			.params(scope.parameters()).param("day", day)
			.query(CadreRepository::mapMembership)
			.list();
	}

	Optional<Membership> findMembership(long cadreId, long unitId, TeamRole role, LocalDate start) {
		return jdbc.sql("SELECT * FROM team_membership WHERE cadre_id = ? AND unit_id = ? AND team_role = ? AND start_date = ?")
			.params(cadreId, unitId, role.name(), start)
			.query(CadreRepository::mapMembership)
			.optional();
	}

	Optional<Membership> findMembership(long id) {
		return jdbc.sql("SELECT * FROM team_membership WHERE id = ?").param(id).query(CadreRepository::mapMembership).optional();
	}

	/** Secretaries of a team whose time overlaps the period, other than the membership being written. */
	List<Membership> overlappingSecretaries(long unitId, LocalDate start, @Nullable LocalDate end, long excludeId) {
		return jdbc.sql("""
				SELECT * FROM team_membership
				 WHERE unit_id = :unit AND team_role = 'SECRETARY' AND id <> :exclude
				   AND start_date <= COALESCE(:end, DATE '9999-12-31')
				   AND COALESCE(end_date, DATE '9999-12-31') >= :start
				""")
			.param("unit", unitId)
			.param("exclude", excludeId)
			.param("start", start)
			.param("end", end, java.sql.Types.DATE)
			.query(CadreRepository::mapMembership)
			.list();
	}

	long insertMembership(long cadreId, long unitId, TeamRole role, LocalDate start, @Nullable LocalDate end) {
		return jdbc.sql("""
				INSERT INTO team_membership (cadre_id, unit_id, team_role, start_date, end_date)
				VALUES (:cadre, :unit, :role, :start, :end) RETURNING id
				""")
			.param("cadre", cadreId)
			.param("unit", unitId)
			.param("role", role.name())
			.param("start", start)
			.param("end", end, java.sql.Types.DATE)
			.query(Long.class)
			.single();
	}

	void endMembership(long id, @Nullable LocalDate end) {
		jdbc.sql("UPDATE team_membership SET end_date = :end WHERE id = :id")
			.param("end", end, java.sql.Types.DATE)
			.param("id", id)
			.update();
	}
}
