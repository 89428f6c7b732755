package org.banzi.platform.tabular;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on uploaded files.
 *
 * @param maxSize largest file accepted
 * @param maxRows most data rows in one file
 * @param maxExpansionRatio the most a compressed part may expand; beyond it the file is taken for an archive bomb
 */
@ConfigurationProperties("banzi.upload")
public record UploadLimits(DataSize maxSize, int maxRows, int maxExpansionRatio) {

	public UploadLimits {
		if (maxSize == null) {
			maxSize = DataSize.ofMegabytes(20);
		}
		if (maxRows <= 0) {
			maxRows = 1_000_000;
		}
		if (maxExpansionRatio <= 0) {
			maxExpansionRatio = 100;
		}
	}
}
