package org.banzi.audit;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** A small canonical JSON writer (keys sorted), so an audit record hashes the same whenever it is written. */
final class Json {

	private Json() {
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		append(out, value);
		return out.toString();
	}

	private static void append(StringBuilder out, Object value) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (var entry : new TreeMap<>(stringKeys(map)).entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(out, entry.getKey());
				out.append(':');
				append(out, entry.getValue());
			}
			out.append('}');
		}
		else if (value instanceof Collection<?> list) {
			out.append('[');
			boolean first = true;
			for (Object item : list) {
				if (!first) {
					out.append(',');
				}
				first = false;
				append(out, item);
			}
			out.append(']');
		}
		else {
			string(out, value.toString());
		}
	}

	private static Map<String, Object> stringKeys(Map<?, ?> map) {
		Map<String, Object> result = new TreeMap<>();
		map.forEach((key, value) -> result.put(String.valueOf(key), value));
		return result;
	}

	private static void string(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}
}
