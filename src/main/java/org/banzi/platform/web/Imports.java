package org.banzi.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletResponse;

import org.banzi.platform.tabular.Column;
import org.banzi.platform.tabular.TabularWriter;

import org.banzi.platform.tabular.ImportReport;
import org.banzi.platform.tabular.UploadRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;

/** How every import answers: the API with its report (422 when refused), a page with the report or the refusal. */
public final class Imports {

	private Imports() {
	}

	public static ResponseEntity<ImportReport> response(ImportReport report) {
		return ResponseEntity.status(report.succeeded() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(report);
	}

	/** An import's empty template: its columns' headers in the user's language, as XLSX or CSV ({@code format}). */
	public static void template(HttpServletResponse response, String name, List<Column> columns, String format, Locale locale)
			throws IOException {
		TabularWriter.Format type = TabularWriter.Format.parse(format);
		response.setContentType(type.contentType());
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "-template." + type.extension() + "\"");
		TabularWriter.write(type, columns.stream().map(c -> c.header(locale)).toList(), sink -> {
		}, response.getOutputStream());
	}

	/** Runs an import for a page: the model gets {@code report}, or {@code refused} when the file itself is refused. */
	public static void onPage(Model model, Supplier<ImportReport> run) {
		try {
			model.addAttribute("report", run.get());
		}
		catch (UploadRefusedException ex) {
			model.addAttribute("refused", ex.messageKey());
			model.addAttribute("refusedArgs", ex.arguments());
		}
	}
}
