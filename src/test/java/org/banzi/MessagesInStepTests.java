package org.banzi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every message exists in Simplified Chinese and in English, and every key a template or class uses exists. */
class MessagesInStepTests {

	static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessagesInStepTests.class.getResourceAsStream("/" + name)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	@Test
	void chineseAndEnglishHaveTheSameKeys() throws IOException {
		Set<String> chinese = load("messages.properties").stringPropertyNames();
		Set<String> english = load("messages_en.properties").stringPropertyNames();
		assertThat(new TreeSet<>(english)).as("keys missing in English").containsAll(chinese);
		assertThat(new TreeSet<>(chinese)).as("keys missing in Chinese").containsAll(english);
	}

	@Test
	void noEnglishMessageIsLeftInChinese() throws IOException {
		Properties chinese = load("messages.properties");
		Set<String> untranslated = new TreeSet<>();
		for (String key : chinese.stringPropertyNames()) {
			String value = chinese.getProperty(key);
			if (value.matches(".*[A-Za-z]{3,}.*") && !value.matches(".*\\p{IsHan}.*") && !value.equals("English")) {
				untranslated.add(key);
			}
		}
		assertThat(untranslated).as("Chinese messages with no Chinese in them").isEmpty();
	}

	@Test
	void everyStaticKeyUsedInTemplatesAndCodeExists() throws IOException {
		Set<String> known = load("messages.properties").stringPropertyNames();
		Set<String> used = new HashSet<>();
		collect(Path.of("src/main/resources/templates"), Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]"), used);
		collect(Path.of("src/main/java"), Pattern.compile("\"((?:unit|account|password|import|upload|error|audit|login|rule|cadre|team|study|training|summary|dashboard|evidence|orglife|assistance|integrity|assessment|problem|duty)\\.[a-zA-Z.]+)\""), used);
		collect(Path.of("src/main/java"), Pattern.compile("\\{((?:unit|account|password)\\.[a-zA-Z.]+)}"), used);
		used.removeIf(key -> key.endsWith("."));
		// rule keys look like message keys but name rules; their names are the messages "rule.<key>"
		Set<String> ruleKeys = new HashSet<>();
		collect(Path.of("src/main/resources/db/migration"), Pattern.compile("\\('([a-zA-Z.]+)',\\s+'(?:AT_|MORE|LESS)"), ruleKeys);
		assertThat(ruleKeys).hasSizeGreaterThan(30);
		for (String rule : ruleKeys) {
			assertThat(known).as("name of rule " + rule).contains("rule." + rule);
			used.remove(rule);
		}
		// figure keys name figures, in reporting's own parts and in the modules' contributions; their messages are
		// "summary.figure.<key>.label" and ".definition"
		Set<String> figureKeys = new HashSet<>();
		collect(Path.of("src/main/java"), Pattern.compile("(?:new Figure|ContributedFigure\\.count|new ContributedFigure)\\(\"([a-zA-Z.]+)\""),
				figureKeys);
		// and the keys a summary part lists as its KEYS
		Set<String> keyLists = new HashSet<>();
		collect(Path.of("src/main/java"), Pattern.compile("List<String> KEYS = List\\.of\\(([^;]*)\\);"), keyLists);
		keyLists.forEach(list -> Pattern.compile("\"([a-zA-Z.]+)\"").matcher(list).results().forEach(m -> figureKeys.add(m.group(1))));
		assertThat(figureKeys).as("the summary parts' keys").contains("study.county.groupSessions", "training.classes",
				"cadres.exchangedForTenure");
		assertThat(figureKeys).hasSizeGreaterThan(40);
		for (String figure : figureKeys) {
			assertThat(known).contains("summary.figure." + figure + ".label", "summary.figure." + figure + ".definition");
			used.remove(figure);
		}
		// a cadre's year figures (the duty report's) are named by "duty.figure.<key>"
		Set<String> dutyKeys = new HashSet<>();
		collect(Path.of("src/main/java"), Pattern.compile("(?:CadreFigure\\.of|new CadreFigure)\\(\"([a-zA-Z.]+)\""), dutyKeys);
		assertThat(dutyKeys).hasSizeGreaterThan(10);
		for (String duty : dutyKeys) {
			assertThat(known).contains("duty.figure." + duty);
			used.remove(duty);
		}
		assertThat(new TreeSet<>(used)).as("keys used but not defined").isSubsetOf(known);
	}

	private static void collect(Path root, Pattern pattern, Set<String> keys) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Matcher matcher = pattern.matcher(Files.readString(file));
				while (matcher.find()) {
					keys.add(matcher.group(1));
				}
			}
		}
	}
}
