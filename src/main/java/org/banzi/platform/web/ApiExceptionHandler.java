package org.banzi.platform.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.platform.BusinessRuleException;
import org.banzi.platform.NotFoundException;
import org.banzi.platform.tabular.UploadRefusedException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Errors of the JSON API, as RFC 9457 problem details in the caller's language. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private final MessageSource messages;

	ApiExceptionHandler(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.messageKey(), ex.arguments());
	}

	@ExceptionHandler(UploadRefusedException.class)
	ProblemDetail uploadRefused(UploadRefusedException ex) {
		HttpStatus status = switch (ex.messageKey()) {
			case "upload.tooLarge" -> HttpStatus.PAYLOAD_TOO_LARGE;
			// the background imports are full: the same file may be sent again later
			case "import.job.busy" -> HttpStatus.SERVICE_UNAVAILABLE;
			default -> HttpStatus.UNPROCESSABLE_CONTENT;
		};
		return problem(status, ex.messageKey(), ex.arguments());
	}

	@ExceptionHandler(org.banzi.platform.ConflictException.class)
	ProblemDetail conflict(org.banzi.platform.ConflictException ex) {
		return problem(HttpStatus.CONFLICT, ex.messageKey(), ex.arguments());
	}

	@ExceptionHandler(org.banzi.platform.BadRequestException.class)
	ProblemDetail badRequest(org.banzi.platform.BadRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.messageKey(), ex.arguments());
	}

	@ExceptionHandler(BusinessRuleException.class)
	ProblemDetail refused(BusinessRuleException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.messageKey(), ex.arguments());
	}

	@Override
	protected org.springframework.http.ResponseEntity<Object> handleMaxUploadSizeExceededException(
			MaxUploadSizeExceededException ex, org.springframework.http.HttpHeaders headers,
			org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
		return org.springframework.http.ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
			.body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "upload.tooLarge", maxMegabytes(ex)));
	}

	private static Object maxMegabytes(MaxUploadSizeExceededException ex) {
		return ex.getMaxUploadSize() > 0 ? ex.getMaxUploadSize() / (1024 * 1024) : "";
	}

	@Override
	protected org.springframework.http.ResponseEntity<Object> handleMethodArgumentNotValid(
			MethodArgumentNotValidException ex, org.springframework.http.HttpHeaders headers,
			org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
		Locale locale = LocaleContextHolder.getLocale();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "error.validation");
		List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
			.map(error -> Map.of("field", error.getField(), "message", message(error, locale)))
			.toList();
		problem.setProperty("errors", errors);
		return org.springframework.http.ResponseEntity.badRequest().body(problem);
	}

	@ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
	ProblemDetail notMultipart(org.springframework.web.multipart.MultipartException ex) {
		return problem(HttpStatus.BAD_REQUEST, "upload.notMultipart");
	}

	@Override
	protected org.springframework.http.ResponseEntity<Object> handleHttpMessageNotReadable(
			org.springframework.http.converter.HttpMessageNotReadableException ex, org.springframework.http.HttpHeaders headers,
			org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
		logger.debug("Unreadable request body", ex);
		return org.springframework.http.ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "error.unreadable"));
	}

	private String message(FieldError error, Locale locale) {
		return messages.getMessage(error, locale);
	}

	private ProblemDetail problem(HttpStatus status, String key, Object... arguments) {
		Locale locale = LocaleContextHolder.getLocale();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(key, arguments, key, locale));
		problem.setTitle(messages.getMessage("error.status." + status.value(), null, status.getReasonPhrase(), locale));
		problem.setProperty("code", key);
		return problem;
	}
}
