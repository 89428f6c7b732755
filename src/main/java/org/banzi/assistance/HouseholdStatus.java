package org.banzi.assistance;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** A household's status in the poverty register, with the values the register exports. */
public enum HouseholdStatus implements Labelled {
	POOR("贫困户"), LIFTED("已脱贫", "脱贫户"), MONITORED("监测户", "防返贫监测户");

	private final List<String> labels;

	HouseholdStatus(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
