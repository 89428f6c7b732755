package org.banzi.rules;

/** How many subjects (cadres, teams) one version of a rule finds behind. */
public record RuleCount(AppliedRule rule, long count) {
}
