package org.banzi.cadres;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/** The 18-character national ID number (GB 11643-1999): its check character, birth date and sex. */
public final class IdNumbers {

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	private static final String CHECK = "10X98765432";

	private IdNumbers() {
	}

	public static String normalise(String text) {
		return text.strip().toUpperCase(Locale.ROOT);
	}

	/** Whether the text is 17 digits and the right check character. */
	public static boolean valid(String number) {
		if (!number.matches("\\d{17}[0-9X]")) {
			return false;
		}
		return checkCharacter(number.substring(0, 17)) == number.charAt(17) && birthDate(number).isPresent();
	}

	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK.charAt(sum % 11);
	}

	public static Optional<LocalDate> birthDate(String number) {
		try {
			return Optional.of(LocalDate.of(Integer.parseInt(number.substring(6, 10)),
					Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14))));
		}
		catch (DateTimeException | NumberFormatException | StringIndexOutOfBoundsException ex) {
			return Optional.empty();
		}
	}

	/** 'M' when the 17th digit is odd, 'F' when even. */
	public static char gender(String number) {
		return (number.charAt(16) - '0') % 2 == 1 ? 'M' : 'F';
	}

	/** The form every page, list and export shows: region and check character, the rest hidden. */
	public static String mask(String number) {
		return number.substring(0, 6) + "********" + number.substring(14);
	}
}
