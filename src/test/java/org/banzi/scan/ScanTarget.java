package org.banzi.scan;

import org.banzi.BanziApplication;
import org.springframework.boot.SpringApplication;

/**
 * Banzi as {@code scripts/security-scan.sh} scans it: the application itself with {@link ScanControls} added, which
 * lives in the test sources only and so never reaches the jar. Started by {@code ./mvnw spring-boot:test-run}.
 */
public final class ScanTarget {

	private ScanTarget() {
	}

	public static void main(String[] args) {
		SpringApplication.from(BanziApplication::main).with(ScanControls.class).run(args);
	}
}
