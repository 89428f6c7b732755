package org.banzi.platform.web;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.banzi.platform.LeastRecentlyUsed;
import org.banzi.platform.db.PageMemo;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * A fragment of a page rendered once and kept until its records change ({@link PageMemo}), for pages whose lists
 * cost more to render than to read: {@code /orglife}'s five lists spent four fifths of the page's time in its
 * template. The fragment is rendered by the same view machinery as a page (messages, links, {@code #roles}), into a
 * string the page inserts unescaped.
 */
@Component
public class KeptFragments {

	private final ThymeleafViewResolver views;

	private final PageMemo kept;

	/**
	 * The fragments that depend on no records, by view, language, path and roles: few (a role set is one of a handful
	 * in use), so the oldest goes when {@link #FIXED_CAPACITY} are kept.
	 */
	private static final int FIXED_CAPACITY = 256;

	private final Map<List<Object>, String> fixed = LeastRecentlyUsed.map(FIXED_CAPACITY);

	KeptFragments(ThymeleafViewResolver views, PageMemo kept) {
		this.views = views;
		this.kept = kept;
	}

	/**
	 * The fragment {@code view} rendered without a model of its own, as it depends on no records, only on the
	 * reader's language and roles (the menu): rendered once for each and kept until the application stops.
	 */
	public String fixed(String view, HttpServletRequest request, HttpServletResponse response) {
		Locale locale = RequestContextUtils.getLocale(request);
		List<Object> key = readersKey(view, List.of(), locale, request);
		synchronized (fixed) {
			String found = fixed.get(key);
			if (found != null) {
				return found;
			}
		}
		String html = render(view, locale, Map.of(), request, response);
		synchronized (fixed) {
			fixed.put(key, html);
		}
		return html;
	}

	/**
	 * The fragment {@code view} ("template :: fragment") rendered with the model {@code model} gives, or as kept for
	 * {@code key} while none of {@code tables} has changed. The key must name what the model depends on besides the
	 * tables (the scope, the page, the year and day); the reader's language, roles and the application's path are
	 * added here. The model is asked for only when the fragment is rendered.
	 */
	public String render(String view, List<Object> key, List<String> tables, HttpServletRequest request,
			HttpServletResponse response, Supplier<Map<String, ?>> model) {
		Locale locale = RequestContextUtils.getLocale(request);
		return kept.<String>remember(readersKey(view, key, locale, request), tables,
				() -> render(view, locale, model.get(), request, response));
	}

	/** The key a fragment is kept by: the view, the caller's key, the reader's language and roles, the path. */
	private static List<Object> readersKey(String view, List<Object> key, Locale locale, HttpServletRequest request) {
		return List.of(view, key, locale, request.getContextPath(), TemplateRoles.signedIn().key());
	}

	private String render(String name, Locale locale, Map<String, ?> model, HttpServletRequest request,
			HttpServletResponse response) {
		try {
			View view = views.resolveViewName(name, locale);
			if (view == null) {
				throw new IllegalStateException("no view " + name);
			}
			Captured captured = new Captured(response);
			Map<String, Object> attributes = attributes(request);
			try {
				view.render(model, request, captured);
			}
			finally {
				restore(request, attributes);
			}
			return captured.text();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("fragment " + name + " not rendered", ex);
		}
	}

	/**
	 * The request's attributes before a fragment is rendered. A view keeps its model and its request context (what
	 * {@code th:object} and {@code #fields} read) as request attributes: a fragment rendered in the middle of a page
	 * (the menu) would otherwise leave the page's form without its bound object.
	 */
	private static Map<String, Object> attributes(HttpServletRequest request) {
		Map<String, Object> attributes = new java.util.HashMap<>();
		request.getAttributeNames().asIterator().forEachRemaining(name -> attributes.put(name, request.getAttribute(name)));
		return attributes;
	}

	/** Puts the request's attributes back as they were before the fragment was rendered. */
	private static void restore(HttpServletRequest request, Map<String, Object> attributes) {
		for (String name : java.util.Collections.list(request.getAttributeNames())) {
			if (!attributes.containsKey(name)) {
				request.removeAttribute(name);
			}
		}
		attributes.forEach((name, value) -> {
			if (request.getAttribute(name) != value) {
				request.setAttribute(name, value);
			}
		});
	}

	/** A response whose body is kept as text and whose headers stay the page's own. */
	private static final class Captured extends HttpServletResponseWrapper {

		private final StringWriter text = new StringWriter();

		private final PrintWriter writer = new PrintWriter(text);

		Captured(HttpServletResponse response) {
			super(response);
		}

		@Override
		public PrintWriter getWriter() {
			return writer;
		}

		@Override
		public ServletOutputStream getOutputStream() {
			throw new IllegalStateException("a fragment is written as text");
		}

		@Override
		public void setContentType(String type) {
		}

		@Override
		public void setCharacterEncoding(String charset) {
		}

		@Override
		public void setLocale(Locale locale) {
		}

		@Override
		public void setHeader(String name, String value) {
		}

		@Override
		public void addHeader(String name, String value) {
		}

		@Override
		public void flushBuffer() {
			writer.flush();
		}

		@Override
		public boolean isCommitted() {
			return false;
		}

		String text() {
			writer.flush();
			return text.toString();
		}
	}
}
