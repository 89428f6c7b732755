package org.banzi.integrity;

import org.banzi.cadres.PromotionsRecorded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the promotions the cadres module reports, so that the year's draw of personal-matters checks adds everyone
 * promoted that year (DOMAIN: everyone proposed for promotion checked). A promotion reported twice is kept once.
 */
@Component
class PromotionChecks {

	private final IntegrityRepository repository;

	PromotionChecks(IntegrityRepository repository) {
		this.repository = repository;
	}

	@ApplicationModuleListener
	void on(PromotionsRecorded event) {
		repository.promotionsDue(event.promotions());
	}
}
