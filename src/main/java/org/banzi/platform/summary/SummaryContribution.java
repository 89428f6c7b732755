package org.banzi.platform.summary;

import java.util.List;
import java.util.Locale;

/**
 * A module's part of the annual summary: its figures (each with the records behind it) and the problems its rules
 * find, for a unit's subtree and a year. Reporting discovers every bean of this type and adds its parts to the
 * summary, the dashboard and the documents, so a module adds its part without reporting knowing it. Figures are
 * labelled and defined by the messages {@code summary.figure.<key>.label} and {@code .definition}.
 */
public interface SummaryContribution {

	/** Where the part stands among the others: the seed's Section I part (1 to 5) times 100, plus an order within it. */
	int order();

	/** The figure keys this part gives, in the order it gives them. */
	List<String> keys();

	List<ContributedFigure> figures(SummaryScope scope);

	List<ContributedProblem> problems(SummaryScope scope, Locale locale);

	/** The keys of the rules ({@code applies_to} ALL) this part holds the records against, for the summary's list. */
	List<String> ruleKeys();

	/**
	 * The rules this part holds its figures against, listed with the summary and as next year's targets: by default the
	 * {@link #ruleKeys()}, each applying to ALL.
	 */
	default List<RuleRef> targets() {
		return ruleKeys().stream().map(RuleRef::all).toList();
	}

	/** Rules the part applies besides its targets (to decide what counts), listed with the summary's rules only. */
	default List<RuleRef> alsoApplied() {
		return List.of();
	}

	/**
	 * What the part carries into next year's measures, one sentence each in the user's language (the rectification
	 * items still open on the report day, by team): written into the first draft's measures.
	 */
	default List<String> carriedOver(SummaryScope scope, Locale locale) {
		return List.of();
	}

	/**
	 * The keys of figures that can be above zero in a year nothing was recorded in (teams short of a target, cadres due
	 * to report, items past their deadline): they do not show that a year has records.
	 */
	default List<String> standingKeys() {
		return List.of();
	}

	/**
	 * Whether the part's figures for a subtree are the sums of its figures for the counties in it and for the rest of
	 * the subtree (ADR 0013): each figure counts or sums records that belong to one place (a unit, a cadre's units),
	 * or is a {@link ContributedFigure#ratio} of two such. A figure may count a person once across counties (members
	 * of teams, cadres trained) if the person reaches each county through a cadre's home, posts, teams or classes:
	 * migration V27 notes the counties such a person ties together. Reporting computes such a part for a province
	 * county by county and keeps each county's figures until a change in that county; after a change in one county
	 * only that county's figures are computed again. Its problems add up the same way: each names a subject of one
	 * place, or counts subjects with a {@link ContributedProblem.Tally} whose group does not depend on the scope's root.
	 * Off unless the part says so.
	 */
	default boolean addsUpByCounty() {
		return false;
	}

	/**
	 * Every table the part reads (its own and those behind the reads it borrows, rules included): the part is kept once
	 * computed and computed again only when a change to one of them commits (ADR 0008). Each needs the change-stamp
	 * trigger.
	 */
	List<String> tables();

	/**
	 * The tables the part's figures and problems of one year are kept against: {@link #tables()}, or for a table whose
	 * changes are counted by year as well, its changes in that year ({@code Memo.inYear}), when the part reads only
	 * that year's rows of it. Then entries of another year leave the year's part kept.
	 */
	default List<String> tables(int year) {
		return tables();
	}
}
