package org.banzi.orglife;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** Where a rectification item was found. */
public enum RectificationSource implements Labelled {
	LIFE_MEETING("民主生活会", "生活会"), NOTIFICATION_MEETING("通报会"), INSPECTION("巡察", "督查"), TIP_OFF("信访举报"),
	ASSESSMENT("考核"), OTHER("其他");

	private final List<String> labels;

	RectificationSource(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
