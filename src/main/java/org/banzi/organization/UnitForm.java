package org.banzi.organization;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/** What the unit form and the API send; validated at the server. */
record UnitForm(
		@NotBlank(message = "{unit.code.required}") @Size(max = 64, message = "{unit.code.tooLong}")
		@Pattern(regexp = "[A-Za-z0-9_.\\-]*", message = "{unit.code.pattern}") @Nullable String code,
		@NotBlank(message = "{unit.name.required}") @Size(max = 200, message = "{unit.name.tooLong}") @Nullable String name,
		@NotNull(message = "{unit.type.required}") @Nullable UnitType type,
		@Nullable String parentCode) {

	static UnitForm empty(@Nullable String parentCode) {
		return new UnitForm("", "", null, parentCode);
	}

	static UnitForm of(Unit unit, @Nullable String parentCode) {
		return new UnitForm(unit.code(), unit.name(), unit.type(), parentCode);
	}
}
