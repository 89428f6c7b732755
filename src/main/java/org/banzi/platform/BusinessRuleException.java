package org.banzi.platform;

/** A request refused by a rule of the domain, with a message key for the user's language. */
public class BusinessRuleException extends RuntimeException {

	private final String messageKey;
	private final Object[] arguments;

	public BusinessRuleException(String messageKey, Object... arguments) {
		super(messageKey);
		this.messageKey = messageKey;
		this.arguments = arguments;
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] arguments() {
		return arguments.clone();
	}
}
