package org.banzi.platform;

/** A record that does not exist, or that lies outside the caller's scope: both answer 404. */
public class NotFoundException extends RuntimeException {

	private final String messageKey;
	private final Object[] arguments;

	public NotFoundException(String messageKey, Object... arguments) {
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
