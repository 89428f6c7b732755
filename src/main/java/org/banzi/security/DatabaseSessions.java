package org.banzi.security;

import java.time.Duration;

import javax.sql.DataSource;

import org.banzi.platform.db.ReadRouting;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * {@code BANZI_SESSIONS=database}: page sessions live in PostgreSQL (Spring Session JDBC, tables of V23), so that
 * several instances behind one proxy share them and a user stays signed in when the instance that served them
 * stops. Ending an account's sessions (disabled, locked, new roles or password) then ends them on every instance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "banzi.sessions", havingValue = "database")
@EnableJdbcHttpSession
class DatabaseSessions {

	/** Sessions are read and written on the primary, whatever request they serve (a replica cannot take writes). */
	@Bean
	@SpringSessionDataSource
	DataSource sessionDataSource(DataSource dataSource) {
		return ReadRouting.primaryOf(dataSource);
	}

	@Bean
	SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<?> sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

	/**
	 * Two requests of one session on two instances at once may both add the same attribute (the year in view, set
	 * at a session's first page): PostgreSQL's upsert keeps one instead of failing the second request.
	 */
	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer concurrentAttributes() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

	/** The idle time a session lasts, as for sessions in memory ({@code server.servlet.session.timeout}). */
	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTimeout(
			@Value("${server.servlet.session.timeout:30m}") Duration timeout) {
		return repository -> repository.setDefaultMaxInactiveInterval(timeout);
	}
}
