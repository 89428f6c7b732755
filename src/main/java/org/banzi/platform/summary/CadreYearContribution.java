package org.banzi.platform.summary;

import java.time.LocalDate;
import java.util.List;

/**
 * A module's part of one cadre's year, as a duty report (述职述廉报告) is drafted from it: what the module's records
 * hold for the cadre in the year, each figure with the records behind it. Assessment discovers every bean of this
 * type; a module not built yet is simply absent from the draft. Figures are labelled by the messages
 * {@code duty.figure.<key>}.
 */
public interface CadreYearContribution {

	/** Where the part stands in the draft: as in the summary, the seed's Section I part times 100. */
	int order();

	List<CadreFigure> forCadre(long cadreId, int year, LocalDate day);

	/**
	 * Every table {@link #forCadre} reads, each with the change-stamp trigger: a cadre's figures are kept until one of
	 * them changes.
	 */
	List<String> tables();
}
