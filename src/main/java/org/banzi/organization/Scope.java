package org.banzi.organization;

import java.util.Map;

/**
 * A subtree of the organization tree, as SQL can use it: the paths from {@code low} (inclusive) to {@code high}
 * (exclusive), an index range scan on {@code org_unit.path}. Other modules restrict their records to a user's scope
 * with {@link #UNIT_IDS}.
 */
public record Scope(long rootId, String rootPath) {

	/** Ids of the units inside the scope; bind {@link #parameters()}. */
	public static final String UNIT_IDS = "SELECT id FROM org_unit WHERE path >= :scopeLow AND path < :scopeHigh";

	/** Path condition on {@code org_unit} (alias-free). */
	public static final String PATH_CONDITION = "path >= :scopeLow AND path < :scopeHigh";

	public String low() {
		return rootPath;
	}

	/** Paths end in '/', and '0' is the character after it: every path in the subtree sorts below this. */
	public String high() {
		return rootPath.substring(0, rootPath.length() - 1) + "0";
	}

	public Map<String, Object> parameters() {
		return Map.of("scopeLow", low(), "scopeHigh", high());
	}

	public boolean contains(Unit unit) {
		return unit.path().startsWith(rootPath);
	}
}
