package org.banzi.cadres;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Builds valid ID numbers and CSV rows for cadre tests. */
public final class CadreMother {

	private static final java.util.concurrent.atomic.AtomicInteger REGIONS = new java.util.concurrent.atomic.AtomicInteger(
			(int) (System.nanoTime() % 100_000));

	private CadreMother() {
	}

	/** A valid ID number for a birth date and gender ('M' or 'F'), varied by a sequence number. */
	public static String idNumber(LocalDate birth, char gender, int sequence) {
		int order = (sequence % 50) * 2 + (gender == 'M' ? 1 : 0);
		// the region code varies with every number made, so that no two tests make the same ID number
		String region = String.valueOf(110000 + REGIONS.incrementAndGet() % 890000);
		String first17 = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", order);
		return first17 + IdNumbers.checkCharacter(first17);
	}

	public static String cadreRow(String number, String name, char gender, LocalDate birth, String rank, String unit,
			int sequence) {
		return String.join(",", number, name, gender == 'M' ? "男" : "女", birth.toString(), rank, unit,
				idNumber(birth, gender, sequence));
	}
}
