package org.banzi.orglife;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.banzi.cadres.Cadre;
import org.banzi.cadres.Cadres;
import org.banzi.cadres.Membership;
import org.banzi.cadres.TeamRole;
import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.db.Memo;
import org.banzi.rules.AppliedRule;
import org.banzi.rules.Rules;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the pages and the JSON reads show: records with the names of their units and cadres, quorum, talks to go. */
@Component
@Transactional(readOnly = true)
class OrgLifeViews {

	private final OrgLifeRepository repository;
	private final Cadres cadres;
	private final Units units;
	private final Rules rules;
	private final Memo memo;

	OrgLifeViews(OrgLifeRepository repository, Cadres cadres, Units units, Rules rules, Memo memo) {
		this.repository = repository;
		this.cadres = cadres;
		this.units = units;
		this.rules = rules;
		this.memo = memo;
	}

	Map<Long, Cadre> cadres(Collection<Long> ids) {
		return cadres.findByIds(new HashSet<>(ids));
	}

	/** The units by id, for naming those of a scope's records (every unit: the kept look-up, not read per request). */
	Map<Long, Unit> units(Scope scope) {
		return units.lookup();
	}

	/** A meeting as its page shows it: attendance, quorum against the rule, items checked again, talks before it. */
	record MeetingView(LifeMeeting meeting, Unit unit, List<LifeMeeting.Attendee> attendees, int teamSize, int present,
			@Nullable AppliedRule quorumRule, boolean quorate, List<RectificationItem> checkedBack, Map<Long, Boolean> overdue,
			List<TalkPair> talksToGo, Map<Long, Cadre> names) {
	}

	/** Two members who have not talked before the meeting (the secretary with each member, each member with each other). */
	record TalkPair(Cadre one, Cadre other, boolean withSecretary) {
	}

	MeetingView meeting(LifeMeeting meeting) {
		Unit unit = units.findById(meeting.unitId()).orElseThrow();
		List<LifeMeeting.Attendee> attendees = repository.attendance(meeting.id());
		List<Membership> team = cadres.teamOn(unit.id(), meeting.date());
		Set<Long> members = new HashSet<>();
		team.forEach(m -> members.add(m.cadreId()));
		int present = LifeMeeting.present(attendees);
		AppliedRule quorum = rules.resolve(OrgLifeRules.QUORUM, OrgLifeRules.ALL, unit, meeting.date()).orElse(null);
		Map<Long, Boolean> reviewed = repository.reviewedAt(meeting.id());
		List<RectificationItem> checkedBack = reviewed.keySet().stream().map(repository::findItem).flatMap(Optional::stream).toList();
		Set<Long> ids = new HashSet<>(members);
		attendees.forEach(a -> ids.add(a.cadreId()));
		checkedBack.forEach(i -> ids.add(i.ownerCadreId()));
		Map<Long, Cadre> names = cadres(ids);
		List<TalkPair> toGo = talksToGo(unit, meeting, team, names);
		return new MeetingView(meeting, unit, attendees, members.size(), present, quorum,
				quorum != null && quorum.metByShare(present, members.size()), checkedBack, reviewed, toGo, names);
	}

	/**
	 * The pairs of members who have no talk recorded between the team's previous life meeting (or the start of the year)
	 * and this one: the secretary with every member, every member with every other, either way round.
	 */
	private List<TalkPair> talksToGo(Unit unit, LifeMeeting meeting, List<Membership> team, Map<Long, Cadre> names) {
		LocalDate from = repository.meetings(new Scope(unit.id(), unit.path()), null, meeting.date()).stream()
			.filter(m -> m.unitId() == unit.id()).map(LifeMeeting::date).findFirst()
			.orElse(LocalDate.of(meeting.date().getYear(), 1, 1));
		Set<String> talked = new HashSet<>();
		repository.talks(unit.id(), from, meeting.date().plusDays(1))
			.forEach(t -> talked.add(pair(t.fromCadreId(), t.toCadreId())));
		Set<Long> secretaries = new HashSet<>();
		Map<Long, Cadre> members = new LinkedHashMap<>();
		for (Membership m : team) {
			if (m.role() == TeamRole.SECRETARY) {
				secretaries.add(m.cadreId());
			}
			Cadre cadre = names.get(m.cadreId());
			if (cadre != null) {
				members.put(cadre.id(), cadre);
			}
		}
		List<Cadre> list = new ArrayList<>(members.values());
		List<TalkPair> toGo = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			for (int j = i + 1; j < list.size(); j++) {
				Cadre a = list.get(i);
				Cadre b = list.get(j);
				if (!talked.contains(pair(a.id(), b.id()))) {
					toGo.add(new TalkPair(a, b, secretaries.contains(a.id()) || secretaries.contains(b.id())));
				}
			}
		}
		toGo.sort((x, y) -> Boolean.compare(y.withSecretary(), x.withSecretary()));
		return toGo;
	}

	private static String pair(long a, long b) {
		return Math.min(a, b) + "|" + Math.max(a, b);
	}

	/**
	 * The unit's page: every team of its subtree with its meetings of the year against the rule. Public, as the other
	 * rows the page lists: its template's expressions are compiled only for public types (interpreted, the page took
	 * about a sixth longer).
	 */
	public record TeamRow(Unit unit, long meetings, @Nullable AppliedRule rule, boolean behind) {
	}

	/** Kept until an organizational life record, a team, cadre, unit or rule changes. */
	List<TeamRow> teams(FieldProblems problems, Scope scope, int year, LocalDate day) {
		return memo.remember(List.of(OrgLifeViews.class, "teams", scope, year, day), OrgLifeFigures.TABLES,
				() -> computeTeams(problems, scope, year, day));
	}

	private List<TeamRow> computeTeams(FieldProblems problems, Scope scope, int year, LocalDate day) {
		Map<Long, Unit> byId = units(scope);
		List<TeamRow> rows = new ArrayList<>();
		for (long[] team : problems.teamMeetings(scope, year, day)) {
			Unit unit = byId.get(team[0]);
			AppliedRule rule = rules.resolve(OrgLifeRules.MEETINGS_PER_YEAR, OrgLifeRules.ALL, unit, day).orElse(null);
			rows.add(new TeamRow(unit, team[1], rule, rule != null && rules.evaluate(rule, java.math.BigDecimal.valueOf(team[1])).behind()));
		}
		rows.sort((a, b) -> a.unit().path().compareTo(b.unit().path()));
		return List.copyOf(rows);
	}
}
