package org.banzi.platform.tabular;

import java.util.List;
import java.util.function.Consumer;

/** What a reader hands to an importer: the header, then each row in order. */
public interface TabularSheet {

	List<String> header();

	/** Streams the data rows (blank rows skipped); the sheet is read once. */
	void rows(Consumer<TabularRow> consumer);
}
