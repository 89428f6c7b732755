package org.banzi.audit;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.banzi.platform.web.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Filters and pages the trail for the audit administrator. */
@Component
class AuditQuery {

	private final JdbcClient jdbc;

	AuditQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Filter(@Nullable String actor, @Nullable String action, @Nullable String objectType,
			@Nullable LocalDate from, @Nullable LocalDate to) {
	}

	@Transactional(readOnly = true)
	Page<AuditRecord> find(Filter filter, int page, int size) {
		List<String> where = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		if (filter.actor() != null && !filter.actor().isBlank()) {
			where.add("actor = :actor");
			params.put("actor", filter.actor().strip());
		}
		if (filter.action() != null && !filter.action().isBlank()) {
			where.add("action = :action");
			params.put("action", filter.action().strip());
		}
		if (filter.objectType() != null && !filter.objectType().isBlank()) {
			where.add("object_type = :type");
			params.put("type", filter.objectType().strip());
		}
		ZoneId zone = ZoneId.systemDefault();
		if (filter.from() != null) {
			where.add("occurred_at >= :from");
			params.put("from", filter.from().atStartOfDay(zone).toOffsetDateTime());
		}
		if (filter.to() != null) {
			where.add("occurred_at < :to");
			params.put("to", filter.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
		}
		String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
		long total = jdbc.sql("SELECT count(*) FROM audit_record" + clause).params(params).query(Long.class).single();
		List<AuditRecord> rows = jdbc.sql("SELECT * FROM audit_record" + clause + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(AuditTrail::map)
			.list();
		return new Page<>(rows, page, size, total);
	}

	List<String> actions() {
		return jdbc.sql("SELECT DISTINCT action FROM audit_record ORDER BY action").query(String.class).list();
	}
}
