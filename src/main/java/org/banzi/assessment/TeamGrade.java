package org.banzi.assessment;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** How a voter rates the team as a whole. */
public enum TeamGrade implements Labelled {
	GOOD("好"), FAIRLY_GOOD("较好"), AVERAGE("一般"), POOR("差");

	private final List<String> labels;

	TeamGrade(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
