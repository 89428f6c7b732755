package org.banzi.cadres;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.banzi.organization.Scope;
import org.banzi.organization.Unit;
import org.banzi.organization.Units;
import org.banzi.platform.FieldProblem;
import org.banzi.platform.crypto.FieldCipher;
import org.banzi.platform.tabular.Cell;
import org.banzi.platform.tabular.CellValues;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The checks a cadre passes before it is written, from the form or from an import row. */
@Component
class CadreChecks {

	private final Units units;
	private final FieldCipher cipher;

	CadreChecks(Units units, FieldCipher cipher) {
		this.units = units;
		this.cipher = cipher;
	}

	/** A cadre as typed or read from a sheet. */
	record Input(Cell cadreNo, Cell name, Cell gender, Cell birthDate, Cell rank, Cell unitCode, Cell idNumber,
			Cell ethnicity, Cell education, Cell partyDate, Cell rankSince) {
	}

	record Result(CadreRepository.@Nullable Row row, List<FieldProblem> problems) {
	}

	Result check(Input input, Scope scope, java.util.function.Function<String, @Nullable Unit> unitByCode, LocalDate today) {
		List<FieldProblem> problems = new ArrayList<>();
		String number = input.cadreNo().trimmed();
		if (number.isEmpty()) {
			problems.add(new FieldProblem("cadre_no", "import.error.required"));
		}
		else if (!number.matches("[A-Za-z0-9_.\\-]{1,32}")) {
			problems.add(new FieldProblem("cadre_no", "cadre.no.pattern"));
		}
		String name = input.name().trimmed();
		if (name.isEmpty()) {
			problems.add(new FieldProblem("name", "import.error.required"));
		}
		else if (name.length() > 50) {
			problems.add(new FieldProblem("name", "cadre.name.tooLong"));
		}
		Character gender = gender(input.gender().trimmed());
		if (gender == null) {
			problems.add(new FieldProblem("gender", "cadre.gender.invalid", input.gender().trimmed()));
		}
		LocalDate birth = date(input.birthDate(), "birth_date", true, problems);
		if (birth != null && !birth.isBefore(today)) {
			problems.add(new FieldProblem("birth_date", "cadre.birthDate.future"));
		}
		Rank rank = input.rank().isBlank() ? null : Rank.parse(input.rank().trimmed()).orElse(null);
		if (rank == null) {
			problems.add(new FieldProblem("rank", "cadre.rank.invalid", input.rank().trimmed()));
		}
		Unit unit = null;
		String unitCode = input.unitCode().trimmed();
		if (unitCode.isEmpty()) {
			problems.add(new FieldProblem("unit_code", "import.error.required"));
		}
		else {
			unit = unitByCode.apply(unitCode);
			if (unit == null || !scope.contains(unit)) {
				problems.add(new FieldProblem("unit_code", "unit.notFound", unitCode));
				unit = null;
			}
		}
		String id = IdNumbers.normalise(input.idNumber().text());
		if (input.idNumber().kind() == Cell.Kind.NUMBER) {
			problems.add(new FieldProblem("id_number", "cadre.idNumber.numeric"));
		}
		else if (id.isEmpty()) {
			problems.add(new FieldProblem("id_number", "import.error.required"));
		}
		else if (!IdNumbers.valid(id)) {
			problems.add(new FieldProblem("id_number", "cadre.idNumber.invalid"));
		}
		else {
			if (birth != null && !IdNumbers.birthDate(id).orElseThrow().equals(birth)) {
				problems.add(new FieldProblem("id_number", "cadre.idNumber.birthMismatch"));
			}
			if (gender != null && IdNumbers.gender(id) != gender) {
				problems.add(new FieldProblem("id_number", "cadre.idNumber.genderMismatch"));
			}
		}
		LocalDate party = date(input.partyDate(), "party_date", false, problems);
		LocalDate rankSince = date(input.rankSince(), "rank_since", false, problems);
		if (!problems.isEmpty()) {
			return new Result(null, problems);
		}
		return new Result(new CadreRepository.Row(number, name, gender, birth, input.ethnicity().trimmed(),
				input.education().trimmed(), party, rank, rankSince, unit.id(), cipher.encrypt(id), cipher.index(id),
				IdNumbers.mask(id)), problems);
	}

	static @Nullable Character gender(String text) {
		return switch (text.strip().toUpperCase(java.util.Locale.ROOT)) {
			case "M", "男", "MALE" -> 'M';
			case "F", "女", "FEMALE" -> 'F';
			default -> null;
		};
	}

	static @Nullable LocalDate date(Cell cell, String column, boolean required, List<FieldProblem> problems) {
		if (cell.isBlank()) {
			if (required) {
				problems.add(new FieldProblem(column, "import.error.required"));
			}
			return null;
		}
		LocalDate date = CellValues.date(cell).orElse(null);
		if (date == null) {
			problems.add(new FieldProblem(column, "import.error.date", cell.trimmed()));
		}
		return date;
	}

	/**
	 * The problem of an ID number another cadre holds: naming the holder when the caller may see them, saying only that
	 * it is taken when the holder is outside the caller's scope.
	 */
	static FieldProblem idNumberTaken(String holder, Scope scope, CadreRepository cadres, Units units) {
		boolean visible = cadres.findByNo(holder).flatMap(c -> units.findById(c.homeUnitId())).map(scope::contains).orElse(false);
		return visible ? new FieldProblem("id_number", "cadre.idNumber.taken", holder) : new FieldProblem("id_number", "cadre.idNumber.takenElsewhere");
	}
}
