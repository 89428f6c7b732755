package org.banzi.rules;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** The new-version form, kept as typed when it is refused. */
record RuleForm(@Nullable String appliesTo, @Nullable String unitCode, @Nullable String value,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to, @Nullable String sourceTitle,
		@Nullable String sourceArticle, @Nullable String note) {

	RuleService.Request toRequest(String key) {
		return new RuleService.Request(key, text(appliesTo), unitCode, text(value), from, to, text(sourceTitle),
				text(sourceArticle), text(note));
	}

	private static String text(@Nullable String value) {
		return value == null ? "" : value.strip();
	}
}
