package org.banzi.rules;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** The two levels of cadre that the training and reporting rules distinguish. */
public enum RankLevel implements Labelled {
	/** 县处级: county principal and deputy. */
	COUNTY_LEVEL("县处级"),
	/** 乡科级 and below: section principal, section deputy, staff. */
	SECTION_LEVEL_AND_BELOW("乡科级及以下", "乡科级");

	private final List<String> labels;

	RankLevel(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
