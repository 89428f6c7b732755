package org.banzi.audit;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.banzi.platform.tabular.ImportProgress;
import org.jspecify.annotations.Nullable;

/**
 * The rows an import inserted or updated, each with its values before (nothing for an insert) and after, for the
 * audit trail ({@link ImportAudit#done(String, String, Long, ImportChanges, int)}), so what an import changed stays
 * traceable row by row. Values are given as maps or as records, whose components are taken as they are: dates,
 * numbers, texts and enumerations by their text, nested records and lists likewise.
 */
public final class ImportChanges {

	private final List<Map<String, Object>> rows = new ArrayList<>();
	private int inserted;
	private int updated;

	public void inserted(String key, Object after) {
		rows.add(ImportAudit.change(key, Map.of(), values(after)));
		inserted++;
		ImportProgress.rowWritten();
	}

	public void updated(String key, Object before, Object after) {
		rows.add(ImportAudit.change(key, values(before), values(after)));
		updated++;
		ImportProgress.rowWritten();
	}

	public int insertedCount() {
		return inserted;
	}

	public int updatedCount() {
		return updated;
	}

	List<Map<String, Object>> rows() {
		return rows;
	}

	/**
	 * A record's values as the trail keeps them, leaving out the named components (what must stay secret, or what
	 * only the module's own key identifies).
	 */
	public static Map<String, Object> values(Object value, String... leftOut) {
		Set<String> skipped = Set.of(leftOut);
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((k, v) -> {
				if (!skipped.contains(String.valueOf(k))) {
					copy.put(String.valueOf(k), plain(v));
				}
			});
			return copy;
		}
		if (!value.getClass().isRecord()) {
			throw new IllegalArgumentException("not a record or a map: " + value.getClass());
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		for (RecordComponent component : value.getClass().getRecordComponents()) {
			if (skipped.contains(component.getName())) {
				continue;
			}
			try {
				var accessor = component.getAccessor();
				accessor.setAccessible(true);
				fields.put(component.getName(), plain(accessor.invoke(value)));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("cannot read " + component.getName() + " of " + value.getClass(), ex);
			}
		}
		return fields;
	}

	/** The SHA-256 of a long text, for the trail to show that it changed without holding it. */
	public static String digest(String text) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable Object plain(@Nullable Object value) {
		if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
			return value;
		}
		if (value instanceof Collection<?> collection) {
			return collection.stream().map(ImportChanges::plain).toList();
		}
		if (value instanceof Object[] array) {
			return Arrays.stream(array).map(ImportChanges::plain).toList();
		}
		if (value instanceof Map<?, ?> || value.getClass().isRecord()) {
			return values(value);
		}
		return value.toString();
	}
}
