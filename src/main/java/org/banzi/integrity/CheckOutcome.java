package org.banzi.integrity;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** The outcome of checking a personal matters report (查核). */
public enum CheckOutcome implements Labelled {
	TRUTHFUL("如实报告"), OMISSION("漏报"), CONCEALMENT("瞒报");

	private final List<String> labels;

	CheckOutcome(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
