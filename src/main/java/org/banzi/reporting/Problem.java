package org.banzi.reporting;

/** A problem derived from the records: the rule it breaks, its source, who or what, and a sentence. */
public record Problem(String rule, String citation, String subject, String text) {
}
