package org.banzi.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * {@code POST} to the API with an {@code Idempotency-Key} header: the first request with a key runs and its answer
 * (status, type, {@code Location}, body) is kept for {@link #KEPT}; a retry with the same key and the same request
 * gets that answer again ({@code Idempotent-Replayed: true}) and writes nothing. The same key with another request is
 * refused (422); while the first is still running, a retry is refused (409) rather than run twice. An answer of 5xx
 * is not kept: the write did not happen, and the retry runs; so does a retry of a first request that has not answered in
 * {@link #ABANDONED}. Keys are each account's own.
 */
final class IdempotentWrites extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";
	static final Duration KEPT = Duration.ofHours(24);
	/**
	 * A first request still unanswered after this long is taken for dead (its instance stopped in the middle): a retry
	 * then runs. Longer than any request is left to run (a long import runs as a job and answers at once).
	 */
	static final Duration ABANDONED = Duration.ofMinutes(2);
	private static final int LONGEST_KEY = 200;

	interface Refusal {
		void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String messageKey) throws IOException;
	}

	private final JdbcClient jdbc;
	private final Refusal refusal;

	IdempotentWrites(JdbcClient jdbc, Refusal refusal) {
		this.jdbc = jdbc;
		this.refusal = refusal;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER).strip();
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken) {
			chain.doFilter(request, response);
			return;
		}
		if (key.isEmpty() || key.length() > LONGEST_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			refusal.refuse(request, response, HttpStatus.BAD_REQUEST, "idempotency.key.invalid");
			return;
		}
		String username = signedIn.getName();
		HttpServletRequest readable = isMultipart(request) ? request : new BufferedBody(request);
		String fingerprint = fingerprint(readable);
		// an answer kept past its day is forgotten; a first request that never answered (its instance died) is given up
		jdbc.sql("""
				DELETE FROM idempotency_key WHERE username = ? AND key = ?
				  AND (created_at < now() - make_interval(secs => ?) OR (NOT completed AND created_at < now() - make_interval(secs => ?)))""")
			.params(username, key, (double) KEPT.toSeconds(), (double) ABANDONED.toSeconds())
			.update();
		int claimed = jdbc.sql("INSERT INTO idempotency_key (username, key, fingerprint) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(username, key, fingerprint)
			.update();
		if (claimed == 0) {
			answerAgain(username, key, fingerprint, request, response);
			return;
		}
		ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
		boolean kept = false;
		try {
			chain.doFilter(readable, recorded);
			if (recorded.getStatus() < 500) {
				jdbc.sql("""
						UPDATE idempotency_key SET completed = true, status = ?, content_type = ?, location = ?, body = ?
						WHERE username = ? AND key = ?""")
					.params(recorded.getStatus(), recorded.getContentType(), recorded.getHeader("Location"), recorded.getContentAsByteArray(),
							username, key)
					.update();
				kept = true;
			}
		}
		finally {
			if (!kept) {
				jdbc.sql("DELETE FROM idempotency_key WHERE username = ? AND key = ?").params(username, key).update();
			}
			recorded.copyBodyToResponse();
		}
	}

	private record Kept(String fingerprint, boolean completed, @Nullable Integer status, @Nullable String contentType,
			@Nullable String location, byte @Nullable [] body) {
	}

	private void answerAgain(String username, String key, String fingerprint, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Optional<Kept> kept = jdbc.sql("SELECT fingerprint, completed, status, content_type, location, body FROM idempotency_key "
				+ "WHERE username = ? AND key = ?")
			.params(username, key)
			.query((rs, n) -> new Kept(rs.getString(1), rs.getBoolean(2), (Integer) rs.getObject(3), rs.getString(4), rs.getString(5),
					rs.getBytes(6)))
			.optional();
		if (kept.isEmpty()) {
			// the first request failed and let its key go just now: this one may run
			refusal.refuse(request, response, HttpStatus.CONFLICT, "idempotency.key.inProgress");
			return;
		}
		Kept first = kept.get();
		if (!first.fingerprint().equals(fingerprint)) {
			refusal.refuse(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency.key.reused");
			return;
		}
		if (!first.completed() || first.status() == null) {
			refusal.refuse(request, response, HttpStatus.CONFLICT, "idempotency.key.inProgress");
			return;
		}
		response.setStatus(first.status());
		if (first.contentType() != null) {
			response.setContentType(first.contentType());
		}
		if (first.location() != null) {
			response.setHeader("Location", first.location());
		}
		response.setHeader("Idempotent-Replayed", "true");
		if (first.body() != null) {
			response.getOutputStream().write(first.body());
		}
	}

	/** The request as a hash: its path and query, and its body (for a multipart upload, each part's name and content). */
	private static String fingerprint(HttpServletRequest request) throws IOException, ServletException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		digest.update((request.getRequestURI() + "?" + request.getQueryString() + "\n").getBytes(StandardCharsets.UTF_8));
		MultipartHttpServletRequest files = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
		if (files != null) {
			// already parsed (as in tests); a server hands the parts below
			for (var entry : new java.util.TreeMap<>(files.getMultiFileMap()).entrySet()) {
				for (MultipartFile file : entry.getValue()) {
					digest.update((entry.getKey() + "\n" + file.getOriginalFilename() + "\n").getBytes(StandardCharsets.UTF_8));
					try (InputStream in = file.getInputStream()) {
						update(digest, in);
					}
				}
			}
			parameters(request, digest);
		}
		else if (isMultipart(request)) {
			for (Part part : request.getParts()) {
				digest.update((part.getName() + "\n" + part.getSubmittedFileName() + "\n").getBytes(StandardCharsets.UTF_8));
				try (InputStream in = part.getInputStream()) {
					update(digest, in);
				}
			}
		}
		else {
			digest.update(((BufferedBody) request).body);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Adds a part's content to the digest a buffer at a time: a part may be a file of hundreds of megabytes. */
	private static void update(MessageDigest digest, InputStream in) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
			digest.update(buffer, 0, read);
		}
	}

	private static void parameters(HttpServletRequest request, MessageDigest digest) {
		new java.util.TreeMap<>(request.getParameterMap()).forEach((name, values) ->
			digest.update((name + "=" + String.join("\u0000", values) + "\n").getBytes(StandardCharsets.UTF_8)));
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
	}

	/** A request whose body has been read once, to hash it, and is read again from memory by the handler. */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request) throws IOException {
			super(request);
			this.body = request.getInputStream().readAllBytes();
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}
	}
}
