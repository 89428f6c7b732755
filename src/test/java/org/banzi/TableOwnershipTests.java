package org.banzi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A module's tables are its own: SQL in one module never names a table another module writes. Other modules read
 * through the owner's facade or the queries it publishes (such as {@code Cadres.MEMBERSHIPS}), which keeps the
 * owner free to change its tables. A table's owner is the one module whose code inserts, updates, deletes or copies
 * into it; the demo and the platform are left out, as they are not modules of the domain.
 */
class TableOwnershipTests {

	private static final Path SOURCES = Path.of("src/main/java/org/banzi");

	private static final Set<String> NOT_MODULES = Set.of("demo", "platform");

	private static final Pattern WRITE = Pattern
		.compile("\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|COPY)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

	private static final Pattern READ = Pattern.compile("\\b(?:FROM|JOIN)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

	@Test
	void noModuleNamesAnotherModulesTable() throws IOException {
		Map<String, String> sources = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				sources.put(SOURCES.relativize(file).toString().replace('\\', '/'), Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		Map<String, String> owners = owners(sources);
		assertThat(owners).as("owners found from the writes").containsEntry("team_membership", "cadres")
			.containsEntry("org_unit", "organization")
			.containsEntry("enrolment", "training");
		assertThat(foreignReads(sources, owners)).as("SQL naming another module's table").isEmpty();
	}

	@Test
	void findsAReadOfAnotherModulesTable() {
		Map<String, String> sources = Map.of(
				"cadres/CadreRepository.java", "jdbc.sql(\"INSERT INTO cadre (name) VALUES (?)\")",
				"study/StudyRepository.java", "jdbc.sql(\"SELECT s.id FROM self_study s JOIN cadre c ON c.id = s.cadre_id\");"
						+ " jdbc.sql(\"DELETE FROM self_study WHERE id = ?\")",
				"demo/Demo.java", "jdbc.sql(\"UPDATE self_study SET hours = 1; SELECT * FROM cadre\")");
		Map<String, String> owners = owners(sources);
		assertThat(owners).containsExactlyInAnyOrderEntriesOf(Map.of("cadre", "cadres", "self_study", "study"));
		assertThat(foreignReads(sources, owners)).containsExactly("study/StudyRepository.java reads cadre, owned by cadres");
	}

	/** Each table written by exactly one module, with that module. */
	static Map<String, String> owners(Map<String, String> sources) {
		Map<String, Set<String>> writers = new HashMap<>();
		sources.forEach((file, text) -> {
			String module = module(file);
			if (!NOT_MODULES.contains(module)) {
				Matcher matcher = WRITE.matcher(text);
				while (matcher.find()) {
					writers.computeIfAbsent(matcher.group(1).toLowerCase(), table -> new HashSet<>()).add(module);
				}
			}
		});
		Map<String, String> owners = new HashMap<>();
		writers.forEach((table, modules) -> {
			if (modules.size() == 1 && !table.equals("set")) {
				owners.put(table, modules.iterator().next());
			}
		});
		return owners;
	}

	static List<String> foreignReads(Map<String, String> sources, Map<String, String> owners) {
		Set<String> reads = new TreeSet<>();
		sources.forEach((file, text) -> {
			String module = module(file);
			if (!NOT_MODULES.contains(module)) {
				Matcher matcher = READ.matcher(text);
				while (matcher.find()) {
					String table = matcher.group(1).toLowerCase();
					String owner = owners.get(table);
					if (owner != null && !owner.equals(module)) {
						reads.add(file + " reads " + table + ", owned by " + owner);
					}
				}
			}
		});
		return new ArrayList<>(reads);
	}

	private static String module(String file) {
		int slash = file.indexOf('/');
		return slash < 0 ? "" : file.substring(0, slash);
	}
}
