package org.banzi.cadres;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.banzi.platform.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules may ask about cadres and teams. */
@Service
@Transactional(readOnly = true)
public class Cadres {

	/**
	 * Members of leadership teams on {@code :day} ({@code cadre_id, unit_id, team_role}), for SQL aggregations in other
	 * modules. Bind {@code :day}.
	 */
	public static final String TEAM_MEMBERS_ON = "SELECT cadre_id, unit_id, team_role FROM team_membership"
			+ " WHERE start_date <= :day AND (end_date IS NULL OR end_date >= :day)";

	/**
	 * Posts ({@code cadre_id, unit_id, start_date, end_date, reason}) for SQL aggregations in other modules, e.g. the
	 * appointments of a year that need a collective decision.
	 */
	public static final String POSTS = "SELECT cadre_id, unit_id, start_date, end_date, reason FROM post";

	/**
	 * Every team membership ({@code cadre_id, unit_id, team_role, start_date, end_date}, end open while held), for SQL
	 * that asks about the team on many days at once (each meeting's own day).
	 */
	public static final String MEMBERSHIPS = "SELECT cadre_id, unit_id, team_role, start_date, end_date FROM team_membership";

	/**
	 * Cadres by name ({@code id, cadre_no, name, rank, rank_since, home_unit_id}), for lists in other modules that name
	 * them and for rules that depend on the rank and since when it is held.
	 */
	public static final String CADRE_NAMES = "SELECT id, cadre_no, name, rank, rank_since, home_unit_id FROM cadre";

	/** Cadres ({@code id, rank, home_unit_id}) for SQL aggregations in other modules. */
	public static final String CADRES = "SELECT id, rank, home_unit_id FROM cadre";

	private final CadreRepository repository;

	Cadres(CadreRepository repository) {
		this.repository = repository;
	}

	public Optional<Cadre> findByNo(String cadreNo) {
		return repository.findByNo(cadreNo);
	}

	public Optional<Cadre> findById(long id) {
		return repository.findById(id);
	}

	public Map<String, Cadre> findByNos(Collection<String> numbers) {
		return repository.findByNos(numbers);
	}

	public Map<Long, Cadre> findByIds(Collection<Long> ids) {
		return repository.findByIds(ids);
	}

	/** The cadre whose own account this is: a cadre's username is their cadre number. */
	public Optional<Cadre> ownCadre(CurrentUser user) {
		return repository.findByNo(user.username());
	}

	public List<Membership> teamOn(long unitId, LocalDate day) {
		return repository.team(unitId, true).stream().filter(member -> member.heldOn(day)).toList();
	}

	/** Every membership, past and present, of these units' teams, by unit, in one query. */
	public Map<Long, List<Membership>> teamHistories(Collection<Long> unitIds) {
		Map<Long, List<Membership>> teams = new java.util.HashMap<>();
		repository.teamsOf(unitIds).forEach(m -> teams.computeIfAbsent(m.unitId(), id -> new java.util.ArrayList<>()).add(m));
		return teams;
	}

	/** The teams of a scope on a day: each unit with a member then, and its memberships, read in one query. */
	public Map<Long, List<Membership>> teamsOn(org.banzi.organization.Scope scope, LocalDate day) {
		Map<Long, List<Membership>> teams = new java.util.LinkedHashMap<>();
		repository.membershipsOn(scope, day).forEach(m -> teams.computeIfAbsent(m.unitId(), id -> new java.util.ArrayList<>()).add(m));
		return teams;
	}

	public List<Membership> memberships(long cadreId) {
		return repository.memberships(cadreId);
	}

	public List<Post> posts(long cadreId) {
		return repository.posts(cadreId);
	}
}
