package org.banzi.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.banzi.platform.Role;
import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

	private static final String SELECT = """
			SELECT a.*, COALESCE(string_agg(r.role, ',' ORDER BY r.role), '') AS roles
			  FROM account a LEFT JOIN account_role r ON r.account_id = a.id
			""";

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static Account map(ResultSet rs, int row) throws SQLException {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String role : rs.getString("roles").split(",")) {
			if (!role.isEmpty()) {
				roles.add(Role.valueOf(role));
			}
		}
		return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
				rs.getString("password_hash"), rs.getLong("home_unit_id"), roles, rs.getBoolean("enabled"),
				rs.getBoolean("must_change_password"), rs.getInt("failed_attempts"), instant(rs.getTimestamp("locked_until")),
				instant(rs.getTimestamp("last_login_at")), rs.getString("totp_secret_cipher") != null);
	}

	// the second factor

	Optional<String> secondFactorCipher(long id) {
		return jdbc.sql("SELECT totp_secret_cipher FROM account WHERE id = ? AND totp_secret_cipher IS NOT NULL").param(id)
			.query(String.class).optional();
	}

	/** Enrols an account's key; the step of the code that confirmed it counts as used. */
	void enrolSecondFactor(long id, String cipher, Instant at, long step) {
		jdbc.sql("UPDATE account SET totp_secret_cipher = ?, totp_enrolled_at = ?, totp_last_step = ? WHERE id = ?")
			.params(cipher, utc(at), step, id).update();
	}

	/** Marks a step's code used; false when it (or a later one) was used already, so a code is accepted once. */
	boolean useSecondFactorStep(long id, long step) {
		return jdbc.sql("UPDATE account SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)")
			.params(step, id, step).update() == 1;
	}

	void clearSecondFactor(long id) {
		jdbc.sql("UPDATE account SET totp_secret_cipher = NULL, totp_enrolled_at = NULL, totp_last_step = NULL WHERE id = ?")
			.param(id).update();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	Optional<Account> findByUsername(String username) {
		return jdbc.sql(SELECT + " WHERE lower(a.username) = lower(?) GROUP BY a.id").param(username).query(AccountRepository::map).optional();
	}

	Optional<Account> findById(long id) {
		return jdbc.sql(SELECT + " WHERE a.id = ? GROUP BY a.id").param(id).query(AccountRepository::map).optional();
	}

	long count() {
		return jdbc.sql("SELECT count(*) FROM account").query(Long.class).single();
	}

	Page<Account> search(@Nullable String text, int page, int size) {
		String where = text == null || text.isBlank() ? "" : " WHERE a.username ILIKE :text OR a.display_name ILIKE :text";
		Map<String, Object> params = new HashMap<>();
		if (!where.isEmpty()) {
			params.put("text", "%" + text.strip().replace("%", "\\%").replace("_", "\\_") + "%");
		}
		long total = jdbc.sql("SELECT count(*) FROM account a" + where).params(params).query(Long.class).single();
		List<Account> items = jdbc.sql(SELECT + where + " GROUP BY a.id ORDER BY a.username LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(AccountRepository::map)
			.list();
		return new Page<>(items, page, size, total);
	}

	long insert(String username, String displayName, String passwordHash, long homeUnitId, Collection<Role> roles,
			boolean mustChangePassword) {
		long id = jdbc.sql("""
				INSERT INTO account (username, display_name, password_hash, home_unit_id, must_change_password)
				VALUES (?, ?, ?, ?, ?) RETURNING id
				""")
			.params(username, displayName, passwordHash, homeUnitId, mustChangePassword)
			.query(Long.class)
			.single();
		replaceRoles(id, roles);
		return id;
	}

	void update(long id, String displayName, long homeUnitId, Collection<Role> roles, boolean enabled) {
		jdbc.sql("UPDATE account SET display_name = ?, home_unit_id = ?, enabled = ?, updated_at = now() WHERE id = ?")
			.params(displayName, homeUnitId, enabled, id)
			.update();
		replaceRoles(id, roles);
	}

	private void replaceRoles(long id, Collection<Role> roles) {
		jdbc.sql("DELETE FROM account_role WHERE account_id = ?").param(id).update();
		List<Role> sorted = new ArrayList<>(roles);
		for (Role role : sorted) {
			jdbc.sql("INSERT INTO account_role (account_id, role) VALUES (?, ?)").params(id, role.name()).update();
		}
	}

	void setPassword(long id, String hash, boolean mustChange) {
		jdbc.sql("UPDATE account SET password_hash = ?, must_change_password = ?, updated_at = now() WHERE id = ?")
			.params(hash, mustChange, id)
			.update();
	}

	/** Counts a failed sign-in; at the limit the account is locked until the given time and the count restarts. */
	int recordFailure(long id, int limit, Instant lockUntil) {
		return jdbc.sql("""
				UPDATE account
				   SET failed_attempts = CASE WHEN failed_attempts + 1 >= :limit THEN 0 ELSE failed_attempts + 1 END,
				       locked_until = CASE WHEN failed_attempts + 1 >= :limit THEN :until ELSE locked_until END
				 WHERE id = :id
				RETURNING CASE WHEN locked_until = :until THEN 1 ELSE 0 END
				""")
			.param("limit", limit)
			.param("until", utc(lockUntil))
			.param("id", id)
			.query(Integer.class)
			.single();
	}

	void recordSuccess(long id, Instant at) {
		jdbc.sql("UPDATE account SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE id = ?")
			.params(utc(at), id)
			.update();
	}

	void unlock(long id) {
		jdbc.sql("UPDATE account SET failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = ?").param(id).update();
	}
}
