package org.banzi.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

/** Chinese line breaking on a grid of cells: closing marks never begin a line, opening marks never end one. */
class GridLinesTests {

	/** Every character one cell wide, as on the grid of the body text. */
	static final ToDoubleFunction<String> CELLS = text -> text.codePointCount(0, text.length());

	static String han(int count) {
		return "字".repeat(count);
	}

	@Test
	void aClosingMarkThatWouldBeginALineHangsAtTheEndOfTheLineBefore() {
		List<String> lines = GridLines.lines(han(26) + "。" + han(10), 26, 28, CELLS);
		assertThat(lines).containsExactly(han(26) + "。", han(10));
		List<String> two = GridLines.lines(han(28) + "”。" + han(3), 28, 28, CELLS);
		assertThat(two).containsExactly(han(28) + "”。", han(3));
	}

	@Test
	void anOpeningMarkThatWouldEndALineGoesDownWithWhatItOpens() {
		List<String> lines = GridLines.lines(han(27) + "“" + han(5) + "”", 28, 28, CELLS);
		assertThat(lines).containsExactly(han(27), "“" + han(5) + "”");
	}

	@Test
	void latinWordsAndNumbersBreakOnlyAtSpaces() {
		List<String> lines = GridLines.lines("growth of 9.8% on the year before", 12, 12, CELLS);
		assertThat(lines).containsExactly("growth of", "9.8% on the", "year before");
	}

	@Test
	void noLineOfALongTextBreaksTheRules() {
		StringBuilder text = new StringBuilder();
		for (int i = 1; i < 400; i++) {
			text.append(han(i % 29)).append(i % 3 == 0 ? "，“" : i % 3 == 1 ? "”。" : "（").append(han(i % 7)).append(i % 3 == 2 ? "）、" : "");
		}
		text.append("完。");
		List<String> lines = GridLines.lines(text.toString(), 26, 28, CELLS);
		assertThat(String.join("", lines)).isEqualTo(text.toString());
		for (String line : lines) {
			assertThat(GridLines.NO_START.indexOf(line.charAt(0))).as(line).isNegative();
			assertThat(GridLines.NO_END.indexOf(line.charAt(line.length() - 1))).as(line).isNegative();
			assertThat(line.length()).isLessThanOrEqualTo(28 + 3);
		}
	}
}
