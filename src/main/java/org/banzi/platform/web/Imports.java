package org.banzi.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.TabularWriter;
import org.banzi.platform.tabular.TemplateWriter;
import org.banzi.platform.tabular.UploadRefusedException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/** How every import answers: the API with its report (422 when refused), a page with the report or the refusal. */
public final class Imports {

	private Imports() {
	}

	public static ResponseEntity<ImportReport> response(ImportReport report) {
		return ResponseEntity.status(report.succeeded() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(report);
	}

	/**
	 * An import's empty template ({@code name} is its kind): as XLSX, the {@link TemplateWriter template} with its
	 * notes and drop-down lists; as CSV ({@code format}), which holds no more, the header row alone. Headers are in the
	 * user's language.
	 */
	public static void template(HttpServletResponse response, String name, List<Column> columns, String format, Locale locale)
			throws IOException {
		TabularWriter.Format type = TabularWriter.Format.parse(format);
		response.setContentType(type.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "-template." + type.extension() + "\"");
		if (type == TabularWriter.Format.XLSX) {
			TemplateWriter.write(name, columns, messages(), locale, response.getOutputStream());
		}
		else {
			TabularWriter.write(type, columns.stream().map(c -> c.header(locale)).toList(), sink -> {
			}, response.getOutputStream());
		}
	}

	/** The application's messages, found through the request being answered (every template is sent in one). */
	private static MessageSource messages() {
		HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
		WebApplicationContext context = RequestContextUtils.findWebApplicationContext(request);
		if (context == null) {
			throw new IllegalStateException("No web application context for the request");
		}
		return context;
	}

	/** The kind a page or a template asks for, if it is one of {@code kinds}; otherwise the first. */
	public static String chosen(List<String> kinds, String kind) {
		return kinds.contains(kind) ? kind : kinds.get(0);
	}

	/** Runs an import for a page: the model gets {@code report}, or {@code refused} when the file itself is refused. */
	public static void onPage(Model model, Supplier<ImportReport> run) {
		try {
			model.addAttribute("report", run.get());
		}
		catch (UploadRefusedException ex) {
			refused(model, ex.messageKey(), ex.arguments());
		}
	}

	/** A file refused whole, as the import pages and the import-report fragment show it. */
	public static void refused(Model model, String messageKey, Object[] arguments) {
		model.addAttribute("refused", messageKey);
		model.addAttribute("refusedArgs", arguments);
	}
}
