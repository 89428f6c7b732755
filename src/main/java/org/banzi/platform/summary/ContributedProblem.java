package org.banzi.platform.summary;

/** A problem a module's rules find: the rule's key, its citation, who or what, and a sentence in the user's language. */
public record ContributedProblem(String rule, String citation, String subject, String text) {
}
