package org.banzi.cadres;

import org.banzi.platform.tabular.Cell;
import org.jspecify.annotations.Nullable;

/** The cadre form as typed; checked by the same rules as an import row. */
record CadreForm(@Nullable String cadreNo, @Nullable String name, @Nullable String gender, @Nullable String birthDate,
		@Nullable String rank, @Nullable String unitCode, @Nullable String idNumber, @Nullable String ethnicity,
		@Nullable String education, @Nullable String partyDate, @Nullable String rankSince) {

	static CadreForm empty(String unitCode) {
		return new CadreForm("", "", "", "", "", unitCode, "", "", "", "", "");
	}

	static CadreForm of(Cadre cadre, String unitCode) {
		return new CadreForm(cadre.cadreNo(), cadre.name(), String.valueOf(cadre.gender()), cadre.birthDate().toString(),
				cadre.rank().name(), unitCode, "", cadre.ethnicity(), cadre.education(),
				cadre.partyDate() == null ? "" : cadre.partyDate().toString(),
				cadre.rankSince() == null ? "" : cadre.rankSince().toString());
	}

	CadreChecks.Input input() {
		return new CadreChecks.Input(cell(cadreNo), cell(name), cell(gender), cell(birthDate), cell(rank), cell(unitCode),
				cell(idNumber), cell(ethnicity), cell(education), cell(partyDate), cell(rankSince));
	}

	private static Cell cell(@Nullable String text) {
		return new Cell(text == null ? "" : text, Cell.Kind.TEXT);
	}
}
