package org.banzi.platform.db;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;

/** Measures the replica every second (on every instance: each reads it through its own pool). */
class ReplicaWatch {

	private final @Nullable ReadRouting routing;

	ReplicaWatch(@Nullable ReadRouting routing) {
		this.routing = routing;
	}

	@Scheduled(fixedDelayString = "PT1S")
	void check() {
		if (routing != null) {
			routing.check();
		}
	}
}
