package org.banzi.assessment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.banzi.platform.ConflictException;
import org.banzi.platform.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Codes and ballots. A code is 100 random bits, shown once and stored only as its SHA-256. A ballot fills an empty slot
 * chosen at random among those made for the appraisal (one per code, each on a page of its own), in the same
 * transaction that marks the code used: the stored ballot has no code, voter, session, address or time finer than the
 * day, a random id, and a place in the table that says nothing about when it came. The same code cast twice at once
 * gives one ballot: the second waits on the code's row and finds it used.
 */
@Component
class BallotBox {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
	static final int CODE_LENGTH = 20;

	private final JdbcClient jdbc;
	private final Clock clock;

	BallotBox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A code of 20 characters from 32: 100 bits of randomness. */
	static String newCode() {
		char[] code = new char[CODE_LENGTH];
		for (int i = 0; i < code.length; i++) {
			code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
		}
		return new String(code);
	}

	static String hash(String code) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(code.strip().toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Makes the codes and the empty slots of an appraisal; the codes, to print once. */
	List<String> issue(long appraisalId, int voters) {
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < voters; i++) {
			String code = newCode();
			codes.add(code);
			jdbc.sql("INSERT INTO ballot_code (code_hash, appraisal_id) VALUES (?, ?)").params(hash(code), appraisalId).update();
			jdbc.sql("INSERT INTO ballot (id, appraisal_id) VALUES (?, ?)").params(UUID.randomUUID(), appraisalId).update();
		}
		return codes;
	}

	/** The appraisal a code opens, if the code exists and is unused. */
	Optional<Long> appraisalOf(String code) {
		return jdbc.sql("SELECT appraisal_id FROM ballot_code WHERE code_hash = ? AND NOT used").param(hash(code)).query(Long.class).optional();
	}

	/** What a voter marks: the team's grade, each member's grade by cadre number, a comment. */
	record Marks(TeamGrade team, Map<String, Grade> members, String comment) {
	}

	/**
	 * Casts a ballot with a code: exactly once per code. {@code open} says whether the appraisal still takes ballots.
	 *
	 * @throws NotFoundException for a code that does not exist or whose appraisal is closed
	 * @throws ConflictException ("assessment.ballot.used") for a code used already
	 */
	@Transactional
	void cast(String code, Marks marks, java.util.function.LongPredicate open) {
		String hash = hash(code);
		Long appraisal = jdbc.sql("SELECT appraisal_id FROM ballot_code WHERE code_hash = ?").param(hash).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("assessment.code.unknown", "-"));
		if (!open.test(appraisal)) {
			throw new NotFoundException("assessment.code.unknown", "-");
		}
		if (jdbc.sql("UPDATE ballot_code SET used = TRUE WHERE code_hash = ? AND NOT used").param(hash).update() == 0) {
			throw new ConflictException("assessment.ballot.used");
		}
		// the first empty slot above a random point (or, past the last, the first of all): found along an index, not a sort
		double point = RANDOM.nextDouble();
		UUID slot = jdbc.sql("""
				SELECT id FROM ballot WHERE appraisal_id = ? AND NOT filled AND place >= ? ORDER BY place LIMIT 1 FOR UPDATE SKIP LOCKED""")
			.params(appraisal, point).query(UUID.class).optional()
			.or(() -> jdbc.sql("SELECT id FROM ballot WHERE appraisal_id = ? AND NOT filled ORDER BY place LIMIT 1 FOR UPDATE SKIP LOCKED")
				.param(appraisal).query(UUID.class).optional())
			.orElseThrow(() -> new IllegalStateException("No empty ballot slot for appraisal " + appraisal));
		jdbc.sql("UPDATE ballot SET filled = TRUE, cast_on = ?, team_grade = ?, member_grades = ?, comment = ? WHERE id = ?")
			.params(LocalDate.now(clock), marks.team().name(), members(marks.members()), marks.comment().strip(), slot).update();
	}

	static String members(Map<String, Grade> members) {
		StringBuilder out = new StringBuilder();
		new java.util.TreeMap<>(members).forEach((number, grade) -> out.append(number).append(':').append(grade.name()).append(';'));
		return out.toString();
	}

	/** A ballot as read back: never with its code, never in the order cast. */
	record Ballot(UUID id, @Nullable TeamGrade team, Map<String, Grade> members, String comment) {
	}

	/** The cast ballots of an appraisal, by their random ids. */
	List<Ballot> ballots(long appraisalId) {
		return jdbc.sql("SELECT id, team_grade, member_grades, comment FROM ballot WHERE appraisal_id = ? AND filled ORDER BY id")
			.param(appraisalId)
			.query((rs, n) -> {
				Map<String, Grade> members = new java.util.LinkedHashMap<>();
				for (String pair : rs.getString(3).split(";")) {
					if (!pair.isBlank()) {
						String[] parts = pair.split(":");
						members.put(parts[0], Grade.valueOf(parts[1]));
					}
				}
				return new Ballot(rs.getObject(1, UUID.class), rs.getString(2) == null ? null : TeamGrade.valueOf(rs.getString(2)), members,
						rs.getString(4));
			})
			.list();
	}

	long castCount(long appraisalId) {
		return jdbc.sql("SELECT count(*) FROM ballot WHERE appraisal_id = ? AND filled").param(appraisalId).query(Long.class).single();
	}
}
