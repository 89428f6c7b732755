package org.banzi.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the trail in order and reports the first broken link: a record whose content no longer matches its hash
 * (altered), whose predecessor's hash is not the one it recorded (removed or moved), a gap in the sequence, or a
 * signature that is not the audit key's (rewritten by someone without the key); then holds the trail against the
 * signed checkpoints kept outside the database (records cut off the end, history rewritten before a checkpoint).
 */
@Service
public class AuditVerifier {

	private final JdbcClient jdbc;
	private final @Nullable AuditKey key;
	private final @Nullable AuditCheckpoints checkpoints;

	@Autowired
	AuditVerifier(JdbcClient jdbc, AuditKey key, AuditCheckpoints checkpoints) {
		this.jdbc = jdbc;
		this.key = key;
		this.checkpoints = checkpoints;
	}

	/** Verifies the chain alone, without signatures or checkpoints (a trail restored elsewhere). */
	AuditVerifier(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.key = null;
		this.checkpoints = null;
	}

	/**
	 * What the verifier found: the records checked (the chain intact up to there), where it broke and how, how many
	 * records carry no signature (those written before records were signed), and how many checkpoints it held the trail
	 * against.
	 */
	public record Result(boolean intact, long checked, @Nullable Long brokenAt, @Nullable Problem problem, long unsigned,
			int checkpoints) {

		public enum Problem {
			/** a record's content does not match its hash */
			ALTERED,
			/** a record does not follow the one before it */
			CHAIN_BROKEN,
			/** a record is missing from the sequence */
			MISSING,
			/** a record's signature is not the audit key's: rewritten by someone without the key */
			FORGED,
			/** a checkpoint names a record beyond the last one: records were cut off the end */
			TRUNCATED,
			/** a checkpoint's hash differs from the record it names: history before it was rewritten */
			REWRITTEN,
			/** a line of the checkpoint file is not signed with the audit key */
			CHECKPOINT_FORGED
		}
	}

	@Transactional(readOnly = true)
	public Result verify() {
		List<AuditCheckpoints.Checkpoint> marks = checkpoints == null ? List.of() : checkpoints.read();
		Optional<AuditCheckpoints.Checkpoint> forgedMark = marks.stream().filter(mark -> !mark.signed()).findFirst();
		Map<Long, String> wanted = new HashMap<>();
		marks.forEach(mark -> wanted.put(mark.seq(), mark.hash()));
		Walker walker = new Walker(key, wanted);
		jdbc.sql("SELECT * FROM audit_record ORDER BY seq").query(rs -> {
			if (walker.failure == null) {
				walker.check(AuditTrail.map(rs, 0));
			}
		});
		if (walker.failure != null) {
			return walker.failure;
		}
		if (forgedMark.isPresent()) {
			return walker.result(false, null, Result.Problem.CHECKPOINT_FORGED, marks.size());
		}
		for (AuditCheckpoints.Checkpoint mark : marks) {
			if (mark.seq() > walker.checked) {
				return walker.result(false, walker.checked + 1, Result.Problem.TRUNCATED, marks.size());
			}
			if (!mark.hash().equals(walker.seen.get(mark.seq()))) {
				return walker.result(false, mark.seq(), Result.Problem.REWRITTEN, marks.size());
			}
		}
		return walker.result(true, null, null, marks.size());
	}

	private static final class Walker {

		private final @Nullable AuditKey key;
		private final Map<Long, String> wanted;
		final Map<Long, String> seen = new HashMap<>();
		long checked;
		long unsigned;
		boolean signing;
		long expectedSeq = 1;
		String previousHash = AuditTrail.GENESIS;
		@Nullable Result failure;

		Walker(@Nullable AuditKey key, Map<Long, String> wanted) {
			this.key = key;
			this.wanted = wanted;
		}

		Result result(boolean intact, @Nullable Long brokenAt, Result.@Nullable Problem problem, int checkpoints) {
			return new Result(intact, checked, brokenAt, problem, unsigned, checkpoints);
		}

		void check(AuditRecord record) {
			if (record.seq() != expectedSeq) {
				failure = result(false, expectedSeq, Result.Problem.MISSING, 0);
				return;
			}
			if (!record.prevHash().equals(previousHash)) {
				failure = result(false, record.seq(), Result.Problem.CHAIN_BROKEN, 0);
				return;
			}
			if (!AuditTrail.hash(record).equals(record.hash())) {
				failure = result(false, record.seq(), Result.Problem.ALTERED, 0);
				return;
			}
			if (key != null) {
				// once records are signed, every later one must be: a missing signature is a forgery too
				if (record.mac() == null && !signing) {
					unsigned++;
				}
				else if (record.mac() == null || !key.signed(record.hash(), record.mac())) {
					failure = result(false, record.seq(), Result.Problem.FORGED, 0);
					return;
				}
				else {
					signing = true;
				}
			}
			if (wanted.containsKey(record.seq())) {
				seen.put(record.seq(), record.hash());
			}
			checked++;
			expectedSeq++;
			previousHash = record.hash();
		}
	}
}
