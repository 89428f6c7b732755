package org.banzi.assessment;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** The grades of the annual assessment (优秀 / 称职 / 基本称职 / 不称职). */
public enum Grade implements Labelled {
	EXCELLENT("优秀"), COMPETENT("称职"), BASICALLY_COMPETENT("基本称职"), INCOMPETENT("不称职");

	private final List<String> labels;

	Grade(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
