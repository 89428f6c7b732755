package org.banzi.cadres;

import java.util.List;
import java.util.Optional;

import org.banzi.platform.tabular.Labelled;

/** Why a post began; {@code EXCHANGE} marks a move made because the cadre had held a post too long. */
public enum PostReason implements Labelled {
	APPOINTMENT("任命"), PROMOTION("提拔", "晋升"), EXCHANGE("交流", "轮岗"), TRANSFER("调任", "转任"), ELECTION("选举", "选任"),
	SECONDMENT("挂职"), OTHER("其他");

	private final List<String> chineseNames;

	PostReason(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
	}

	@Override
	public List<String> labels() {
		return chineseNames;
	}

	public static Optional<PostReason> parse(String text) {
		return Labelled.parse(PostReason.class, text);
	}
}
