package org.banzi.platform.tabular;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on uploaded files.
 *
 * @param maxSize largest file accepted by an import that reads it whole (and for attachments)
 * @param maxRows most data rows in one file
 * @param maxStreamedSize largest CSV file accepted by an import that streams it (the self-study import)
 * @param maxStreamedRows most data rows in a streamed file
 * @param maxListedErrors most errors a refused streamed file lists with their reasons (all are counted)
 * @param maxExpansionRatio the most a compressed part may expand; beyond it the file is taken for an archive bomb
 * @param maxExpanded the most a workbook may hold once unpacked, all its parts together, counted before it is read (its
 *        shared strings are read whole, so this bounds the memory one upload can take)
 */
@ConfigurationProperties("banzi.upload")
public record UploadLimits(DataSize maxSize, int maxRows, int maxExpansionRatio, DataSize maxExpanded, DataSize maxStreamedSize,
		int maxStreamedRows, int maxListedErrors) {

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
		if (maxStreamedSize == null) {
			maxStreamedSize = DataSize.ofMegabytes(256);
		}
		if (maxStreamedRows <= 0) {
			maxStreamedRows = 3_000_000;
		}
		if (maxListedErrors <= 0) {
			maxListedErrors = 1000;
		}
	}

	/** Refuses a file larger than an import or an attachment read whole may take. */
	public void checkHeld(long size) {
		if (size > maxSize.toBytes()) {
			throw new UploadRefusedException("upload.tooLarge", maxSize.toMegabytes());
		}
	}
}
