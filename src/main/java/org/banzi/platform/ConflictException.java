package org.banzi.platform;

/** A request that conflicts with the record's state (a code used already, results asked before they exist): 409. */
public class ConflictException extends BusinessRuleException {

	public ConflictException(String messageKey, Object... arguments) {
		super(messageKey, arguments);
	}
}
