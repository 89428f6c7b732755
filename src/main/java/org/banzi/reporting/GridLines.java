package org.banzi.reporting;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Breaks a paragraph into the lines of a fixed-width type area by the rules of Chinese line breaking (避头尾, kinsoku):
 * no line begins with closing punctuation (it hangs at the end of the line before, which is then set a little
 * tighter), and no line ends with opening punctuation (it moves to the next line). Chinese characters break anywhere;
 * runs of Latin letters and digits break only at spaces, unless one is wider than a whole line.
 */
final class GridLines {

	/** Characters a line must not begin with. */
	static final String NO_START = "，。、；：？！）》」』”’】〕〉〗…—～％‰·,.;:?!)]}%";
	/** Characters a line must not end with. */
	static final String NO_END = "（《「『“‘【〔〈〖([{";

	/** What a line may exceed its width by and still fit: a full line of cells sums to the width but for rounding. */
	private static final double FIT = 0.01;

	/** How many closing marks may hang at the end of one line ("”。" is two). */
	private static final int MAX_HANGING = 3;

	private GridLines() {
	}

	/**
	 * @param firstWidth the first line's width (the paragraph's indent taken off)
	 * @param width every other line's width
	 * @param measure the width a piece of text takes when set
	 */
	static List<String> lines(String text, double firstWidth, double width, ToDoubleFunction<String> measure) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		List<String> tokens = tokens(text);
		for (int i = 0; i < tokens.size(); i++) {
			String token = tokens.get(i);
			double room = lines.isEmpty() ? firstWidth : width;
			if (line.isEmpty() && token.isBlank()) {
				continue;
			}
			if (measure.applyAsDouble(line + token) <= room + FIT) {
				line.append(token);
				continue;
			}
			if (line.isEmpty()) {
				// a word wider than the line: split it where it must
				for (int c = 0; c < token.length(); c++) {
					String ch = token.substring(c, c + 1);
					if (!line.isEmpty() && measure.applyAsDouble(line + ch) > room + FIT) {
						lines.add(line.toString());
						line.setLength(0);
						room = width;
					}
					line.append(ch);
				}
				continue;
			}
			// closing marks hang at the end of this line rather than begin the next
			int hanging = 0;
			while (hanging < MAX_HANGING && i < tokens.size() && startsClosing(tokens.get(i))) {
				line.append(tokens.get(i));
				i++;
				hanging++;
			}
			// opening marks at the end go down to the next line with what they open
			StringBuilder carried = new StringBuilder();
			while (line.length() > 1 && NO_END.indexOf(line.charAt(line.length() - 1)) >= 0) {
				carried.insert(0, line.charAt(line.length() - 1));
				line.setLength(line.length() - 1);
			}
			lines.add(line.toString().stripTrailing());
			line.setLength(0);
			line.append(carried);
			i--; // the token that did not fit starts (after any carried marks) the next line
		}
		if (!line.isEmpty()) {
			lines.add(line.toString().stripTrailing());
		}
		return lines;
	}

	private static boolean startsClosing(String token) {
		return !token.isEmpty() && NO_START.indexOf(token.charAt(0)) >= 0;
	}

	/** Each Chinese character or mark alone; runs of other non-space characters together; each space alone. */
	static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			String ch = new String(Character.toChars(codePoint));
			i += Character.charCount(codePoint);
			// Chinese characters and full-width marks stand alone; Latin marks stay with their word ("9.8%", "(a)")
			boolean wide = codePoint >= 0x2E80 || (codePoint >= 0x2000 && (NO_START.contains(ch) || NO_END.contains(ch)));
			if (wide || Character.isWhitespace(codePoint)) {
				if (!word.isEmpty()) {
					tokens.add(word.toString());
					word.setLength(0);
				}
				tokens.add(ch);
			}
			else {
				word.append(ch);
			}
		}
		if (!word.isEmpty()) {
			tokens.add(word.toString());
		}
		return tokens;
	}
}
