package org.banzi.platform.web;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the JSON API, generated from the handlers and their request and response records
 * ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html} for signed-in administrators): HTTP Basic on every call,
 * errors as problem details.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BASIC = "basic";

	@Bean
	OpenAPI banziApi() {
		return new OpenAPI()
			.info(new Info().title("Banzi API").version("1")
				.description("The JSON API of Banzi (班子): the same records and figures as its pages, for integration and "
						+ "scripts. Every call signs in with HTTP Basic; a unit or record outside the caller's scope answers 404, "
						+ "a role the endpoint does not admit 403; errors are RFC 9457 problem details with a `code`. Imports "
						+ "take an XLSX or CSV file as `file` and answer with the rows inserted, updated and unchanged, or every "
						+ "error by row and column."))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
						.description("An account's user name and password, on every request; the API keeps no session")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

	/**
	 * Headers every handler shares without naming them: {@code Idempotency-Key} on every {@code POST}, and on the
	 * imports {@code Prefer: respond-async} with its 202 answer.
	 */
	@Bean
	OpenApiCustomizer writeHeaders() {
		return api -> api.getPaths().forEach((path, item) -> {
			Operation post = item.getPost();
			if (post == null) {
				return;
			}
			post.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false).schema(new StringSchema().maxLength(200))
				.description("A key of the caller's choosing (such as a UUID): a retry with the same key and request within 24 hours "
						+ "gets the first answer again (with Idempotent-Replayed: true) and writes nothing; the same key with "
						+ "another request answers 422"));
			if (path.startsWith("/api/import/")) {
				post.addParametersItem(new HeaderParameter().name("Prefer").required(false).schema(new StringSchema()._enum(List.of("respond-async")))
					.description("respond-async: run the import as a job and answer 202 at once; GET the Location until its "
							+ "state is no longer RUNNING"));
				post.getResponses().addApiResponse("202", new ApiResponse().description("Accepted as a job (Prefer: respond-async)")
					.addHeaderObject("Location", new Header().description("/api/imports/{id}, the job's state, progress and report")
						.schema(new StringSchema())));
			}
		});
	}
}
