package org.banzi.audit;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Walks the trail in order and reports the first broken link: a record whose content no longer matches its hash
 * (altered), whose predecessor's hash is not the one it recorded (removed or moved), or a gap in the sequence.
 */
@Service
public class AuditVerifier {

	private final JdbcClient jdbc;

	AuditVerifier(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Result(boolean intact, long checked, @Nullable Long brokenAt, @Nullable Problem problem) {

		public enum Problem {
			ALTERED, CHAIN_BROKEN, MISSING
		}
	}

	@Transactional(readOnly = true)
	public Result verify() {
		Walker walker = new Walker();
		jdbc.sql("SELECT * FROM audit_record ORDER BY seq").query(rs -> {
			if (walker.failure == null) {
				walker.check(AuditTrail.map(rs, 0));
			}
		});
		return walker.failure != null ? walker.failure : new Result(true, walker.checked, null, null);
	}

	private static final class Walker {

		long checked;
		long expectedSeq = 1;
		String previousHash = AuditTrail.GENESIS;
		@Nullable Result failure;

		void check(AuditRecord record) {
			if (record.seq() != expectedSeq) {
				failure = new Result(false, checked, expectedSeq, Result.Problem.MISSING);
				return;
			}
			if (!record.prevHash().equals(previousHash)) {
				failure = new Result(false, checked, record.seq(), Result.Problem.CHAIN_BROKEN);
				return;
			}
			if (!AuditTrail.hash(record).equals(record.hash())) {
				failure = new Result(false, checked, record.seq(), Result.Problem.ALTERED);
				return;
			}
			checked++;
			expectedSeq++;
			previousHash = record.hash();
		}
	}
}
