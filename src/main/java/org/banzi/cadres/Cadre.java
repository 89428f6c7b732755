package org.banzi.cadres;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** A cadre of the registry. The ID number appears here only masked. */
public record Cadre(long id, String cadreNo, String name, char gender, LocalDate birthDate, String ethnicity,
		String education, @Nullable LocalDate partyDate, Rank rank, @Nullable LocalDate rankSince, long homeUnitId,
		String idNumberMasked) {
}
