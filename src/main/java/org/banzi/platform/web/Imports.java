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

	/** The kind a page or a template asks for, if it is one of {@code kinds}; otherwise the first. */
	public static String chosen(List<String> kinds, String kind) {
		return kinds.contains(kind) ? kind : kinds.get(0);
	}

	/** One import of several kinds, given the kind chosen, the file's name and its content. */
	@FunctionalInterface
	public interface KindImport {
		ImportReport run(String kind, String filename, byte[] content);
	}

	/**
	 * Runs the import of a module with several kinds from its page: the kind chosen among {@code kinds}, the report or
	 * the refusal in the model (see {@link #onPage(Model, Supplier)}), with the kinds and the kind chosen for the form.
	 */
	public static void onPage(Model model, List<String> kinds, String kind, org.springframework.web.multipart.MultipartFile file,
			KindImport run) throws IOException {
		byte[] content = file.getBytes();
		String name = String.valueOf(file.getOriginalFilename());
		String chosen = chosen(kinds, kind);
		onPage(model, () -> run.run(chosen, name, content));
		model.addAttribute("kinds", kinds);
		model.addAttribute("kind", chosen);
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
