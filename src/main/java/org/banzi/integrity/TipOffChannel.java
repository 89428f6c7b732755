package org.banzi.integrity;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** How a tip-off arrived. */
public enum TipOffChannel implements Labelled {
	LETTER("来信"), VISIT("来访"), PHONE("电话"), ONLINE("网络"), OTHER("其他");

	private final List<String> labels;

	TipOffChannel(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
