package org.banzi.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

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
}
