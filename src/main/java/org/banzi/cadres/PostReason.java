package org.banzi.cadres;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Why a post began; {@code EXCHANGE} marks a move made because the cadre had held a post too long. */
public enum PostReason {
	APPOINTMENT("任命"), PROMOTION("提拔", "晋升"), EXCHANGE("交流", "轮岗"), TRANSFER("调任", "转任"), ELECTION("选举", "选任"),
	SECONDMENT("挂职"), OTHER("其他");

	private final List<String> chineseNames;

	PostReason(String... chineseNames) {
		this.chineseNames = List.of(chineseNames);
	}

	public static Optional<PostReason> parse(String text) {
		String value = text.strip();
		return Arrays.stream(values())
			.filter(reason -> reason.name().equals(value.toUpperCase(Locale.ROOT)) || reason.chineseNames.contains(value))
			.findFirst();
	}
}
