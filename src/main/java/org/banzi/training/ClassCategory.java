package org.banzi.training;

import java.util.List;
import java.util.Optional;

import org.banzi.platform.tabular.Labelled;

/** Kinds of training class, with the Chinese names imports accept. */
public enum ClassCategory implements Labelled {
	PARTY_SCHOOL_CLASS("党校主体班"), ROTATION("轮训"), SPECIAL_TOPIC("专题培训"), ONLINE("网络培训"), SENT_UPWARD("上级调训");

	private final List<String> chineseNames;

	ClassCategory(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
	}

	@Override
	public List<String> labels() {
		return chineseNames;
	}

	public static Optional<ClassCategory> parse(String text) {
		return Labelled.parse(ClassCategory.class, text);
	}
}
