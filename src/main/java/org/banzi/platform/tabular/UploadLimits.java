package org.banzi.platform.tabular;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on uploaded files.
 *
 * @param maxSize largest file accepted
 * @param maxRows most data rows in one file
 * @param maxExpansionRatio the most a compressed part may expand; beyond it the file is taken for an archive bomb
 * @param maxExpanded the most a workbook may hold once unpacked, all its parts together, counted before it is read (its
 *        shared strings are read whole, so this bounds the memory one upload can take)
 */
@ConfigurationProperties("banzi.upload")
public record UploadLimits(DataSize maxSize, int maxRows, int maxExpansionRatio, DataSize maxExpanded) {

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
		if (maxExpanded == null) {
			maxExpanded = DataSize.ofMegabytes(64);
		}
	}
}
