package org.banzi.organization;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.banzi.platform.CurrentUser;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.db.Memo;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask of the organization tree: units by code or id, and a user's scope. */
@Service
@Transactional(readOnly = true)
public class Units {

	/**
	 * Every unit ({@code id, code, name, type, parent_id, path, depth, retired_on}), for SQL in other modules that needs
	 * more of a unit than its place in a scope.
	 */
	public static final String UNITS = "SELECT id, code, name, type, parent_id, path, depth, retired_on FROM org_unit";

	/**
	 * Every unit's id and tree path ({@code id, path}; the path lists the ids from the root down, {@code /1/7/42/}), for
	 * SQL in other modules that asks whether one unit lies above another.
	 */
	public static final String UNIT_PATHS = "SELECT id, path FROM org_unit";

	private final UnitRepository units;

	private final Memo memo;

	Units(UnitRepository units, Memo memo) {
		this.units = units;
		this.memo = memo;
	}

	public Optional<Unit> findByCode(String code) {
		return units.findByCode(code);
	}

	public Optional<Unit> findById(long id) {
		return units.findById(id);
	}

	public java.util.Map<String, Unit> findByCodes(java.util.Collection<String> codes) {
		return units.findByCodes(codes);
	}

	/**
	 * Every unit by id, read in one query and kept until a unit changes: for lists and computations that name many
	 * units, instead of one look-up each. The map is shared and cannot be changed; {@link #of} finds a unit added since.
	 * Kept, it is taken without a transaction of its own: every page's layout asks for it.
	 */
	@Transactional(readOnly = true, propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public Map<Long, Unit> lookup() {
		return memo.remember(List.of(Units.class, "lookup"), List.of("org_unit"), () -> {
			Map<Long, Unit> all = new HashMap<>();
			units.forEachInSubtree(new Scope(0, "/"), true, unit -> all.put(unit.id(), unit));
			return Collections.unmodifiableMap(all);
		});
	}

	/** The unit from a {@link #lookup()}, or read on its own if it was added after the lookup was taken. */
	public Unit of(Map<Long, Unit> lookup, long id) {
		Unit unit = lookup.get(id);
		return unit != null ? unit : findById(id).orElseThrow(() -> new NotFoundException("unit.notFound", String.valueOf(id)));
	}

	/** Every unit of a subtree, retired ones too, read in one query along the path index. */
	public List<Unit> subtree(Scope scope) {
		List<Unit> all = new java.util.ArrayList<>();
		units.forEachInSubtree(scope, true, all::add);
		return all;
	}

	/** The root of the tree: the county. */
	public Unit root() {
		return units.findRoot().orElseThrow(() -> new NotFoundException("unit.notFound", "-"));
	}

	/** The subtree the user may see: their home unit and everything below it. */
	public Scope scopeOf(CurrentUser user) {
		Unit home = units.findById(user.homeUnitId()).orElseThrow(() -> new NotFoundException("unit.notFound", "-"));
		return new Scope(home.id(), home.path());
	}

	/** The unit with this code if the user may see it; otherwise the same answer as for a unit that does not exist. */
	public Unit getInScope(CurrentUser user, String code) {
		Scope scope = scopeOf(user);
		return units.findByCode(code).filter(scope::contains).orElseThrow(() -> new NotFoundException("unit.notFound", code));
	}

	/**
	 * The unit a row of a form or an import names, if the user may see it; a blank code or one outside the scope
	 * finds nothing, so the row's check reports it as unknown.
	 */
	public java.util.Optional<Unit> findInScope(CurrentUser user, String code) {
		Scope scope = scopeOf(user);
		return code.isBlank() ? java.util.Optional.empty() : units.findByCode(code.strip()).filter(scope::contains);
	}

	/**
	 * The unit a page or a call is about: the code given, if in the user's scope, or else the user's home unit (from the
	 * kept look-up: most pages open on it, without a transaction of their own).
	 */
	@Transactional(readOnly = true, propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public Unit place(CurrentUser user, @org.jspecify.annotations.Nullable String code) {
		return code == null || code.isBlank() ? of(lookup(), user.homeUnitId()) : getInScope(user, code.strip());
	}

	/** The subtree of {@link #place}. */
	public Scope scopeAt(CurrentUser user, @org.jspecify.annotations.Nullable String code) {
		Unit unit = place(user, code);
		return new Scope(unit.id(), unit.path());
	}

	public boolean inScope(CurrentUser user, long unitId) {
		Scope scope = scopeOf(user);
		return units.findById(unitId).map(scope::contains).orElse(false);
	}

	/** The unit and its ancestors, root first. */
	public List<Unit> lineage(Unit unit) {
		return units.ancestors(unit);
	}
}
