package org.banzi.assistance;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** What help was given: funds and materials in yuan, new houses counted as houses. */
public enum HelpKind implements Labelled {
	FUNDS("帮扶资金", "资金"), MATERIALS("物资折款", "物资"), HOUSING("新建住房", "住房");

	private final List<String> labels;

	HelpKind(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
