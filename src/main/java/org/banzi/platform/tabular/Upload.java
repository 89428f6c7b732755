package org.banzi.platform.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded file kept on disk, in a file of its own, while it is imported: read as a stream by the imports that
 * can (a year of self-study), whole by the others, and deleted when closed. A job waiting for a worker holds its
 * file here, not in memory.
 */
public final class Upload implements AutoCloseable {

	private final String filename;
	private final Path path;
	private final long size;

	private Upload(String filename, Path path) throws IOException {
		this.filename = filename;
		this.path = path;
		this.size = Files.size(path);
	}

	/** Moves (or copies) the part of a request to a file of its own, so it outlives the request. */
	public static Upload of(MultipartFile file) throws IOException {
		Path path = Files.createTempFile("banzi-upload-", ".part");
		try {
			file.transferTo(path);
			return new Upload(String.valueOf(file.getOriginalFilename()), path);
		}
		catch (IOException | RuntimeException ex) {
			Files.deleteIfExists(path);
			throw ex;
		}
	}

	/** A file whose content is already in memory (the forms' small files, tests). */
	public static Upload of(String filename, byte[] content) {
		try {
			Path path = Files.createTempFile("banzi-upload-", ".part");
			Files.write(path, content);
			return new Upload(filename, path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String filename() {
		return filename;
	}

	public long size() {
		return size;
	}

	/** A new stream over the whole file; the caller closes it. */
	public InputStream open() throws IOException {
		return Files.newInputStream(path);
	}

	/** The whole content, for an import that reads it in memory; refused beyond the limit such imports take. */
	public byte[] bytes(UploadLimits limits) {
		limits.checkHeld(size);
		try {
			return Files.readAllBytes(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
