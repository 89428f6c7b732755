package org.banzi.platform.tabular;

import org.banzi.platform.BusinessRuleException;

/** An uploaded file that is refused whole: too large, not the declared format, an archive bomb, unreadable. */
public class UploadRefusedException extends BusinessRuleException {

	public UploadRefusedException(String messageKey, Object... arguments) {
		super(messageKey, arguments);
	}
}
