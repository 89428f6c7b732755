package org.banzi.platform;

/** A request whose content cannot be what it says (a member who is not on the team): 400. */
public class BadRequestException extends BusinessRuleException {

	public BadRequestException(String messageKey, Object... arguments) {
		super(messageKey, arguments);
	}
}
