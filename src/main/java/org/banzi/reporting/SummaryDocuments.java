package org.banzi.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.banzi.platform.documents.CjkFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

/**
 * The summary as an official document (GB/T 9704 layout: A4; margins 37/35/28/26 mm; title in a Song-style font at
 * 22 pt; body in a FangSong-style font at 16 pt on a 28.95 pt line grid), as DOCX and as PDF with the Chinese text
 * embedded, with an appendix listing each figure, its definition, its value and the records behind it.
 */
@Component
class SummaryDocuments {

	static final String TITLE_FONT = "方正小标宋简体";
	static final String BODY_FONT = "仿宋_GB2312";
	static final String HEADING_FONT = "黑体";
	private static final double MM = 72 / 25.4;
	private static final int TWIPS_PER_MM = 1440 * 10 / 254;

	private final MessageSource messages;
	private final CjkFonts fonts;

	SummaryDocuments(MessageSource messages, CjkFonts fonts) {
		this.messages = messages;
		this.fonts = fonts;
	}

	/** The document's blocks, in order, shared by both formats. */
	private record Block(Kind kind, String text) {
		enum Kind {
			TITLE, HEADING, BODY
		}
	}

	private List<Block> blocks(SummaryService.Shown shown, Locale locale) {
		Summary summary = shown.summary();
		List<Block> blocks = new ArrayList<>();
		blocks.add(new Block(Block.Kind.TITLE, message("summary.doc.title", locale, summary.unitName(), String.valueOf(summary.year()))));
		blocks.add(new Block(Block.Kind.HEADING, message("summary.doc.section1", locale)));
		for (String section : List.of("study", "training", "assistance", "democracy", "teams", "integrity")) {
			for (String paragraph : shown.text(section).split("\n")) {
				if (!paragraph.isBlank()) {
					blocks.add(new Block(Block.Kind.BODY, paragraph.strip()));
				}
			}
		}
		blocks.add(new Block(Block.Kind.HEADING, message("summary.doc.section2", locale)));
		int n = 1;
		for (ProblemGroup group : summary.problemGroups()) {
			blocks.add(new Block(Block.Kind.BODY, n++ + ". " + groupLine(group, locale)));
		}
		for (String paragraph : shown.text("problems").split("\n")) {
			if (!paragraph.isBlank()) {
				blocks.add(new Block(Block.Kind.BODY, paragraph.strip()));
			}
		}
		blocks.add(new Block(Block.Kind.HEADING, message("summary.doc.section3", locale)));
		for (String paragraph : shown.text("measures").split("\n")) {
			if (!paragraph.isBlank()) {
				blocks.add(new Block(Block.Kind.BODY, paragraph.strip()));
			}
		}
		return blocks;
	}

	private List<String[]> appendix(Summary summary, Locale locale) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { message("summary.appendix.figure", locale), message("summary.appendix.definition", locale),
				message("summary.appendix.value", locale), message("summary.appendix.previous", locale), message("summary.appendix.change", locale),
				message("summary.appendix.records", locale) });
		for (Figure figure : summary.figures()) {
			rows.add(new String[] { message("summary.figure." + figure.key() + ".label", locale),
					message("summary.figure." + figure.key() + ".definition", locale), figure.display(), figure.displayPrevious(),
					figure.displayChange(), String.valueOf(figure.records()) });
		}
		return rows;
	}

	byte[] docx(SummaryService.Shown shown, Locale locale) {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CTSectPr section = document.getDocument().getBody().addNewSectPr();
			CTPageSz size = section.addNewPgSz();
			size.setW(BigInteger.valueOf(210L * TWIPS_PER_MM));
			size.setH(BigInteger.valueOf(297L * TWIPS_PER_MM));
			CTPageMar margins = section.addNewPgMar();
			margins.setTop(BigInteger.valueOf(37L * TWIPS_PER_MM));
			margins.setBottom(BigInteger.valueOf(35L * TWIPS_PER_MM));
			margins.setLeft(BigInteger.valueOf(28L * TWIPS_PER_MM));
			margins.setRight(BigInteger.valueOf(26L * TWIPS_PER_MM));
			for (Block block : blocks(shown, locale)) {
				XWPFParagraph paragraph = document.createParagraph();
				paragraph.setSpacingBetween(28.95, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
				XWPFRun run = paragraph.createRun();
				run.setText(block.text());
				switch (block.kind()) {
					case TITLE -> {
						paragraph.setAlignment(ParagraphAlignment.CENTER);
						paragraph.setSpacingAfter(400);
						font(run, TITLE_FONT, 22);
					}
					case HEADING -> {
						paragraph.setIndentationFirstLine(640);
						font(run, HEADING_FONT, 16);
					}
					case BODY -> {
						paragraph.setIndentationFirstLine(640);
						paragraph.setAlignment(ParagraphAlignment.BOTH);
						font(run, BODY_FONT, 16);
					}
				}
			}
			XWPFParagraph appendixTitle = document.createParagraph();
			appendixTitle.setPageBreak(true);
			XWPFRun appendixRun = appendixTitle.createRun();
			appendixRun.setText(message("summary.appendix.title", locale));
			font(appendixRun, HEADING_FONT, 16);
			List<String[]> rows = appendix(shown.summary(), locale);
			int columns = rows.get(0).length;
			XWPFTable table = document.createTable(rows.size(), columns);
			for (int r = 0; r < rows.size(); r++) {
				for (int c = 0; c < columns; c++) {
					XWPFParagraph cell = table.getRow(r).getCell(c).getParagraphs().get(0);
					XWPFRun run = cell.createRun();
					run.setText(rows.get(r)[c]);
					font(run, BODY_FONT, 10.5);
				}
			}
			document.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void font(XWPFRun run, String family, double size) {
		run.setFontFamily(family, XWPFRun.FontCharRange.eastAsia);
		run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
		run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.hAnsi);
		run.setFontSize(size);
	}

	byte[] pdf(SummaryService.Shown shown, Locale locale) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, (float) (28 * MM), (float) (26 * MM), (float) (37 * MM), (float) (35 * MM));
		PdfWriter.getInstance(document, out);
		document.open();
		Font title = new Font(fonts.font(), 22);
		Font heading = new Font(fonts.font(), 16, Font.BOLD);
		Font body = new Font(fonts.font(), 16);
		Font small = new Font(fonts.font(), 10);
		for (Block block : blocks(shown, locale)) {
			Paragraph paragraph = new Paragraph(block.text(), block.kind() == Block.Kind.TITLE ? title
					: block.kind() == Block.Kind.HEADING ? heading : body);
			paragraph.setLeading(28.95f);
			if (block.kind() == Block.Kind.TITLE) {
				paragraph.setAlignment(Element.ALIGN_CENTER);
				paragraph.setSpacingAfter(20);
			}
			else {
				paragraph.setFirstLineIndent(32);
				paragraph.setAlignment(Element.ALIGN_JUSTIFIED);
			}
			document.add(paragraph);
		}
		document.newPage();
		document.add(new Paragraph(message("summary.appendix.title", locale), heading));
		List<String[]> rows = appendix(shown.summary(), locale);
		PdfPTable table = new PdfPTable(new float[] { 3, 6, 1.5f, 1.5f, 1.5f, 1.5f });
		table.setWidthPercentage(100);
		table.setSpacingBefore(10);
		for (String[] row : rows) {
			for (String cell : row) {
				table.addCell(new com.lowagie.text.Phrase(cell, small));
			}
		}
		document.add(table);
		document.close();
		return out.toByteArray();
	}

	List<ProblemGroup.Line> lines(Summary summary, Locale locale) {
		return summary.problemGroups().stream().map(g -> new ProblemGroup.Line(g, groupLine(g, locale))).toList();
	}

	/** A rule's problems in one sentence: the rule, its source, how many, and the worst cases. */
	String groupLine(ProblemGroup group, Locale locale) {
		String cases = String.join(message("summary.problem.group.separator", locale), group.worst())
				+ (group.more() ? message("summary.problem.group.more", locale) : "");
		return message("summary.problem.group", locale, message("rule." + group.rule(), locale), group.citation(), group.count(), cases);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}
}
