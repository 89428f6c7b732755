package org.banzi.security;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Two filter chains: the JSON API under {@code /api} (HTTP Basic, no session, errors as problem details) and the
 * pages (form sign-in, session, CSRF). Which role may call which endpoint is declared on each handler with
 * {@code @PreAuthorize}; a test fails the build for a handler that declares nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
			+ "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** Sessions kept by this instance alone (the default); {@link DatabaseSessions} keeps them in the database. */
	@Bean
	@ConditionalOnProperty(name = "banzi.sessions", havingValue = "memory", matchIfMissing = true)
	SessionRegistry sessionRegistry() {
		return new SessionRegistryImpl();
	}

	/** Tells the registry when a session ends, so it does not keep sessions that timed out. */
	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	/**
	 * Health and metrics, on the management port, which listens on loopback unless configured otherwise: probes and
	 * the Prometheus scraper sign in to nothing. They show states and counts, never records.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain management(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, MessageSource messages, LocaleResolver locales, JdbcClient jdbc) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests(requests -> requests
				// defence in depth: checked before the request body is even read
				.requestMatchers("/api/accounts/**").hasAnyRole("SYSTEM_ADMIN", "SECURITY_ADMIN")
				.requestMatchers("/api/assessment/**").hasRole("COUNTY_ADMIN")
				// a voter casts with the one-time code alone: no account, nothing that names them
				.requestMatchers("/api/ballots/**").permitAll()
				.anyRequest().authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(
					(request, response, ex) -> problem(response, HttpStatus.UNAUTHORIZED, "error.unauthorized", messages,
							locales.resolveLocale(request))))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.exceptionHandling(handling -> handling
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader("WWW-Authenticate", "Basic realm=\"Banzi\"");
					problem(response, HttpStatus.UNAUTHORIZED, "error.unauthorized", messages, locales.resolveLocale(request));
				})
				.accessDeniedHandler((request, response, ex) -> problem(response, HttpStatus.FORBIDDEN, "error.forbidden",
						messages, locales.resolveLocale(request))))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
			.addFilterBefore(new CrossSiteWrites((request, response) -> problem(response, HttpStatus.FORBIDDEN, "error.crossSite",
					messages, locales.resolveLocale(request))),
					org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
			.addFilterAfter(new IdempotentWrites(jdbc, (request, response, status, key) -> problem(response, status, key, messages,
					locales.resolveLocale(request))), org.springframework.security.web.access.intercept.AuthorizationFilter.class);
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, SessionRegistry sessionRegistry, SignInSuccess success) throws Exception {
		ExceptionMappingAuthenticationFailureHandler failure = new ExceptionMappingAuthenticationFailureHandler();
		failure.setDefaultFailureUrl("/login?error");
		failure.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/accounts/**").hasAnyRole("SYSTEM_ADMIN", "SECURITY_ADMIN")
			.requestMatchers("/audit/**").hasRole("AUDIT_ADMIN")
			// the API's description and its browser, for the administrators who give out and script the API
			.requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").hasAnyRole("SYSTEM_ADMIN", "COUNTY_ADMIN")
			.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error", "/ballot/**").permitAll()
			.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login").successHandler(success).failureHandler(failure).permitAll())
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JSESSIONID"))
			// every page session registered, so a change to its account can end it at once (AccountSessions)
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId())
				.maximumSessions(-1).sessionRegistry(sessionRegistry).expiredUrl("/login?expired"))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	private static void problem(HttpServletResponse response, HttpStatus status, String key, MessageSource messages,
			Locale locale) throws IOException {
		String detail = messages.getMessage(key, null, key, locale);
		String title = messages.getMessage("error.status." + status.value(), null, status.getReasonPhrase(), locale);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + escape(detail) + "\",\"code\":\"" + escape(key) + "\"}");
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}
}
