package org.banzi.study;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CharacterCountTests {

	@Test
	void countsChineseCharactersOneEachAndIgnoresSpacesAndPunctuation() {
		assertThat(CharacterCount.of("学习贯彻，党的二十大精神！")).isEqualTo(11);
		assertThat(CharacterCount.of("  ，。、；：“”（）  ")).isZero();
	}

	@Test
	void countsARunOfLatinLettersOrDigitsAsOne() {
		assertThat(CharacterCount.of("学习 Xi Jinping 思想 2025 年")).isEqualTo(2 + 2 + 2 + 1 + 1);
		assertThat(CharacterCount.of("GDP增长9.78%")).isEqualTo(1 + 2 + 2);
	}
}
