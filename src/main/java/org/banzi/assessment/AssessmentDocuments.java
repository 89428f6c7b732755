package org.banzi.assessment;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.banzi.platform.documents.CjkFonts;
import org.banzi.platform.summary.CadreFigure;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

/** The duty report and the feedback letter as PDF, with the Chinese text embedded. */
@Component
class AssessmentDocuments {

	private static final float MM = 72f / 25.4f;

	private final CjkFonts fonts;
	private final MessageSource messages;

	AssessmentDocuments(CjkFonts fonts, MessageSource messages) {
		this.fonts = fonts;
		this.messages = messages;
	}

	byte[] dutyReport(AssessmentService.Draft draft, int year, Locale locale) {
		return pdf(message("assessment.duty.title", locale, draft.cadre().name(), year), document -> {
			Font body = new Font(fonts.font(), 14);
			for (CadreFigure figure : draft.figures()) {
				document.add(new Paragraph(message("duty.figure." + figure.key(), locale) + "：" + figure.value().stripTrailingZeros().toPlainString(),
						body));
			}
			document.add(new Paragraph(" ", body));
			for (String line : draft.ownWords().split("\n")) {
				Paragraph paragraph = new Paragraph(line, body);
				paragraph.setFirstLineIndent(28);
				document.add(paragraph);
			}
		});
	}

	byte[] letter(String name, int year, Grade grade, Map<Grade, Long> counts, List<AssessmentService.Blocker> blockers, Locale locale) {
		return pdf(message("assessment.letter.title", locale, name, year), document -> {
			Font body = new Font(fonts.font(), 14);
			document.add(new Paragraph(message("assessment.letter.grade", locale, name, year, message("assessment.grade." + grade, locale)), body));
			StringBuilder tally = new StringBuilder();
			for (Grade g : Grade.values()) {
				tally.append(message("assessment.grade." + g, locale)).append(' ').append(counts.getOrDefault(g, 0L)).append("  ");
			}
			document.add(new Paragraph(message("assessment.letter.appraisal", locale, tally.toString().strip()), body));
			for (AssessmentService.Blocker blocker : blockers) {
				document.add(new Paragraph(message(blocker.messageKey(), locale, blocker.arguments()) + "（"
						+ message("rule." + blocker.rule().key(), locale) + "，" + blocker.rule().citation() + "）", body));
			}
		});
	}

	private interface Content {
		void write(Document document);
	}

	private byte[] pdf(String title, Content content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 28 * MM, 26 * MM, 37 * MM, 35 * MM);
		PdfWriter.getInstance(document, out);
		document.open();
		Paragraph heading = new Paragraph(title, new Font(fonts.font(), 20));
		heading.setAlignment(Element.ALIGN_CENTER);
		heading.setSpacingAfter(18);
		document.add(heading);
		content.write(document);
		document.close();
		return out.toByteArray();
	}

	private String message(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}
}
