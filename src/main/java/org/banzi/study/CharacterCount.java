package org.banzi.study;

/**
 * Counts a text's length the way offices count 字数: each Chinese (or other CJK) character counts one, each run of
 * Latin letters or digits counts one, and spaces and punctuation count nothing.
 */
public final class CharacterCount {

	private CharacterCount() {
	}

	public static int of(String text) {
		int count = 0;
		boolean inWord = false;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			if (isCjk(codePoint)) {
				count++;
				inWord = false;
			}
			else if (Character.isLetterOrDigit(codePoint)) {
				if (!inWord) {
					count++;
					inWord = true;
				}
			}
			else {
				inWord = false;
			}
		}
		return count;
	}

	private static boolean isCjk(int codePoint) {
		Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
		return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
				|| script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
	}
}
