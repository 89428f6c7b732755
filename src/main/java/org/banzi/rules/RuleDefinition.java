package org.banzi.rules;

/** A rule of the catalogue: how it compares, what it measures, and what its versions are given for. */
public record RuleDefinition(String key, Comparison comparison, Measure measure, AppliesKind appliesKind, int order) {
}
