package org.banzi.assistance;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** What a site of the year is: a well-off demonstration site or a key village. */
public enum SiteKind implements Labelled {
	DEMONSTRATION_SITE("小康示范点", "示范点"), KEY_VILLAGE("重点村");

	private final List<String> labels;

	SiteKind(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
