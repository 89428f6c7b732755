package org.banzi.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key the audit trail is signed with (HMAC-SHA256), kept outside the database: {@code BANZI_AUDIT_KEY} (32 bytes,
 * Base64) or the file {@code audit.key} in the data directory, created at the first start readable by its owner only.
 * Whoever can write the database but does not hold this key cannot sign a record or a checkpoint.
 */
@Component
class AuditKey {

	private final byte[] key;

	/** Asks for the database first, so that a fresh test database has wiped the data directory before the key is read. */
	@Autowired
	AuditKey(AuditProperties properties, JdbcClient database) {
		this.key = load(properties);
	}

	AuditKey(byte[] key) {
		this.key = key.clone();
	}

	String sign(String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	boolean signed(String text, String signature) {
		return MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] load(AuditProperties properties) {
		if (!properties.key().isBlank()) {
			return decode(properties.key(), "BANZI_AUDIT_KEY");
		}
		Path file = properties.keyFile();
		try {
			if (Files.exists(file)) {
				return decode(Files.readString(file).strip(), file.toString());
			}
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the directory's protection applies
			}
			return fresh;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the audit key " + file, ex);
		}
	}

	private static byte[] decode(String text, String where) {
		byte[] decoded = Base64.getDecoder().decode(text.strip());
		if (decoded.length < 32) {
			throw new IllegalStateException(where + " must hold at least 32 random bytes in Base64");
		}
		return decoded;
	}
}
