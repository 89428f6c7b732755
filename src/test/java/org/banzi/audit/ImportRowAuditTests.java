package org.banzi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.banzi.cadres.CadreMother;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every import writes the rows it inserted or updated to the audit trail with their values before and after, not
 * only its counts: a unit renamed and moved, a self-study entry whose hours changed, a team member's end date, a note
 * (by its length and digest, not its text).
 */
@IntegrationTest
class ImportRowAuditTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	void upload(String path, String content) throws Exception {
		mvc.perform(multipart(path).file(new MockMultipartFile("file", "f.csv", "text/csv", content.getBytes(StandardCharsets.UTF_8)))
			.with(admin())).andExpect(status().isOk());
	}

	/** The rows of the latest import of a kind, as the trail holds them. */
	String rowsOf(String kind) {
		return jdbc.sql("SELECT details FROM audit_record WHERE action = 'import-rows' AND object_type = ? ORDER BY seq DESC LIMIT 1")
			.param(kind).query(String.class).single();
	}

	@Test
	void aRenamedAndMovedUnitIsInTheTrailBeforeAndAfter() throws Exception {
		String town = unique("RA");
		String other = unique("RB");
		upload("/api/import/units", "code,name,type,parent_code\n%s,旧镇名,TOWNSHIP,\n%s,别镇,TOWNSHIP,\n".formatted(town, other));
		assertThat(rowsOf("unit")).contains("\"key\":\"" + town + "\"").contains("\"before\":{}").contains("旧镇名");
		upload("/api/import/units", "code,name,type,parent_code\n%s,新镇名,DEPARTMENT,%s\n".formatted(town, other));
		String rows = rowsOf("unit");
		assertThat(rows).contains("\"key\":\"" + town + "\"")
			.contains("\"before\":{\"name\":\"旧镇名\",\"parent\":\"COUNTY\",\"type\":\"TOWNSHIP\"}")
			.contains("\"after\":{\"name\":\"新镇名\",\"parent\":\"" + other + "\",\"type\":\"DEPARTMENT\"}");
	}

	@Test
	void selfStudyTeamMembersAndNotesAreInTheTrailRowByRow() throws Exception {
		String town = unique("RS");
		String cadre = cadreInANewTown(town, "留痕", 7);
		upload("/api/import/team-members", "cadre_no,unit_code,team_role,start_date\n%s,%s,MEMBER,2020-01-01\n".formatted(cadre, town));
		upload("/api/import/team-members", "cadre_no,unit_code,team_role,start_date,end_date\n%s,%s,MEMBER,2020-01-01,2024-12-31\n"
			.formatted(cadre, town));
		assertThat(rowsOf("team-members")).contains(cadre + "|" + town + "|MEMBER|2020-01-01")
			.contains("\"before\":{\"end\":null}").contains("\"after\":{\"end\":\"2024-12-31\"}");

		LocalDate day = LocalDate.now().minusDays(2);
		upload("/api/import/self-study", "cadre_no,date,hours,material\n%s,%s,2,读本\n".formatted(cadre, day));
		upload("/api/import/self-study", "cadre_no,date,hours,material\n%s,%s,3.5,读本\n".formatted(cadre, day));
		assertThat(rowsOf("self-study")).contains(cadre + "|" + day + "|读本")
			.contains("\"before\":{\"hours\":\"2\"}").contains("\"after\":{\"hours\":\"3.5\"}");

		String text = "学习心得".repeat(50);
		upload("/api/import/notes", "cadre_no,date,title,content\n%s,%s,心得,%s\n".formatted(cadre, day, text));
		String notes = rowsOf("study-note");
		assertThat(notes).contains("\"characters\":200").contains(ImportChanges.digest(text)).doesNotContain("学习心得");
		assertThat(jdbc.sql("SELECT count(*) FROM audit_record WHERE action = 'import' AND object_type IN ('self-study', 'team-members')"
				+ " AND details LIKE '%\"updated\":1%'").query(Long.class).single()).isGreaterThanOrEqualTo(2);
	}

	/**
	 * A self-study file of more rows than one insert batch and one trail record hold: every row written, every row in
	 * the trail, and a refused row anywhere in it leaves nothing written.
	 */
	@Test
	void aLargeSelfStudyFileIsWrittenWholeOrNotAtAll() throws Exception {
		String cadre = cadreInANewTown(unique("RL"), "大文件", 8);
		LocalDate first = LocalDate.of(2023, 1, 1);
		int rows = 2_345;
		StringBuilder file = new StringBuilder("cadre_no,date,hours,material\n");
		for (int i = 0; i < rows; i++) {
			file.append(cadre).append(',').append(first.plusDays(i / 4)).append(",0.5,篇目").append(i).append('\n');
		}
		String refused = file + cadre + "," + first + ",0.5,篇目0\n"; // the first row again, at the end
		mvc.perform(multipart("/api/import/self-study").file(new MockMultipartFile("file", "f.csv", "text/csv",
				refused.getBytes(StandardCharsets.UTF_8))).with(admin())).andExpect(status().isUnprocessableEntity());
		assertThat(count(cadre)).as("refused: nothing written").isZero();
		upload("/api/import/self-study", file.toString());
		assertThat(count(cadre)).isEqualTo(rows);
		long inTrail = jdbc.sql("SELECT count(*) FROM audit_record a, json_array_elements(CAST(a.details AS json) -> 'rows') r"
				+ " WHERE a.action = 'import-rows' AND a.object_type = 'self-study' AND r ->> 'key' LIKE ?")
			.param(cadre + "|%").query(Long.class).single();
		assertThat(inTrail).isEqualTo(rows);
	}

	/** A town of its own with one cadre in it, by import; the cadre's number. */
	String cadreInANewTown(String town, String name, int serial) throws Exception {
		new Fixtures(mvc).units(town + "," + name + "镇,TOWNSHIP,\n");
		String cadre = unique("RC");
		upload("/api/import/cadres", "cadre_no,name,gender,birth_date,rank,unit_code,id_number\n"
				+ CadreMother.cadreRow(cadre, name, 'M', LocalDate.of(1980, 3, 3), "副科级", town, serial) + "\n");
		return cadre;
	}

	long count(String cadre) {
		return jdbc.sql("SELECT count(*) FROM self_study s JOIN cadre c ON c.id = s.cadre_id WHERE c.cadre_no = ?").param(cadre)
			.query(Long.class).single();
	}

	@Test
	void valuesOfRecordsAreTakenComponentByComponentLeavingOutWhatIsSecret() {
		record Filing(long id, String code, LocalDate day, List<String> guests, String giftsCipher) {
		}
		var values = ImportChanges.values(new Filing(7, "F-1", LocalDate.of(2025, 5, 1), List.of("甲", "乙"), "secret"), "id", "giftsCipher");
		assertThat(values).containsExactly(java.util.Map.entry("code", "F-1"), java.util.Map.entry("day", "2025-05-01"),
				java.util.Map.entry("guests", List.of("甲", "乙")));
	}
}
