package org.banzi.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a module asks the trail to record: the action, the object it touched, the unit it belongs to, the outcome
 * and the details (for a change, the before and after of each changed field).
 */
public record AuditEntry(String action, String objectType, @Nullable String objectId, @Nullable Long unitId,
		Outcome outcome, Map<String, Object> details) {

	public enum Outcome {
		SUCCESS, FAILURE, DENIED
	}

	public AuditEntry {
		details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

	public static AuditEntry success(String action, String objectType, @Nullable Object objectId,
			@Nullable Long unitId, Map<String, Object> details) {
		return new AuditEntry(action, objectType, objectId == null ? null : objectId.toString(), unitId, Outcome.SUCCESS,
				details);
	}

	/**
	 * The fields that differ between two snapshots, each as {@code {before, after}}; a creation passes an empty
	 * before, a deletion an empty after.
	 */
	public static Map<String, Object> changes(Map<String, ?> before, Map<String, ?> after) {
		Map<String, Object> changed = new LinkedHashMap<>();
		java.util.Set<String> fields = new java.util.LinkedHashSet<>(before.keySet());
		fields.addAll(after.keySet());
		for (String field : fields) {
			Object old = before.get(field);
			Object now = after.get(field);
			if (!Objects.equals(old, now)) {
				Map<String, Object> pair = new LinkedHashMap<>();
				pair.put("before", old);
				pair.put("after", now);
				changed.put(field, pair);
			}
		}
		return changed;
	}
}
