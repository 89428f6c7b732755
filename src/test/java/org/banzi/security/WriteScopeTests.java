package org.banzi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.banzi.Fixtures.admin;
import static org.banzi.Fixtures.unique;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.banzi.Fixtures;
import org.banzi.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Writes that name a cadre take only cadres in the caller's scope, on the forms as in the imports: a township's
 * administrator cannot put another township's cadre on their team, nor a registrar enrol one; nothing is written.
 */
@IntegrationTest
class WriteScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService accounts;

	String town;
	String other;
	String mine;
	String stranger;
	String townAdmin;
	String registrar;
	String course;

	@BeforeEach
	void twoTownships() throws Exception {
		town = unique("WT");
		other = unique("WO");
		Fixtures fixtures = new Fixtures(mvc);
		fixtures.units(town + ",本镇,TOWNSHIP,\n" + other + ",他镇,TOWNSHIP,\n");
		mine = fixtures.team(town, "WM", "副科级", 'M', LocalDate.of(1980, 1, 1), "本镇书记")[0];
		stranger = fixtures.team(other, "WS", "副科级", 'F', LocalDate.of(1981, 1, 1), "他镇书记")[0];
		townAdmin = unique("wadm");
		fixtures.account(townAdmin, town, "UNIT_ADMIN");
		registrar = unique("wreg");
		fixtures.account(registrar, town, "TRAINING_ADMIN");
		course = unique("WK");
		int year = LocalDate.now().getYear() - 1;
		mvc.perform(multipart("/api/import/training-classes").file(new MockMultipartFile("file", "c.csv", "text/csv",
				("code,title,organizer_unit_code,category,start_date,end_date,class_hours\n%s,镇培训班,%s,专题培训,%d-03-01,%d-03-05,32\n"
					.formatted(course, town, year, year)).getBytes(StandardCharsets.UTF_8))).with(admin())).andExpect(status().isOk());
	}

	long memberships(String cadreNo, String unit) {
		return jdbc.sql("""
				SELECT count(*) FROM team_membership m JOIN cadre c ON c.id = m.cadre_id JOIN org_unit u ON u.id = m.unit_id
				 WHERE c.cadre_no = ? AND u.code = ?""").params(cadreNo, unit).query(Long.class).single();
	}

	long enrolments(String cadreNo) {
		return jdbc.sql("""
				SELECT count(*) FROM enrolment e JOIN cadre c ON c.id = e.cadre_id JOIN training_class k ON k.id = e.class_id
				 WHERE c.cadre_no = ? AND k.code = ?""").params(cadreNo, course).query(Long.class).single();
	}

	/** A browser holding Basic credentials cannot be made to post an import from another site; a script still can. */
	@Test
	void anApiWriteFromAnotherSiteIsRefusedAndChangesNothing() throws Exception {
		String code = unique("XS");
		MockMultipartFile file = new MockMultipartFile("file", "u.csv", "text/csv",
				("code,name,type,parent_code\n" + code + ",跨站镇,TOWNSHIP,\n").getBytes(StandardCharsets.UTF_8));
		mvc.perform(multipart("/api/import/units").file(file).with(admin()).header("Origin", "https://evil.example")
			.header("Sec-Fetch-Site", "cross-site")).andExpect(status().isForbidden())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.code").value("error.crossSite"));
		mvc.perform(multipart("/api/import/units").file(file).with(admin()).header("Origin", "https://evil.example"))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("SELECT count(*) FROM org_unit WHERE code = ?").param(code).query(Long.class).single()).isZero();
		mvc.perform(multipart("/api/import/units").file(file).with(admin()).header("Origin", "http://localhost")
			.header("Sec-Fetch-Site", "same-origin")).andExpect(status().isOk());
		assertThat(jdbc.sql("SELECT count(*) FROM org_unit WHERE code = ?").param(code).query(Long.class).single()).isEqualTo(1);
		// a read from another site is not a write: it answers as before
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/units").with(admin())
			.header("Sec-Fetch-Site", "cross-site")).andExpect(status().isOk());
	}

	@Test
	void aTownshipAdministratorCannotPutAnotherTownshipsCadreOnTheirTeam() throws Exception {
		mvc.perform(post("/units/{code}/team", town).param("cadreNo", stranger).param("role", "MEMBER").param("start", "2024-01-01")
			.with(user(accounts.loadUserByUsername(townAdmin))).with(csrf()));
		assertThat(memberships(stranger, town)).isZero();
		// the county administrator, whose scope holds both, can
		mvc.perform(post("/units/{code}/team", town).param("cadreNo", stranger).param("role", "MEMBER").param("start", "2024-01-01")
			.with(user(accounts.loadUserByUsername("admin"))).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(memberships(stranger, town)).isEqualTo(1);
	}

	@Test
	void aRegistrarEnrolsAndMarksAbsentOnlyCadresInTheirScope() throws Exception {
		var page = user(accounts.loadUserByUsername(registrar));
		mvc.perform(post("/training/classes/{code}/enrol", course).param("cadreNumbers", mine + "," + stranger).with(page).with(csrf()))
			.andExpect(flash().attribute("flashError", "training.cadre.unknown"));
		assertThat(enrolments(mine)).as("one unknown number enrols nobody").isZero();
		assertThat(enrolments(stranger)).isZero();
		mvc.perform(post("/training/classes/{code}/enrol", course).param("cadreNumbers", mine).with(page).with(csrf()))
			.andExpect(flash().attribute("flash", "training.enrolled"));
		assertThat(enrolments(mine)).isEqualTo(1);
		// enrolled by the county administrator, the stranger still cannot be marked absent by the registrar
		mvc.perform(post("/training/classes/{code}/enrol", course).param("cadreNumbers", stranger).with(user(accounts.loadUserByUsername("admin")))
			.with(csrf())).andExpect(flash().attribute("flash", "training.enrolled"));
		mvc.perform(post("/training/classes/{code}/absence", course).param("cadreNo", stranger).param("absentHours", "8").with(page)
			.with(csrf())).andExpect(flash().attribute("flashError", "training.cadre.unknown"));
		assertThat(jdbc.sql("SELECT absent_hours FROM enrolment e JOIN cadre c ON c.id = e.cadre_id WHERE c.cadre_no = ?").param(stranger)
			.query(java.math.BigDecimal.class).single()).isZero();
	}
}
