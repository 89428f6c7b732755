package org.banzi.orglife;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** The meetings at which a team decides collectively. */
public enum DecisionMeeting implements Labelled {
	STANDING_COMMITTEE("常委会"), SECRETARY_OFFICE("书记办公会"), PARTY_GROUP("党组会"), GOVERNMENT_EXECUTIVE("政府常务会"),
	JOINT("联席会议");

	private final List<String> labels;

	DecisionMeeting(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
