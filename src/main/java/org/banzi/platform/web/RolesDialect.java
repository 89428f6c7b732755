package org.banzi.platform.web;

import java.util.Set;

import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;
import org.springframework.stereotype.Component;

/**
 * {@code ${#roles.any('COUNTY_ADMIN','UNIT_ADMIN')}} in templates: what {@code sec:authorize="hasAnyRole(...)"} said,
 * without parsing and evaluating a security expression for every menu entry of every page (the layout has two dozen).
 * The signed-in roles are read once per page.
 */
@Component
class RolesDialect extends AbstractDialect implements IExpressionObjectDialect {

	private static final String NAME = "roles";

	RolesDialect() {
		super("banzi-roles");
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of(NAME);
			}

			@Override
			public Object buildObject(IExpressionContext context, String expressionObjectName) {
				return TemplateRoles.signedIn();
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true;
			}
		};
	}
}
