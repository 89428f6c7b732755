package org.banzi.organization;

import java.util.List;
import java.util.Optional;

import org.banzi.platform.tabular.Labelled;

/** The kinds of unit in a county, with the Chinese names imports accept. */
public enum UnitType implements Labelled {
	COUNTY_COMMITTEE("县委"), COUNTY_GOVERNMENT("县政府"), TOWNSHIP("乡镇"), DEPARTMENT("县直部门", "部门", "县直单位"),
	VILLAGE("村", "社区"), PARTY_SCHOOL("党校"), OTHER("其他");

	private final List<String> chineseNames;

	UnitType(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
	}

	@Override
	public List<String> labels() {
		return chineseNames;
	}

	public String chineseName() {
		return chineseNames.get(0);
	}

	/** Reads a type as its code ({@code TOWNSHIP}, any case) or one of its Chinese names ({@code 乡镇}). */
	public static Optional<UnitType> parse(String text) {
		return Labelled.parse(UnitType.class, text);
	}
}
