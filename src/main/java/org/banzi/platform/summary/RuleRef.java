package org.banzi.platform.summary;

/** A rule a summary part applies: its key and what it applies to (a unit type, a rank level, or ALL). */
public record RuleRef(String key, String appliesTo) {

	public static RuleRef all(String key) {
		return new RuleRef(key, "ALL");
	}
}
