package org.banzi.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.banzi.platform.summary.ContributedProblem;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The sentences of the summary's problems that rules find, for the modules' summary parts: a team short of a target,
 * or how many subjects one version of a rule finds behind. The sentences are the messages
 * {@code summary.problem.*}, each naming the rule, its value and its citation.
 */
@Component
public class RuleProblems {

	private final Rules rules;
	private final MessageSource messages;

	RuleProblems(Rules rules, MessageSource messages) {
		this.rules = rules;
		this.messages = messages;
	}

	/** A team (or other subject) whose measured value an evaluation finds behind. */
	public ContributedProblem behind(Evaluation evaluation, String subject, Locale locale) {
		String rule = message("rule." + evaluation.rule().key(), locale);
		String measured = evaluation.measured().stripTrailingZeros().toPlainString();
		return new ContributedProblem(evaluation.rule().key(), evaluation.rule().citation(), subject,
				messages.getMessage("summary.problem.team", new Object[] { subject, rule, measured, evaluation.rule().formattedValue(),
						evaluation.rule().citation() }, locale),
				measured, evaluation.gap().abs());
	}

	/**
	 * One problem per version of a rule that finds something behind, in the order of the rules, the larger count first:
	 * {@code subjectKey} names the subjects by their count ("12 cadres"), {@code messageKey} is the sentence with the
	 * count, the rule's name, its value and its citation. The counts of one version add up across a province's counties.
	 */
	public List<ContributedProblem> counted(List<RuleCount> counts, String subjectKey, String messageKey, Locale locale) {
		List<ContributedProblem> problems = new ArrayList<>();
		counts.stream()
			.filter(count -> count.count() > 0)
			.sorted(Comparator.comparing((RuleCount count) -> rules.definition(count.rule().key()).order())
				.thenComparing(Comparator.comparingLong(RuleCount::count).reversed()))
			.forEach(count -> {
				AppliedRule rule = count.rule();
				problems.add(ContributedProblem.counted(messageKey + "|" + rule.versionId(), count.count(), n -> new ContributedProblem(rule.key(),
						rule.citation(), messages.getMessage(subjectKey, new Object[] { n }, locale), messages.getMessage(messageKey,
								new Object[] { n, message("rule." + rule.key(), locale), rule.formattedValue(), rule.citation() }, locale))));
			});
		return problems;
	}

	private String message(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
