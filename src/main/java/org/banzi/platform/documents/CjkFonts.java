package org.banzi.platform.documents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.lowagie.text.pdf.BaseFont;

/**
 * Finds a font with Chinese glyphs to embed in PDF documents: the configured one ({@code banzi.documents.cjk-font}),
 * else Noto CJK or WenQuanYi from the system packages ({@code fonts-noto-cjk}, {@code fonts-wqy-zenhei}).
 */
@Component
public class CjkFonts {

	private static final List<String> CANDIDATES = List.of("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc,0",
			"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,0", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0",
			"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc,0");

	private final String configured;
	private volatile BaseFont font;

	CjkFonts(@Value("${banzi.documents.cjk-font:}") String configured) {
		this.configured = configured;
	}

	/** The font, loaded once; a clear error names the packages to install if none is found. */
	public BaseFont font() {
		if (font == null) {
			String path = locate().orElseThrow(() -> new IllegalStateException(
					"No font with Chinese glyphs: install fonts-noto-cjk (or fonts-wqy-zenhei), or set banzi.documents.cjk-font"));
			try {
				font = BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot load the font " + path, ex);
			}
		}
		return font;
	}

	Optional<String> locate() {
		if (!configured.isBlank()) {
			return Optional.of(configured);
		}
		return CANDIDATES.stream().filter(candidate -> Files.exists(Path.of(candidate.substring(0, candidate.lastIndexOf(','))))).findFirst();
	}
}
