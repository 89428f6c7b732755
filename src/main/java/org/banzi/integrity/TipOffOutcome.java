package org.banzi.integrity;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** What handling a tip-off found. */
public enum TipOffOutcome implements Labelled {
	UNFOUNDED("不属实"), PARTLY("部分属实"), SUBSTANTIATED("属实");

	private final List<String> labels;

	TipOffOutcome(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
