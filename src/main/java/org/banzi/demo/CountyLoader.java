package org.banzi.demo;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.banzi.cadres.CadreImporter;
import org.banzi.organization.UnitImporter;
import org.banzi.platform.CurrentUser;
import org.banzi.study.CharacterCount;
import org.banzi.platform.db.BulkStatistics;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.study.StudyImporter;
import org.banzi.training.TrainingImporter;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a generated county: units, cadres, posts, teams, sessions and training through the importers (every row
 * validated as a user's would be); self-study and notes, the largest tables, by COPY, then checked for the rules
 * the importers would have applied.
 */
@Component
class CountyLoader {

	private static final Logger log = LoggerFactory.getLogger(CountyLoader.class);

	private final UnitImporter unitImporter;
	private final CadreImporter cadreImporter;
	private final StudyImporter studyImporter;
	private final TrainingImporter trainingImporter;
	private final JdbcClient jdbc;
	private final DataSource dataSource;
	private final BulkStatistics statistics;
	private final OrgLifeDemo orgLife;
	private final AssistanceDemo assistance;
	private final IntegrityDemo integrity;
	private final AssessmentDemo assessment;
	private final ResponsibilityDemo responsibility;
	private final TransactionTemplate transactions;

	CountyLoader(UnitImporter unitImporter, CadreImporter cadreImporter, StudyImporter studyImporter,
			TrainingImporter trainingImporter, JdbcClient jdbc, DataSource dataSource, BulkStatistics statistics,
			OrgLifeDemo orgLife, AssistanceDemo assistance, IntegrityDemo integrity, AssessmentDemo assessment,
			ResponsibilityDemo responsibility, PlatformTransactionManager transactionManager) {
		this.unitImporter = unitImporter;
		this.cadreImporter = cadreImporter;
		this.studyImporter = studyImporter;
		this.trainingImporter = trainingImporter;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.statistics = statistics;
		this.orgLife = orgLife;
		this.assistance = assistance;
		this.integrity = integrity;
		this.assessment = assessment;
		this.responsibility = responsibility;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	static final String DONE = "done";

	/**
	 * Whether the county is loaded whole: its last step is recorded. A county loaded before steps were recorded (its
	 * government unit there, no step recorded) is taken as loaded.
	 */
	boolean loaded(String prefix) {
		if (done(prefix, DONE)) {
			return true;
		}
		boolean anyStep = jdbc.sql("SELECT count(*) FROM demo_load_step WHERE prefix = ?").param(prefix).query(Long.class).single() > 0;
		return !anyStep && jdbc.sql("SELECT count(*) FROM org_unit WHERE code = ?").param(prefix + "GOV").query(Long.class).single() > 0;
	}

	private boolean done(String prefix, String step) {
		return jdbc.sql("SELECT count(*) FROM demo_load_step WHERE prefix = ? AND step = ?").params(prefix, step).query(Long.class)
			.single() > 0;
	}

	/**
	 * Runs a step's writes and records the step in one transaction, so a load stopped partway keeps whole steps only;
	 * a step recorded before is not run again.
	 */
	void step(String prefix, String step, Runnable writes) {
		if (done(prefix, step)) {
			log.info("Demo county {}: {} was loaded before", prefix, step);
			return;
		}
		transactions.executeWithoutResult(status -> {
			writes.run();
			jdbc.sql("INSERT INTO demo_load_step (prefix, step) VALUES (?, ?)").params(prefix, step).update();
		});
	}

	/**
	 * A step whose writes commit one by one, as a user's would (the assessment: a refused proposal is part of it): it
	 * is recorded when it ends, and a step stopped midway finds what it wrote when it runs again.
	 */
	void stepByStep(String prefix, String step, Runnable writes) {
		if (done(prefix, step)) {
			log.info("Demo county {}: {} was loaded before", prefix, step);
			return;
		}
		writes.run();
		jdbc.sql("INSERT INTO demo_load_step (prefix, step) VALUES (?, ?)").params(prefix, step).update();
	}

	/**
	 * The planner's statistics refreshed now, not when autovacuum comes by: the tables were empty, or much smaller,
	 * when it last looked.
	 */
	void analyze() {
		statistics.analyzeAll();
	}

	/** Runs a load whose imports leave the planner's statistics to the caller's {@link #analyze}. */
	void withoutStatistics(Runnable load) {
		statistics.deferring(load);
	}

	void load(CountyGenerator county, String countyCode, @org.jspecify.annotations.Nullable String parent, CurrentUser user,
			Consumer<String> progress) {
		Locale locale = Locale.SIMPLIFIED_CHINESE;
		int y = county.year;
		if (parent != null) {
			county.units.add(new String[] { countyCode, county.prefix + "县委", "COUNTY_COMMITTEE", parent });
		}
		String prefix = county.prefix;
		county.generateUnits(countyCode);
		county.generateCadres(countyCode);
		List<String[]> cadreRows = county.cadres.stream().map(c -> new String[] { c.number(), c.name(), String.valueOf(c.gender()),
				c.birth().toString(), c.rank(), c.unit(), c.idNumber() }).toList();
		// two steps: the units' import holds the unit tree's lock until it commits, which other counties' units wait for
		step(prefix, "units", () -> check("units", unitImporter.importFile(user, "units.csv", csv("code,name,type,parent_code",
				county.units), locale)));
		step(prefix, "cadres", () -> check("cadres", cadreImporter.importCadres(user, "cadres.csv",
				csv("cadre_no,name,gender,birth_date,rank,unit_code,id_number", cadreRows), locale)));
		progress.accept("cadres");

		// teams on 31 December: the county committee, each township, each department
		Map<String, List<String[]>> teams = new HashMap<>();
		List<String[]> members = new ArrayList<>();
		LocalDate formed = LocalDate.of(y - 3, 1, 1);
		List<CountyGenerator.Cadre> countyTeam = new ArrayList<>(county.in(countyCode, "COUNTY_PRINCIPAL"));
		countyTeam.addAll(county.in(countyCode, "COUNTY_DEPUTY"));
		addTeam(countyCode, countyTeam.subList(0, CountyGenerator.COUNTY_TEAM), formed, null, members, teams);
		for (int t = 1; t <= CountyGenerator.TOWNSHIPS; t++) {
			String code = county.townshipCode(t);
			List<CountyGenerator.Cadre> team = new ArrayList<>(county.in(code, "SECTION_PRINCIPAL", "SECTION_DEPUTY"))
				.subList(0, CountyGenerator.TOWNSHIP_TEAM);
			addTeam(code, team, formed, t <= CountyGenerator.TOWNSHIPS_ADJUSTED ? LocalDate.of(y, 3, 15) : null, members, teams);
		}
		for (int d = 1; d <= CountyGenerator.DEPARTMENTS; d++) {
			String code = county.departmentCode(d);
			List<CountyGenerator.Cadre> team = new ArrayList<>(county.in(code, "COUNTY_PRINCIPAL", "COUNTY_DEPUTY", "SECTION_PRINCIPAL",
					"SECTION_DEPUTY")).subList(0, CountyGenerator.DEPARTMENT_TEAM);
			addTeam(code, team, formed, d <= CountyGenerator.DEPARTMENTS_ADJUSTED ? LocalDate.of(y, 5, 20) : null, members, teams);
		}

		// those who joined a team this year were promoted to the post that put them on it
		Map<String, LocalDate> joined = new HashMap<>();
		members.stream().filter(row -> LocalDate.parse(row[3]).getYear() == y).forEach(row -> joined.put(row[0], LocalDate.parse(row[3])));
		List<String[]> posts = posts(county, joined);
		step(prefix, "teams and posts", () -> {
			check("team members", cadreImporter.importMemberships(user, "members.csv",
					csv("cadre_no,unit_code,team_role,start_date,end_date", members), locale));
			check("posts", cadreImporter.importPosts(user, "posts.csv",
					csv("cadre_no,unit_code,title,start_date,end_date,key_post,reason", posts), locale));
		});
		progress.accept("teams and posts");

		List<String[]> sessions = sessions(county, countyCode, teams);
		step(prefix, "study", () -> {
			check("sessions", studyImporter.importSessions(user, "sessions.csv",
					csv("unit_code,date,topic,hours,speaker,attendees", sessions), locale));
			copySelfStudyAndNotes(county, countyCode, teams);
		});
		progress.accept("study");

		List<String[]> classes = new ArrayList<>();
		List<String[]> enrolments = new ArrayList<>();
		training(county, classes, enrolments);
		step(prefix, "training", () -> {
			check("classes", trainingImporter.importClasses(user, "classes.csv",
					csv("code,title,organizer_unit_code,category,start_date,end_date,class_hours", classes), locale));
			check("enrolments", trainingImporter.importEnrolments(user, "enrolments.csv",
					csv("class_code,cadre_no,absent_hours,stage", enrolments), locale));
			// the year before, each team's secretary spent three months at the party school: the full course a cadre of any
			// level needs, and why the assessment may grade them excellent
			String course = county.code("CPY1");
			List<String[]> secretaries = new ArrayList<>();
			teams.values().forEach(rows -> rows.stream().filter(row -> row[2].equals("SECRETARY"))
				.forEach(row -> secretaries.add(new String[] { course, row[0], "0", "" })));
			check("course of the year before", trainingImporter.importClasses(user, "course.csv", csv(
					"code,title,organizer_unit_code,category,start_date,end_date,class_hours", List.<String[]>of(new String[] { course,
							"中青年干部培训班（三个月脱产）", county.code("PS"), "PARTY_SCHOOL_CLASS", (y - 1) + "-03-01", (y - 1) + "-05-31", "560" })),
					locale));
			check("its trainees", trainingImporter.importEnrolments(user, "course-trainees.csv", csv("class_code,cadre_no,absent_hours,stage",
					secretaries), locale));
			// two years before, the county-level cadres' three-month course: with the year's rotation, the 550 hours the
			// five-year rule asks of them
			String further = county.code("CPY2");
			List<String[]> countyLevel = new ArrayList<>();
			county.cadres.stream().filter(c -> c.rank().startsWith("COUNTY_"))
				.forEach(c -> countyLevel.add(new String[] { further, c.number(), "0", "" }));
			check("the county-level course", trainingImporter.importClasses(user, "further.csv", csv(
					"code,title,organizer_unit_code,category,start_date,end_date,class_hours", List.<String[]>of(new String[] { further,
							"县处级领导干部进修班（三个月脱产）", county.code("PS"), "PARTY_SCHOOL_CLASS", (y - 2) + "-03-01", (y - 2) + "-05-31",
							"520" })), locale));
			check("its trainees", trainingImporter.importEnrolments(user, "further-trainees.csv",
					csv("class_code,cadre_no,absent_hours,stage", countyLevel), locale));
		});
		progress.accept("training");
		step(prefix, "organizational life", () -> orgLife.load(county, countyCode, teams, posts, user, locale));
		progress.accept("organizational life");
		step(prefix, "assistance", () -> assistance.load(county, user, locale));
		progress.accept("assistance");
		step(prefix, "integrity", () -> integrity.load(county, countyCode, user, locale));
		progress.accept("integrity");
		step(prefix, "responsibility and indicators", () -> responsibility.load(county, countyCode, teams, user, locale));
		progress.accept("responsibility and indicators");
		if (parent == null) {
			// the year-end assessment of a county on its own: a province's counties are not assessed by the demo
			stepByStep(prefix, "assessment", () -> assessment.load(county, countyCode, user));
			progress.accept("assessment");
		}
		step(prefix, DONE, () -> {
		});
		progress.accept("statistics");
	}

	private static void addTeam(String unit, List<CountyGenerator.Cadre> team, LocalDate formed, LocalDate lastJoins,
			List<String[]> members, Map<String, List<String[]>> teams) {
		List<String[]> rows = new ArrayList<>();
		for (int i = 0; i < team.size(); i++) {
			String role = i == 0 ? "SECRETARY" : i == 1 ? "HEAD" : i < 4 ? "DEPUTY_SECRETARY" : "MEMBER";
			LocalDate start = lastJoins != null && i == team.size() - 1 ? lastJoins : formed;
			String[] row = { team.get(i).number(), unit, role, start.toString(), "" };
			members.add(row);
			rows.add(row);
		}
		teams.put(unit, rows);
	}

	/**
	 * About 40,000 posts: a current one at the home unit and two or three before it; six exchanged this year, and those
	 * who joined a team this year promoted to their post on the day they joined.
	 */
	private static List<String[]> posts(CountyGenerator county, Map<String, LocalDate> joined) {
		List<String[]> posts = new ArrayList<>();
		int y = county.year;
		int exchanged = 0;
		for (CountyGenerator.Cadre cadre : county.cadres) {
			boolean exchange = exchanged < CountyGenerator.EXCHANGED && cadre.rank().equals("SECTION_PRINCIPAL")
					&& cadre.unit().startsWith(county.code("D"));
			boolean key = county.random.nextInt(20) == 0;
			// most posts began within the last eight years (a key post within three, under the exchange rule's five); three in a
			// thousand are held past the ten years after which a post must be exchanged
			int yearsBack = county.random.nextInt(1000) < 3 ? 10 + county.random.nextInt(3) : county.random.nextInt(key ? 3 : 8);
			// nobody took up a post before the age of 22
			LocalDate firstPossible = cadre.birth().plusYears(22);
			LocalDate drawn = exchange ? LocalDate.of(y, 6, 1)
					: latest(LocalDate.of(y - 1 - yearsBack, 1 + county.random.nextInt(12), 1 + county.random.nextInt(28)), firstPossible);
			boolean promoted = !exchange && joined.containsKey(cadre.number());
			LocalDate currentStart = promoted ? joined.get(cadre.number()) : drawn;
			int earlier = 2 + (county.random.nextInt(10) < 3 ? 1 : 0);
			LocalDate end = currentStart.minusDays(1);
			List<String[]> history = new ArrayList<>();
			for (int i = 0; i < earlier; i++) {
				LocalDate start = end.minusYears(2 + county.random.nextInt(4)).plusDays(1);
				if (start.isBefore(firstPossible)) {
					break;
				}
				history.add(new String[] { cadre.number(), cadre.unit(), title(cadre.rank(), i + 1), start.toString(), end.toString(), "N",
						i == 0 && !cadre.rank().equals("STAFF") ? "PROMOTION" : "APPOINTMENT" });
				end = start.minusDays(1);
			}
			posts.addAll(history);
			posts.add(new String[] { cadre.number(), cadre.unit(), title(cadre.rank(), 0), currentStart.toString(), "", key ? "Y" : "N",
					exchange ? "EXCHANGE" : promoted ? "PROMOTION" : "APPOINTMENT" });
			if (exchange) {
				exchanged++;
			}
		}
		return posts;
	}

	private static LocalDate latest(LocalDate a, LocalDate b) {
		return a.isAfter(b) ? a : b;
	}

	private static String title(String rank, int earlier) {
		String title = switch (rank) {
			case "COUNTY_PRINCIPAL" -> "正县级领导职务";
			case "COUNTY_DEPUTY" -> "副县级领导职务";
			case "SECTION_PRINCIPAL" -> "正科级职务";
			case "SECTION_DEPUTY" -> "副科级职务";
			default -> "科员";
		};
		return earlier == 0 ? title : title + "（前任" + earlier + "）";
	}

	/** Central-group sessions: 13 for the county committee (8 hours each), 13 per township (100 hours), 20 per department. */
	private static List<String[]> sessions(CountyGenerator county, String countyCode, Map<String, List<String[]>> teams) {
		List<String[]> sessions = new ArrayList<>();
		for (Map.Entry<String, List<String[]>> team : teams.entrySet()) {
			String unit = team.getKey();
			boolean isCounty = unit.equals(countyCode);
			boolean isTownship = unit.startsWith(county.code("T"));
			int count = isCounty || isTownship ? 13 : 20;
			for (int s = 0; s < count; s++) {
				LocalDate date = LocalDate.of(county.year, 1, 8).plusDays(s * (isCounty || isTownship ? 27L : 17L));
				String hours = isCounty ? "8" : isTownship ? (s == 12 ? "10" : "7.5") : "3";
				List<String> attendees = new ArrayList<>();
				for (String[] member : team.getValue()) {
					if (!LocalDate.parse(member[3]).isAfter(date)) {
						attendees.add(member[0]);
					}
				}
				sessions.add(new String[] { unit, date.toString(), "第" + (s + 1) + "次集中学习", hours, "书记", String.join(";", attendees) });
			}
		}
		return sessions;
	}

	/** Self-study and notes by COPY: team members to the seed's targets, everyone else some too. */
	private void copySelfStudyAndNotes(CountyGenerator county, String countyCode, Map<String, List<String[]>> teams) {
		Map<String, String> teamOf = new HashMap<>();
		teams.forEach((unit, rows) -> rows.forEach(row -> teamOf.put(row[0], unit)));
		Map<String, Long> ids = new HashMap<>();
		// by the county's own numbers, through their index: a LIKE on the prefix reads every cadre of a province
		jdbc.sql("SELECT cadre_no, id FROM cadre WHERE cadre_no = ANY(:numbers)")
			.param("numbers", county.cadres.stream().map(CountyGenerator.Cadre::number).toArray(String[]::new))
			.query(rs -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		StringBuilder study = new StringBuilder();
		StringBuilder notes = new StringBuilder();
		for (CountyGenerator.Cadre cadre : county.cadres) {
			String team = teamOf.get(cadre.number());
			boolean countyMember = countyCode.equals(team);
			boolean townshipMember = team != null && team.startsWith(county.code("T"));
			int entries = countyMember ? 70 : townshipMember || team != null ? 80 : county.otherSelfStudy;
			String hours = countyMember ? "4" : townshipMember ? "2" : "1.5";
			long id = ids.get(cadre.number());
			int offset = county.random.nextInt(3);
			for (int e = 0; e < entries; e++) {
				LocalDate day = LocalDate.of(county.year, 1, 1).plusDays(offset + (long) e * 360 / entries);
				study.append(id).append(',').append(day).append(',').append(hours).append(",自学第").append(e + 1).append("篇\n");
			}
			int noteCount = countyMember || townshipMember ? 10 : Math.min(8, county.otherSelfStudy / 10);
			int length = countyMember ? 2_100 : townshipMember ? 1_500 : 150;
			for (int n = 0; n < noteCount; n++) {
				LocalDate day = LocalDate.of(county.year, 1, 15).plusDays(n * 34L);
				String text = county.text(length);
				// counted as the note form counts it, not assumed from the length asked for
				notes.append(id).append(',').append(day).append(",学习心得").append(n + 1).append(',').append(text)
					.append(',').append(CharacterCount.of(text)).append('\n');
			}
		}
		copy("COPY self_study (cadre_id, study_date, hours, material) FROM STDIN WITH (FORMAT csv)", study.toString());
		copy("COPY study_note (cadre_id, note_date, title, content, characters) FROM STDIN WITH (FORMAT csv)", notes.toString());
		// the rules the importers would have applied, checked on this county's cadres
		long violations = jdbc.sql("""
				WITH mine AS (SELECT unnest(CAST(:ids AS bigint[])) AS id)
				SELECT (SELECT count(*) FROM self_study WHERE cadre_id IN (SELECT id FROM mine)
				           AND (study_date > current_date OR hours <= 0 OR hours > 24))
				     + (SELECT count(*) FROM study_note WHERE cadre_id IN (SELECT id FROM mine)
				           AND (characters <= 0 OR note_date > current_date
				                -- the demo's prose is Chinese characters, commas and full stops: the count is the characters left
				                OR characters <> char_length(translate(content, '，。', ''))))
				     + (SELECT count(*) FROM (
				          SELECT cadre_id, day FROM (
				              SELECT cadre_id, study_date AS day, hours FROM self_study WHERE cadre_id IN (SELECT id FROM mine)
				              UNION ALL
				              SELECT a.cadre_id, s.session_date, s.hours FROM group_session s
				                JOIN group_session_attendance a ON a.session_id = s.id
				               WHERE a.present AND a.cadre_id IN (SELECT id FROM mine)) t
				           GROUP BY cadre_id, day HAVING sum(hours) > 24) over)
				""").param("ids", ids.values().toArray(Long[]::new)).query(Long.class).single();
		if (violations > 0) {
			throw new IllegalStateException("The bulk-loaded study records break " + violations + " rules");
		}
	}

	private void copy(String sql, String data) {
		// on the connection of the step's transaction: the rows commit, or not, with the step
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(data));
			log.info("COPY loaded {} rows: {}", rows, sql.substring(5, sql.indexOf('(')));
		}
		catch (Exception ex) {
			throw new IllegalStateException("COPY failed: " + sql, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/**
	 * 142 classes in the year: a rotation of all county-level cadres, and 141 others. Completions: 11,300 person-times,
	 * 1,190 of them by section level and above; and 150 trainees absent beyond the rule, who do not complete.
	 */
	private static void training(CountyGenerator county, List<String[]> classes, List<String[]> enrolments) {
		int y = county.year;
		String school = county.code("PS");
		String rotation = county.code("C001");
		classes.add(new String[] { rotation, "县处级领导干部理论轮训", school, "ROTATION", y + "-09-01", y + "-12-20", "40" });
		for (int k = 2; k <= CountyGenerator.CLASSES; k++) {
			LocalDate start = LocalDate.of(y, 1 + (k % 12), 1 + (k % 20));
			// twelve days of eight hours: a cadre who completes one meets the year's 90 hours
			classes.add(new String[] { county.code(String.format("C%03d", k)), "干部培训班第" + k + "期", school,
					k % 3 == 0 ? "SPECIAL_TOPIC" : "PARTY_SCHOOL_CLASS", start.toString(), start.plusDays(11).toString(), "96" });
		}
		List<CountyGenerator.Cadre> countyLevel = new ArrayList<>(county.ofRank("COUNTY_PRINCIPAL"));
		countyLevel.addAll(county.ofRank("COUNTY_DEPUTY"));
		for (int i = 0; i < countyLevel.size(); i++) {
			enrolments.add(new String[] { rotation, countyLevel.get(i).number(), "0", String.valueOf(1 + i % 4) });
		}
		List<CountyGenerator.Cadre> section = new ArrayList<>(county.ofRank("SECTION_PRINCIPAL"));
		section.addAll(county.ofRank("SECTION_DEPUTY"));
		List<CountyGenerator.Cadre> staff = county.ofRank("STAFF");
		int sectionCompletions = CountyGenerator.COMPLETIONS_SECTION_AND_ABOVE - countyLevel.size();
		int staffCompletions = CountyGenerator.COMPLETIONS - CountyGenerator.COMPLETIONS_SECTION_AND_ABOVE;
		int others = CountyGenerator.CLASSES - 1;
		int next = 0;
		for (int i = 0; i < sectionCompletions; i++) {
			enrolments.add(new String[] { classCode(county, next++ % others), section.get(i).number(), String.valueOf(i % 5 + 1), "" });
		}
		for (int i = 0; i < staffCompletions; i++) {
			// each staff cadre once, then some a second time in another class
			int classIndex = i < staff.size() ? next++ % others : (next++ + others / 2) % others;
			enrolments.add(new String[] { classCode(county, classIndex), staff.get(i % staff.size()).number(), String.valueOf(i % 5 + 1), "" });
		}
		for (int i = 0; i < CountyGenerator.NON_COMPLETIONS; i++) {
			// absent 16 of 96 hours: more than 1/7, so not completed; in a class the cadre is not otherwise in
			int index = staff.size() - 1 - i;
			// these staff were enrolled once, in class (sectionCompletions + index) % others: take the next one
			enrolments.add(new String[] { classCode(county, (sectionCompletions + index + 1) % others), staff.get(index).number(), "16", "" });
		}
	}

	private static String classCode(CountyGenerator county, int index) {
		return county.code(String.format("C%03d", index + 2));
	}

	static byte[] csv(String header, List<String[]> rows) {
		StringBuilder out = new StringBuilder(header).append('\n');
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				if (i > 0) {
					out.append(',');
				}
				out.append(row[i]);
			}
			out.append('\n');
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	static void check(String what, ImportReport report) {
		if (!report.succeeded()) {
			throw new IllegalStateException("Demo " + what + " refused: " + report.errors().subList(0, Math.min(5, report.errors().size())));
		}
		log.info("Demo {}: {} inserted, {} updated, {} unchanged", what, report.inserted(), report.updated(), report.unchanged());
	}
}
