package org.banzi.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** htmx enhances pages that work without it: a request it sends gets the fragment, any other the whole page. */
public final class Htmx {

	private Htmx() {
	}

	public static boolean isRequest(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
	}

	/** The fragment for htmx, else the page; caches are told that the answer depends on the header. */
	public static String view(HttpServletRequest request, HttpServletResponse response, String page, String fragment) {
		response.addHeader("Vary", "HX-Request");
		return isRequest(request) ? page + " :: " + fragment : page;
	}
}
