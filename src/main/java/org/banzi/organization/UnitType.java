package org.banzi.organization;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kinds of unit in a county, with the Chinese names imports accept. */
public enum UnitType {
	COUNTY_COMMITTEE("县委"), COUNTY_GOVERNMENT("县政府"), TOWNSHIP("乡镇"), DEPARTMENT("县直部门", "部门", "县直单位"),
	VILLAGE("村", "社区"), PARTY_SCHOOL("党校"), OTHER("其他");

	private final List<String> chineseNames;

	UnitType(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
	}

	public String chineseName() {
		return chineseNames.get(0);
	}

	/** Reads a type as its code ({@code TOWNSHIP}, any case) or one of its Chinese names ({@code 乡镇}). */
	public static Optional<UnitType> parse(String text) {
		String value = text.strip();
		return Arrays.stream(values())
			.filter(type -> type.name().equals(value.toUpperCase(Locale.ROOT)) || type.chineseNames.contains(value))
			.findFirst();
	}
}
