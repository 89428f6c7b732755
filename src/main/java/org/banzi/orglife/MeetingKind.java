package org.banzi.orglife;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** Kinds of team meeting of criticism and self-criticism. */
public enum MeetingKind implements Labelled {
	DEMOCRATIC_LIFE("民主生活会"), ORGANIZATIONAL_LIFE("组织生活会");

	private final List<String> labels;

	MeetingKind(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
