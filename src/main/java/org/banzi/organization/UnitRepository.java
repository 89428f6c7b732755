package org.banzi.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for units; subtree queries are prefix matches on the indexed path. */
@Repository
class UnitRepository {

	private static final String COLUMNS = "id, code, name, type, parent_id, path, depth, retired_on";
	/** Serialises changes to the tree's shape (moves, imports) so no two can make a cycle together. */
	private static final long TREE_LOCK = 0x6f72675f74726565L;

	private final JdbcClient jdbc;

	UnitRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static Unit map(ResultSet rs, int row) throws SQLException {
		return new Unit(rs.getLong("id"), rs.getString("code"), rs.getString("name"), UnitType.valueOf(rs.getString("type")),
				rs.getObject("parent_id", Long.class), rs.getString("path"), rs.getInt("depth"),
				rs.getObject("retired_on", java.time.LocalDate.class));
	}

	void lockTree() {
		jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(TREE_LOCK).query().singleValue();
	}

	Optional<Unit> findById(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE id = ?").param(id).query(UnitRepository::map).optional();
	}

	Optional<Unit> findByCode(String code) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE code = ?").param(code).query(UnitRepository::map).optional();
	}

	Map<String, Unit> findByCodes(Collection<String> codes) {
		Map<String, Unit> found = new LinkedHashMap<>();
		if (codes.isEmpty()) {
			return found;
		}
		jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE code = ANY(:codes)")
			.param("codes", codes.toArray(String[]::new))
			.query(UnitRepository::map)
			.list()
			.forEach(unit -> found.put(unit.code(), unit));
		return found;
	}

	Optional<Unit> findRoot() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1")
			.query(UnitRepository::map)
			.optional();
	}

	List<Unit> ancestors(Unit unit) {
		List<Long> ids = new ArrayList<>();
		for (String part : unit.path().split("/")) {
			if (!part.isEmpty()) {
				ids.add(Long.valueOf(part));
			}
		}
		return jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE id = ANY(:ids) ORDER BY depth")
			.param("ids", ids.toArray(Long[]::new))
			.query(UnitRepository::map)
			.list();
	}

	List<Unit> children(long parentId, boolean includeRetired) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE parent_id = :parent"
				+ (includeRetired ? "" : " AND retired_on IS NULL") + " ORDER BY type, code")
			.param("parent", parentId)
			.query(UnitRepository::map)
			.list();
	}

	Map<Long, Long> childCounts(Collection<Long> parentIds) {
		Map<Long, Long> counts = new LinkedHashMap<>();
		if (parentIds.isEmpty()) {
			return counts;
		}
		jdbc.sql("SELECT parent_id, count(*) FROM org_unit WHERE parent_id = ANY(:ids) AND retired_on IS NULL GROUP BY parent_id")
			.param("ids", parentIds.toArray(Long[]::new))
			.query(rs -> {
				counts.put(rs.getLong(1), rs.getLong(2));
			});
		return counts;
	}

	long countActiveChildren(long id) {
		return jdbc.sql("SELECT count(*) FROM org_unit WHERE parent_id = ? AND retired_on IS NULL").param(id)
			.query(Long.class)
			.single();
	}

	record Search(Scope scope, @Nullable String text, @Nullable UnitType type, boolean includeRetired) {
	}

	Page<Unit> search(Search search, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE " + Scope.PATH_CONDITION);
		Map<String, Object> params = new LinkedHashMap<>(search.scope().parameters());
		if (search.text() != null && !search.text().isBlank()) {
			where.append(" AND (code ILIKE :text OR name ILIKE :text)");
			params.put("text", "%" + escapeLike(search.text().strip()) + "%");
		}
		if (search.type() != null) {
			where.append(" AND type = :type");
			params.put("type", search.type().name());
		}
		if (!search.includeRetired()) {
			where.append(" AND retired_on IS NULL");
		}
		long total = jdbc.sql("SELECT count(*) FROM org_unit" + where).params(params).query(Long.class).single();
		List<Unit> units = jdbc.sql("SELECT " + COLUMNS + " FROM org_unit" + where + " ORDER BY path LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(UnitRepository::map)
			.list();
		return new Page<>(units, page, size, total);
	}

	/** Every unit of a subtree, parents before children, for export. */
	void forEachInSubtree(Scope scope, boolean includeRetired, java.util.function.Consumer<Unit> consumer) {
		jdbc.sql("SELECT " + COLUMNS + " FROM org_unit WHERE " + Scope.PATH_CONDITION
				+ (includeRetired ? "" : " AND retired_on IS NULL") + " ORDER BY depth, code")
			.params(scope.parameters())
			.query(rs -> {
				consumer.accept(map(rs, 0));
			});
	}

	/** A unit with its parent's code, as lists and exports show it. */
	record Listed(Unit unit, @Nullable String parentCode) {
	}

	/** Every unit of a subtree with its parent's code, parents before children, streamed. */
	void forEachListed(Scope scope, boolean includeRetired, java.util.function.Consumer<Listed> consumer) {
		jdbc.sql("SELECT u.id, u.code, u.name, u.type, u.parent_id, u.path, u.depth, u.retired_on, p.code AS parent_code"
				+ " FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id"
				+ " WHERE u.path >= :scopeLow AND u.path < :scopeHigh"
				+ (includeRetired ? "" : " AND u.retired_on IS NULL") + " ORDER BY u.depth, u.code")
			.params(scope.parameters())
			.query(rs -> {
				consumer.accept(new Listed(map(rs, 0), rs.getString("parent_code")));
			});
	}

	Page<Listed> pageListed(Scope scope, int page, int size) {
		long total = jdbc.sql("SELECT count(*) FROM org_unit WHERE " + Scope.PATH_CONDITION + " AND retired_on IS NULL")
			.params(scope.parameters())
			.query(Long.class)
			.single();
		List<Listed> items = jdbc.sql("SELECT u.id, u.code, u.name, u.type, u.parent_id, u.path, u.depth, u.retired_on,"
				+ " p.code AS parent_code FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id"
				+ " WHERE u.path >= :scopeLow AND u.path < :scopeHigh AND u.retired_on IS NULL"
				+ " ORDER BY u.path LIMIT :limit OFFSET :offset")
			.params(scope.parameters())
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> new Listed(map(rs, n), rs.getString("parent_code")))
			.list();
		return new Page<>(items, page, size, total);
	}

	Unit insert(String code, String name, UnitType type, @Nullable Unit parent) {
		long id = jdbc.sql("SELECT nextval('org_unit_id_seq')").query(Long.class).single();
		String path = (parent == null ? "/" : parent.path()) + id + "/";
		int depth = parent == null ? 0 : parent.depth() + 1;
		jdbc.sql("""
				INSERT INTO org_unit (id, code, name, type, parent_id, path, depth)
				VALUES (:id, :code, :name, :type, :parent, :path, :depth)
				""")
			.param("id", id)
			.param("code", code)
			.param("name", name)
			.param("type", type.name())
			.param("parent", parent == null ? null : parent.id())
			.param("path", path)
			.param("depth", depth)
			.update();
		return new Unit(id, code, name, type, parent == null ? null : parent.id(), path, depth, null);
	}

	void update(long id, String code, String name, UnitType type) {
		jdbc.sql("UPDATE org_unit SET code = :code, name = :name, type = :type, updated_at = now() WHERE id = :id")
			.param("id", id)
			.param("code", code)
			.param("name", name)
			.param("type", type.name())
			.update();
	}

	/** Moves a unit and its whole subtree under a new parent: one statement rewrites every path below it. */
	void move(Unit unit, Unit newParent) {
		String newPath = newParent.path() + unit.id() + "/";
		int depthChange = newParent.depth() + 1 - unit.depth();
		jdbc.sql("""
				UPDATE org_unit
				   SET path = :newPath || substring(path FROM :oldLength + 1),
				       depth = depth + :depthChange,
				       parent_id = CASE WHEN id = :id THEN :parent ELSE parent_id END,
				       updated_at = CASE WHEN id = :id THEN now() ELSE updated_at END
				 WHERE path >= :scopeLow AND path < :scopeHigh
				""")
			.param("newPath", newPath)
			.param("oldLength", unit.path().length())
			.param("depthChange", depthChange)
			.param("id", unit.id())
			.param("parent", newParent.id())
			.params(new Scope(unit.id(), unit.path()).parameters())
			.update();
	}

	void retire(long id, java.time.LocalDate on) {
		jdbc.sql("UPDATE org_unit SET retired_on = :on, updated_at = now() WHERE id = :id").param("id", id).param("on", on).update();
	}

	void reinstate(long id) {
		jdbc.sql("UPDATE org_unit SET retired_on = NULL, updated_at = now() WHERE id = :id").param("id", id).update();
	}

	long count() {
		return jdbc.sql("SELECT count(*) FROM org_unit").query(Long.class).single();
	}

	static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}
}
