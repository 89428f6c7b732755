package org.banzi.platform.web;

import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/** Errors of the pages, rendered in the layout in the user's language. */
@ControllerAdvice(annotations = Controller.class)
class PageExceptionHandler {

	static final String VIEW = "error/problem";

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(NotFoundException ex, Model model) {
		model.addAttribute("status", 404);
		model.addAttribute("messageKey", ex.messageKey());
		model.addAttribute("messageArgs", ex.arguments());
		return VIEW;
	}

	@ExceptionHandler(BusinessRuleException.class)
	@ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
	String refused(BusinessRuleException ex, Model model) {
		model.addAttribute("status", 422);
		model.addAttribute("messageKey", ex.messageKey());
		model.addAttribute("messageArgs", ex.arguments());
		return VIEW;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	@ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
	String tooLarge(Model model) {
		model.addAttribute("status", 413);
		model.addAttribute("messageKey", "upload.tooLarge");
		model.addAttribute("messageArgs", new Object[] { "" });
		return VIEW;
	}
}
