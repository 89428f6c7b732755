package org.banzi.orglife;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** Who a notification meeting reports to. */
public enum Audience implements Labelled {
	DEPUTIES("人大代表"), CPPCC("政协委员"), VETERANS("老干部"), MASSES("群众代表");

	private final List<String> labels;

	Audience(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
