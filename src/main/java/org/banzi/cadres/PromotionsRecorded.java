package org.banzi.cadres;

import java.time.LocalDate;
import java.util.List;

/**
 * Posts recorded (by the form or an import) or corrected as promotions (提拔), published once per transaction that
 * recorded them: whoever must act on a promotion reacts to this instead of reading the posts.
 */
public record PromotionsRecorded(List<Promotion> promotions) {

	public PromotionsRecorded {
		promotions = List.copyOf(promotions);
	}

	/** A cadre promoted to a post starting on a day. */
	public record Promotion(long cadreId, LocalDate start) {
	}
}
