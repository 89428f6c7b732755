package org.banzi.platform.web;

/**
 * The year a session works on until its user chooses one: the module that knows which years have records decides,
 * so that a newcomer lands on a year with figures rather than on an empty one.
 */
@FunctionalInterface
public interface DefaultYear {

	/** The year to show when the user has chosen none, given the current one. */
	int defaultYear(int current);
}
