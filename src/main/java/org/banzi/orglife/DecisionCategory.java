package org.banzi.orglife;

import java.util.List;

import org.banzi.platform.tabular.Labelled;

/** What a collective decision is about: the “three majors, one large” (三重一大). */
public enum DecisionCategory implements Labelled {
	MAJOR_DECISION("重大决策"), APPOINTMENT("重要干部任免", "干部任免"), MAJOR_PROJECT("重大项目安排", "重大项目"),
	LARGE_FUND("大额资金使用", "大额资金");

	private final List<String> labels;

	DecisionCategory(String... labels) {
		this.labels = List.of(labels);
	}

	@Override
	public List<String> labels() {
		return labels;
	}
}
