package org.banzi.scan;

import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** What the scan needs that Banzi must never serve: the list of its API reads, and an endpoint injectable on purpose. */
@TestConfiguration(proxyBeanMethods = false)
@Import(ScanControls.Endpoints.class)
class ScanControls {

	/** A test component: component scanning of the test contexts leaves it out; only {@link ScanTarget} imports it. */
	@TestComponent
	@RestController
	static class Endpoints {

		private final JdbcClient jdbc;
		private final RequestMappingHandlerMapping mappings;

		Endpoints(JdbcClient jdbc, RequestMappingHandlerMapping requestMappingHandlerMapping) {
			this.jdbc = jdbc;
			this.mappings = requestMappingHandlerMapping;
		}

		/** The positive control: its parameter is pasted into SQL, so the scan must find it or fail. */
		@GetMapping("/api/scan/injectable")
		@PreAuthorize("isAuthenticated()")
		Map<String, Object> injectable(@RequestParam String name) {
			return Map.of("units", jdbc.sql("SELECT count(*) FROM org_unit WHERE name = '" + name + "'").query(Long.class).single());
		}

		/**
		 * Every GET under {@code /api} that takes parameters, as a URL with a plausible value for each: the scan's list.
		 * Path variables are marked with {@code *}, where sqlmap injects too.
		 */
		@GetMapping("/api/scan/endpoints")
		@PreAuthorize("isAuthenticated()")
		List<String> endpoints() {
			List<String> urls = new ArrayList<>();
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
				RequestMappingInfo info = entry.getKey();
				var methods = info.getMethodsCondition().getMethods();
				if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
					continue;
				}
				for (String pattern : info.getPatternValues()) {
					if (!pattern.startsWith("/api/") || pattern.startsWith("/api/scan/")) {
						continue;
					}
					String path = pattern;
					Map<String, String> query = new LinkedHashMap<>();
					for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
						PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
						RequestParam request = parameter.getParameterAnnotation(RequestParam.class);
						String name = variable != null ? first(variable.name(), variable.value(), parameter.getParameterName())
								: request != null ? first(request.name(), request.value(), parameter.getParameterName()) : null;
						if (name == null) {
							continue;
						}
						String value = sample(name, parameter.getParameterType());
						if (variable != null) {
							path = path.replace("{" + name + "}", value + "*");
						}
						else if (!parameter.getParameterType().getName().contains("MultipartFile")) {
							query.put(name, value);
						}
					}
					if (path.equals(pattern) && query.isEmpty()) {
						continue;
					}
					StringBuilder url = new StringBuilder(path);
					query.forEach((name, value) -> url.append(url.indexOf("?") < 0 ? '?' : '&').append(name).append('=').append(value));
					urls.add(url.toString());
				}
			}
			urls.sort(null);
			return urls;
		}

		private static String first(String... names) {
			for (String name : names) {
				if (name != null && !name.isEmpty()) {
					return name;
				}
			}
			return null;
		}

		private static String sample(String name, Class<?> type) {
			if (type.isEnum()) {
				return type.getEnumConstants()[0].toString();
			}
			if (type == java.time.LocalDate.class) {
				return Year.now().getValue() + "-01-01";
			}
			if (name.toLowerCase(java.util.Locale.ROOT).contains("year")) {
				return String.valueOf(Year.now().getValue() - 1);
			}
			if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
				return "1";
			}
			return name.toLowerCase(java.util.Locale.ROOT).contains("unit") || name.equals("code") ? "COUNTY" : "a";
		}
	}
}
