package org.banzi.integrity;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** Family events a cadre reports before and after (婚丧喜庆事宜). */
public enum EventKind implements Labelled {
	WEDDING("婚事"), FUNERAL("丧事"), OTHER("其他");

	private final List<String> labels;

	EventKind(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
