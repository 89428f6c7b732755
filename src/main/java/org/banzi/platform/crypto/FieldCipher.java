package org.banzi.platform.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.banzi.platform.db.DatabaseProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts sensitive fields at rest (AES-256-GCM, a fresh nonce per value) and derives a keyed hash of them for
 * look-ups and uniqueness without decrypting. The key comes from {@code BANZI_SECRET_KEY} (32 bytes, Base64) or
 * from {@code <dataDir>/secret.key}, generated at first start and readable by its owner only. Without the key the
 * encrypted values cannot be read: back it up apart from the database.
 */
@Component
public class FieldCipher {

	private static final int NONCE_BYTES = 12;
	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;
	private final SecretKeySpec indexKey;
	private final SecureRandom random = new SecureRandom();

	FieldCipher(DatabaseProperties properties, @Value("${banzi.secret-key:}") String configured) {
		byte[] material = configured.isBlank() ? loadOrCreate(properties.dataDir().resolve("secret.key"))
				: Base64.getDecoder().decode(configured.strip());
		if (material.length != 32) {
			throw new IllegalStateException("The secret key must be 32 bytes (Base64 of 32 random bytes)");
		}
		this.key = new SecretKeySpec(material, "AES");
		this.indexKey = new SecretKeySpec(hmac(new SecretKeySpec(material, "HmacSHA256"), "banzi-index"), "HmacSHA256");
	}

	public String encrypt(String plain) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[nonce.length + sealed.length];
			System.arraycopy(nonce, 0, out, 0, nonce.length);
			System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("encryption failed", ex);
		}
	}

	public String decrypt(String encoded) {
		try {
			byte[] in = Base64.getDecoder().decode(encoded);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("decryption failed: wrong secret key?", ex);
		}
	}

	/** A keyed hash: equal values give equal hashes, and the value cannot be read back from it. */
	public String index(String plain) {
		return HexFormat.of().formatHex(hmac(indexKey, plain));
	}

	private static byte[] hmac(SecretKeySpec key, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] loadOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				return Base64.getDecoder().decode(Files.readString(file).strip());
			}
			Files.createDirectories(file.getParent());
			byte[] material = new byte[32];
			new SecureRandom().nextBytes(material);
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.deleteIfExists(temporary);
			Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(temporary, Base64.getEncoder().encodeToString(material));
			Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			return material;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the secret key " + file, ex);
		}
	}
}
