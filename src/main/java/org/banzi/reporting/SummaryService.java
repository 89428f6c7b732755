package org.banzi.reporting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.banzi.audit.AuditEntry;
import org.banzi.audit.AuditTrail;
import org.banzi.organization.Unit;
import org.banzi.platform.CurrentUsers;
import org.banzi.rules.AppliedRule;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drafts and signs summaries. A draft's figures are computed from the records whenever it is shown; its narrative
 * refers to them as {@code {figure.key}}. Signing freezes the figures, problems and rules used, with a SHA-256
 * hash; later changes to records do not change a signed version, and a new draft can follow it.
 */
@Service
class SummaryService {

	static final List<String> SECTIONS = List.of("study", "training", "assistance", "democracy", "teams", "integrity", "problems", "measures");
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z_.]+)}");

	private final JdbcClient jdbc;
	private final SummaryCalculator calculator;
	private final MessageSource messages;
	private final AuditTrail audit;
	private final JsonMapper json;
	private final org.banzi.organization.Units units;

	SummaryService(JdbcClient jdbc, SummaryCalculator calculator, MessageSource messages, AuditTrail audit, JsonMapper json,
			org.banzi.organization.Units units) {
		this.units = units;
		this.jdbc = jdbc;
		this.calculator = calculator;
		this.messages = messages;
		this.audit = audit;
		this.json = json;
	}

	/** What a page or document shows: the summary (live or frozen), its narrative, and the version if stored. */
	record Shown(Summary summary, Map<String, String> narrative, @Nullable SummaryVersion version) {

		/** The narrative of a section with the figures written in. */
		public String text(String section) {
			return fill(narrative.getOrDefault(section, ""), summary);
		}
	}

	Optional<SummaryVersion> latest(long unitId, int year) {
		return jdbc.sql("SELECT * FROM summary_version WHERE unit_id = ? AND year = ? ORDER BY version DESC LIMIT 1")
			.params(unitId, year)
			.query(this::map)
			.optional();
	}

	Optional<SummaryVersion> version(long unitId, int year, int version) {
		return jdbc.sql("SELECT * FROM summary_version WHERE unit_id = ? AND year = ? AND version = ?")
			.params(unitId, year, version)
			.query(this::map)
			.optional();
	}

	List<SummaryVersion> versions(long unitId, int year) {
		return jdbc.sql("SELECT * FROM summary_version WHERE unit_id = ? AND year = ? ORDER BY version DESC")
			.params(unitId, year)
			.query(this::map)
			.list();
	}

	/** Not in a transaction: the summary's parts are computed on worker threads, each with its own connection. */
	Shown show(Unit unit, int year, @Nullable Integer version, Locale locale) {
		SummaryVersion stored = version == null ? latest(unit.id(), year).orElse(null)
				: version(unit.id(), year, version).orElseThrow(() -> new org.banzi.platform.NotFoundException("summary.notFound", version));
		if (stored != null && stored.signed()) {
			return new Shown(thaw(stored.frozen()), stored.narrative(), stored);
		}
		Summary live = calculator.compute(unit, year, locale);
		return new Shown(live, stored == null ? defaultNarrative(live, locale) : stored.narrative(), stored);
	}

	@Transactional
	SummaryVersion saveDraft(Unit unit, int year, Map<String, String> narrative, Locale locale) {
		Map<String, String> sections = new LinkedHashMap<>();
		SECTIONS.forEach(section -> sections.put(section, narrative.getOrDefault(section, "")));
		SummaryVersion latest = latest(unit.id(), year).orElse(null);
		if (latest != null && !latest.signed()) {
			jdbc.sql("UPDATE summary_version SET narrative = ? WHERE id = ?").params(json.writeValueAsString(sections), latest.id()).update();
			audit.record(AuditEntry.success("update", "summary", unit.code() + "/" + year + "/v" + latest.version(), unit.id(),
					AuditEntry.changes(latest.narrative(), sections)));
			return version(unit.id(), year, latest.version()).orElseThrow();
		}
		int next = latest == null ? 1 : latest.version() + 1;
		jdbc.sql("INSERT INTO summary_version (unit_id, year, version, status, narrative, created_by) VALUES (?, ?, ?, 'DRAFT', ?, ?)")
			.params(unit.id(), year, next, json.writeValueAsString(sections), CurrentUsers.actorName())
			.update();
		audit.record(AuditEntry.success("create", "summary", unit.code() + "/" + year + "/v" + next, unit.id(),
				AuditEntry.changes(Map.of(), sections)));
		return version(unit.id(), year, next).orElseThrow();
	}

	/** Freezes the latest draft: figures, problems, rules and text are stored with their hash. */
	@Transactional
	SummaryVersion sign(Unit unit, int year, Locale locale) {
		SummaryVersion draft = latest(unit.id(), year).filter(v -> !v.signed()).orElse(null);
		if (draft == null) {
			Summary live = calculator.compute(unit, year, locale);
			draft = saveDraft(unit, year, defaultNarrative(live, locale), locale);
		}
		Summary summary = calculator.compute(unit, year, locale);
		String frozen = json.writeValueAsString(freeze(summary));
		String hash = hash(frozen + json.writeValueAsString(draft.narrative()));
		// a signed version is written once: the draft row becomes signed in the same statement that fills it
		jdbc.sql("UPDATE summary_version SET status = 'SIGNED', frozen = ?, hash = ?, signed_by = ?, signed_at = now() WHERE id = ?")
			.params(frozen, hash, CurrentUsers.actorName(), draft.id())
			.update();
		audit.record(AuditEntry.success("sign", "summary", unit.code() + "/" + year + "/v" + draft.version(), unit.id(),
				Map.of("hash", hash)));
		return version(unit.id(), year, draft.version()).orElseThrow();
	}

	/** Whether a signed version's stored content still matches its hash. */
	boolean intact(SummaryVersion version) {
		return version.signed() && hash(version.frozen() + json.writeValueAsString(version.narrative())).equals(version.hash());
	}

	/** The seed's parts of Section I in its order, each with the figure keys that show it has records. */
	static final Map<String, List<String>> PARTS = new LinkedHashMap<>();
	static {
		PARTS.put("study", List.of("study."));
		PARTS.put("training", List.of("training."));
		PARTS.put("assistance", List.of("assistance."));
		PARTS.put("democracy", List.of("orglife."));
		PARTS.put("teams", List.of("teams.", "cadres.", "indicators.", "responsibility."));
		PARTS.put("integrity", List.of("integrity."));
	}

	/**
	 * The first draft: each part's paragraph with its figures as placeholders, or one line saying the part has no
	 * records yet (rather than a paragraph of zeros); the problems left to the writer; next year's targets.
	 */
	Map<String, String> defaultNarrative(Summary summary, Locale locale) {
		Map<String, String> sections = new LinkedHashMap<>();
		PARTS.forEach((section, prefixes) -> {
			boolean recorded = summary.figures().stream()
				.anyMatch(f -> f.value().signum() != 0 && prefixes.stream().anyMatch(f.key()::startsWith));
			if (!recorded) {
				sections.put(section, messages.getMessage("summary.narrative.empty",
						new Object[] { messages.getMessage("summary.section." + section, null, locale) }, locale));
				return;
			}
			StringBuilder text = new StringBuilder(messages.getMessage("summary.narrative." + section, null, locale));
			if (section.equals("teams")) {
				indicators(summary, locale).ifPresent(sentence -> text.append('\n').append(sentence));
				if (summary.byKey().containsKey("responsibility.tasks") && summary.figure("responsibility.tasks").value().signum() > 0) {
					text.append('\n').append(messages.getMessage("summary.narrative.responsibility", null, locale));
				}
			}
			sections.put(section, text.toString());
		});
		sections.put("problems", "");
		StringBuilder measures = new StringBuilder(messages.getMessage("summary.narrative.measures", null, locale));
		for (AppliedRule rule : summary.nextYearTargets()) {
			measures.append('\n').append(messages.getMessage("summary.narrative.target", new Object[] {
					messages.getMessage("rule.target." + rule.appliesTo(), null, rule.appliesTo(), locale),
					messages.getMessage("rule." + rule.key(), null, rule.key(), locale),
					messages.getMessage("rule.comparison." + rule.comparison(), null, "", locale), rule.formattedValue(),
					messages.getMessage("rule.measure." + rule.measure(), null, "", locale) }, locale));
		}
		// what was behind this year, rule by rule, and what is carried over
		List<String> behind = summary.problemGroups().stream()
			.map(g -> messages.getMessage("summary.narrative.behind.rule", new Object[] {
					messages.getMessage("rule." + g.rule(), null, g.rule(), locale), g.count() }, locale))
			.toList();
		if (!behind.isEmpty()) {
			measures.append('\n').append(messages.getMessage("summary.narrative.behind",
					new Object[] { String.join(messages.getMessage("summary.narrative.indicators.separator", null, locale), behind) }, locale));
		}
		Unit unit = units.findByCode(summary.unitCode()).orElse(null);
		if (unit != null) {
			calculator.carriedOver(unit, summary.year(), locale).forEach(sentence -> measures.append('\n').append(sentence));
		}
		sections.put("measures", measures.toString());
		return sections;
	}

	/**
	 * The sentence of the development indicators entered for the unit, each with its change on the year before where
	 * both years are entered: {@code summary.narrative.indicator.<INDICATOR>} and its {@code .growth} or {@code .change}
	 * fragment, the figures as placeholders.
	 */
	private Optional<String> indicators(Summary summary, Locale locale) {
		Map<String, Figure> figures = summary.byKey();
		List<String> parts = new ArrayList<>();
		figures.keySet().stream().filter(key -> key.startsWith("indicators.") && key.indexOf('.', "indicators.".length()) < 0).forEach(key -> {
			String indicator = key.substring("indicators.".length());
			StringBuilder part = new StringBuilder(messages.getMessage("summary.narrative.indicator." + indicator, null, key, locale));
			for (String change : List.of("growth", "change")) {
				String fragment = messages.getMessage("summary.narrative.indicator." + indicator + "." + change, null, "", locale);
				if (!fragment.isEmpty() && figures.containsKey(key + "." + change)) {
					part.append(fragment);
					break;
				}
			}
			parts.add(part.toString());
		});
		if (parts.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(messages.getMessage("summary.narrative.indicators",
				new Object[] { String.join(messages.getMessage("summary.narrative.indicators.separator", null, locale), parts) }, locale));
	}

	static String fill(String text, Summary summary) {
		Map<String, Figure> figures = summary.byKey();
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			Figure figure = figures.get(matcher.group(1));
			matcher.appendReplacement(out, Matcher.quoteReplacement(figure == null ? matcher.group() : figure.display()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private Map<String, Object> freeze(Summary summary) {
		Map<String, Object> frozen = new LinkedHashMap<>();
		frozen.put("year", summary.year());
		frozen.put("unitCode", summary.unitCode());
		frozen.put("unitName", summary.unitName());
		List<Map<String, Object>> figures = new ArrayList<>();
		summary.figures().forEach(f -> {
			Map<String, Object> figure = new LinkedHashMap<>();
			figure.put("key", f.key());
			figure.put("value", f.value().toPlainString());
			figure.put("evidence", f.evidence());
			figure.put("records", f.records());
			if (f.previous() != null) {
				figure.put("previous", f.previous().toPlainString());
			}
			figures.add(figure);
		});
		frozen.put("figures", figures);
		List<Map<String, Object>> problems = new ArrayList<>();
		summary.problems().forEach(p -> {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("rule", p.rule());
			problem.put("citation", p.citation());
			problem.put("subject", p.subject());
			problem.put("text", p.text());
			problem.put("measured", p.measured());
			if (p.gap() != null) {
				problem.put("gap", p.gap().toPlainString());
			}
			problems.add(problem);
		});
		frozen.put("problems", problems);
		frozen.put("rules", rulesJson(summary.rulesUsed()));
		frozen.put("nextYearTargets", rulesJson(summary.nextYearTargets()));
		return frozen;
	}

	private static List<Map<String, Object>> rulesJson(List<AppliedRule> rules) {
		List<Map<String, Object>> list = new ArrayList<>();
		rules.forEach(r -> {
			Map<String, Object> rule = new LinkedHashMap<>();
			rule.put("versionId", r.versionId());
			rule.put("key", r.key());
			rule.put("appliesTo", r.appliesTo());
			rule.put("comparison", r.comparison().name());
			rule.put("measure", r.measure().name());
			rule.put("value", r.value().toPlainString());
			rule.put("denominator", r.denominator().toPlainString());
			rule.put("from", r.effectiveFrom().toString());
			rule.put("source", r.sourceTitle());
			rule.put("article", r.sourceArticle());
			list.add(rule);
		});
		return list;
	}

	@SuppressWarnings("unchecked")
	private Summary thaw(@Nullable String frozen) {
		Map<String, Object> data = json.readValue(frozen, new TypeReference<Map<String, Object>>() {
		});
		List<Figure> figures = new ArrayList<>();
		for (Map<String, Object> f : (List<Map<String, Object>>) data.get("figures")) {
			figures.add(new Figure((String) f.get("key"), new java.math.BigDecimal((String) f.get("value")), (String) f.get("evidence"),
					((Number) f.get("records")).longValue(), f.get("previous") == null ? null : new java.math.BigDecimal((String) f.get("previous"))));
		}
		List<Problem> problems = new ArrayList<>();
		for (Map<String, Object> p : (List<Map<String, Object>>) data.get("problems")) {
			problems.add(new Problem((String) p.get("rule"), (String) p.get("citation"), (String) p.get("subject"), (String) p.get("text"),
					p.get("measured") == null ? "" : (String) p.get("measured"),
					p.get("gap") == null ? null : new java.math.BigDecimal((String) p.get("gap"))));
		}
		return new Summary(((Number) data.get("year")).intValue(), (String) data.get("unitCode"), (String) data.get("unitName"),
				figures, problems, thawRules((List<Map<String, Object>>) data.get("rules")),
				thawRules((List<Map<String, Object>>) data.get("nextYearTargets")));
	}

	private static List<AppliedRule> thawRules(List<Map<String, Object>> list) {
		List<AppliedRule> rules = new ArrayList<>();
		for (Map<String, Object> r : list) {
			rules.add(new AppliedRule(((Number) r.get("versionId")).longValue(), (String) r.get("key"),
					org.banzi.rules.Comparison.valueOf((String) r.get("comparison")), org.banzi.rules.Measure.valueOf((String) r.get("measure")),
					(String) r.get("appliesTo"), new java.math.BigDecimal((String) r.get("value")),
					new java.math.BigDecimal((String) r.get("denominator")), java.time.LocalDate.parse((String) r.get("from")), null,
					(String) r.get("source"), (String) r.get("article"), "", null, "", java.time.Instant.EPOCH));
		}
		return rules;
	}

	private SummaryVersion map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Timestamp signedAt = rs.getTimestamp("signed_at");
		return new SummaryVersion(rs.getLong("id"), rs.getLong("unit_id"), rs.getInt("year"), rs.getInt("version"),
				rs.getString("status"), json.readValue(rs.getString("narrative"), new TypeReference<LinkedHashMap<String, String>>() {
				}), rs.getString("frozen"), rs.getString("hash"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				rs.getString("signed_by"), signedAt == null ? null : signedAt.toInstant());
	}

	static String hash(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
