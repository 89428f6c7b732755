package org.banzi.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.banzi.platform.documents.CjkFonts;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDocGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STDocGrid;
import org.openxmlformats.schemas.officeDocument.x2006.sharedTypes.STOnOff1;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
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
	private static final double TWIPS_PER_MM = 1440 / 25.4;

	private static BigInteger twips(double millimetres) {
		return BigInteger.valueOf(Math.round(millimetres * TWIPS_PER_MM));
	}

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
			size.setW(twips(210));
			size.setH(twips(297));
			CTPageMar margins = section.addNewPgMar();
			margins.setTop(twips(37));
			margins.setBottom(twips(35));
			margins.setLeft(twips(28));
			margins.setRight(twips(26));
			margins.setFooter(twips(28));
			// the line grid of GB/T 9704: 22 lines in the type area, each paragraph snapped to it (the word processor sets
			// the characters of a line: LibreOffice puts 27 of 16 pt in the 156 mm, as it keeps a closing mark inside it)
			CTDocGrid grid = section.addNewDocGrid();
			grid.setType(STDocGrid.LINES);
			grid.setLinePitch(BigInteger.valueOf(Math.round(225 * TWIPS_PER_MM / (double) LINES_PER_PAGE)));
			pageNumbers(document);
			for (Block block : blocks(shown, locale)) {
				XWPFParagraph paragraph = document.createParagraph();
				paragraph.setSpacingBetween(28.95, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
				XWPFRun run = paragraph.createRun();
				run.setText(block.text());
				chinese(paragraph, run);
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
			// the columns' widths in the grid word processors lay the table out by, as well as in each cell
			table.setWidth(twips(156).toString());
			var columnsGrid = table.getCTTbl().getTblGrid() == null ? table.getCTTbl().addNewTblGrid() : table.getCTTbl().getTblGrid();
			for (int c = 0; c < columns; c++) {
				(c < columnsGrid.sizeOfGridColArray() ? columnsGrid.getGridColArray(c) : columnsGrid.addNewGridCol()).setW(BigInteger.valueOf(Math.round(156 * TWIPS_PER_MM * COLUMN_WIDTHS[c] / 15)));
			}
			for (int r = 0; r < rows.size(); r++) {
				for (int c = 0; c < columns; c++) {
					table.getRow(r).getCell(c).setWidth(String.valueOf(Math.round(156 * TWIPS_PER_MM * COLUMN_WIDTHS[c] / 15)));
					XWPFParagraph cell = table.getRow(r).getCell(c).getParagraphs().get(0);
					XWPFRun run = cell.createRun();
					run.setText(rows.get(r)[c]);
					chinese(cell, run);
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

	/** The appendix's columns, relative: figure, definition, value, the year before, change, records. */
	private static final float[] COLUMN_WIDTHS = { 3, 6, 1.5f, 1.5f, 1.5f, 1.5f };

	/** Chinese text, so Word and LibreOffice apply the Chinese rules of line breaking to it, on the document's grid. */
	private static void chinese(XWPFParagraph paragraph, XWPFRun run) {
		org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr properties = paragraph.getCTP().isSetPPr()
				? paragraph.getCTP().getPPr() : paragraph.getCTP().addNewPPr();
		properties.addNewKinsoku().setVal(STOnOff1.ON);
		properties.addNewSnapToGrid().setVal(STOnOff1.ON);
		run.getCTR().addNewRPr().addNewLang().setEastAsia("zh-CN");
	}

	/** "— 1 —" at the outer bottom corner: right on odd pages, left on even ones. */
	private static void pageNumbers(XWPFDocument document) {
		document.setEvenAndOddHeadings(true);
		for (HeaderFooterType type : List.of(HeaderFooterType.DEFAULT, HeaderFooterType.EVEN)) {
			XWPFFooter footer = document.createFooter(type);
			XWPFParagraph paragraph = footer.createParagraph();
			paragraph.setAlignment(type == HeaderFooterType.DEFAULT ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT);
			paragraph.setIndentationRight(type == HeaderFooterType.DEFAULT ? 280 : 0);
			paragraph.setIndentationLeft(type == HeaderFooterType.DEFAULT ? 0 : 280);
			XWPFRun before = paragraph.createRun();
			before.setText("— ");
			font(before, BODY_FONT, 14);
			org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField field = paragraph.getCTP().addNewFldSimple();
			field.setInstr("PAGE");
			org.openxmlformats.schemas.wordprocessingml.x2006.main.CTR number = field.addNewR();
			number.addNewT().setStringValue("1");
			XWPFRun after = paragraph.createRun();
			after.setText(" —");
			font(after, BODY_FONT, 14);
		}
	}

	private static void font(XWPFRun run, String family, double size) {
		run.setFontFamily(family, XWPFRun.FontCharRange.eastAsia);
		run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.ascii);
		run.setFontFamily("Times New Roman", XWPFRun.FontCharRange.hAnsi);
		run.setFontSize(size);
	}

	/** Lines a page of body text holds and characters a line holds (GB/T 9704, 7.1). */
	static final int LINES_PER_PAGE = 22;
	static final int CHARACTERS_PER_LINE = 28;
	private static final float BODY_SIZE = 16;
	private static final float TITLE_SIZE = 22;
	private static final float PAGE_NUMBER_SIZE = 14;

	/**
	 * The PDF: the text set line by line on the GB/T 9704 grid (22 lines of 28 characters in the 156 x 225 mm type
	 * area) with the Chinese rules of line breaking, full lines justified; page numbers "— 1 —" at the outer bottom
	 * corner (right on odd pages, left on even ones); then the appendix table.
	 */
	byte[] pdf(SummaryService.Shown shown, Locale locale) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		float left = (float) (28 * MM);
		float right = (float) (26 * MM);
		float top = (float) (37 * MM);
		float bottom = (float) (35 * MM);
		Document document = new Document(PageSize.A4, left, right, top, bottom);
		PdfWriter writer = PdfWriter.getInstance(document, out);
		BaseFont font = fonts.font();
		writer.setPageEvent(new PdfPageEventHelper() {
			@Override
			public void onEndPage(PdfWriter pages, Document page) {
				String number = "— " + pages.getPageNumber() + " —";
				float width = font.getWidthPoint(number, PAGE_NUMBER_SIZE);
				boolean odd = pages.getPageNumber() % 2 == 1;
				// a quarter em in from the type area's outer edge, 7 mm below it
				float x = odd ? page.getPageSize().getWidth() - right - width - PAGE_NUMBER_SIZE / 4 : left + PAGE_NUMBER_SIZE / 4;
				PdfContentByte canvas = pages.getDirectContent();
				canvas.beginText();
				canvas.setFontAndSize(font, PAGE_NUMBER_SIZE);
				canvas.showTextAligned(Element.ALIGN_LEFT, number, x, bottom - (float) (7 * MM) - PAGE_NUMBER_SIZE, 0);
				canvas.endText();
			}
		});
		document.open();
		float areaWidth = PageSize.A4.getWidth() - left - right;
		float pitch = (PageSize.A4.getHeight() - top - bottom) / LINES_PER_PAGE;
		float cell = areaWidth / CHARACTERS_PER_LINE;
		// each character takes one cell of the grid: its own advance plus this spacing
		float spacing = cell - BODY_SIZE;
		ToDoubleFunction<String> measure = text -> font.getWidthPoint(text, BODY_SIZE) + spacing * text.codePointCount(0, text.length());
		PdfContentByte canvas = writer.getDirectContent();
		int line = 0;
		for (Block block : blocks(shown, locale)) {
			if (block.kind() == Block.Kind.TITLE) {
				for (String text : GridLines.lines(block.text(), areaWidth, areaWidth, t -> font.getWidthPoint(t, TITLE_SIZE))) {
					line = newPageIfFull(document, writer, line);
					float y = PageSize.A4.getHeight() - top - line * pitch - pitch * 0.75f;
					canvas.beginText();
					canvas.setFontAndSize(font, TITLE_SIZE);
					canvas.showTextAligned(Element.ALIGN_CENTER, text, left + areaWidth / 2, y, 0);
					canvas.endText();
					line++;
				}
				line++; // a blank line under the title
				continue;
			}
			List<String> lines = GridLines.lines(block.text(), areaWidth - 2 * cell, areaWidth, measure);
			for (int i = 0; i < lines.size(); i++) {
				line = newPageIfFull(document, writer, line);
				String text = lines.get(i);
				float x = left + (i == 0 ? 2 * cell : 0);
				float room = i == 0 ? areaWidth - 2 * cell : areaWidth;
				int characters = text.codePointCount(0, text.length());
				// full lines are justified to the type area's edge (or pressed into it when a mark hangs)
				float justified = i < lines.size() - 1 && characters > 1
						? (room - font.getWidthPoint(text, BODY_SIZE)) / (characters - 1) : spacing;
				float y = PageSize.A4.getHeight() - top - line * pitch - pitch * 0.75f;
				canvas.beginText();
				canvas.setFontAndSize(font, BODY_SIZE);
				canvas.setCharacterSpacing(justified);
				if (block.kind() == Block.Kind.HEADING) {
					// the heading face in bold: the single embedded font, stroked
					canvas.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE);
					canvas.setLineWidth(0.4f);
				}
				canvas.setTextMatrix(x, y);
				canvas.showText(text);
				canvas.setTextRenderingMode(PdfContentByte.TEXT_RENDER_MODE_FILL);
				canvas.setCharacterSpacing(0);
				canvas.endText();
				line++;
			}
		}
		writer.setPageEmpty(false);
		document.newPage();
		Font heading = new Font(font, BODY_SIZE, Font.BOLD);
		Font small = new Font(font, 10);
		document.add(new Paragraph(message("summary.appendix.title", locale), heading));
		List<String[]> rows = appendix(shown.summary(), locale);
		float[] widths = COLUMN_WIDTHS;
		float total = 0;
		for (float w : widths) {
			total += w;
		}
		PdfPTable table = new PdfPTable(widths);
		table.setWidthPercentage(100);
		table.setSpacingBefore(10);
		for (String[] row : rows) {
			for (int c = 0; c < row.length; c++) {
				// the cell's lines broken by the same rules as the body, with room for the cell's padding and a hanging mark
				double room = areaWidth * widths[c] / total - 6 - small.getSize();
				String broken = String.join("\n", GridLines.lines(row[c], room, room, t -> font.getWidthPoint(t, small.getSize())));
				table.addCell(new com.lowagie.text.Phrase(broken, small));
			}
		}
		document.add(table);
		document.close();
		return out.toByteArray();
	}

	/** The line to set next: the same, or the first of a new page when this one has all its lines. */
	private static int newPageIfFull(Document document, PdfWriter writer, int line) {
		if (line < LINES_PER_PAGE) {
			return line;
		}
		writer.setPageEmpty(false);
		document.newPage();
		return 0;
	}

	List<ProblemGroup.Line> lines(Summary summary, Locale locale) {
		return summary.problemGroups().stream().map(g -> new ProblemGroup.Line(g, groupLine(g, locale))).toList();
	}

	/** A rule's problems in one sentence: the rule, its source, how many, and the worst cases. */
	String groupLine(ProblemGroup group, Locale locale) {
		String cases = String.join(message("summary.problem.group.separator", locale), group.worst())
				+ (group.more() ? message("summary.problem.group.more", locale) : "");
		// a problem no rule's number finds (a task past its own due date) has no source to cite
		return group.citation().isBlank()
				? message("summary.problem.group.uncited", locale, message("rule." + group.rule(), locale), group.count(), cases)
				: message("summary.problem.group", locale, message("rule." + group.rule(), locale), group.citation(), group.count(), cases);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return messages.getMessage(key, arguments, key, locale);
	}
}
