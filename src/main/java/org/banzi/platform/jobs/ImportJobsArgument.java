package org.banzi.platform.jobs;

import java.util.List;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands {@link ImportJobs} to the import handlers that name it as an argument, so that every module's import
 * endpoint runs its file the same way (at once, or as a job) without each controller holding the service.
 */
@Configuration(proxyBeanMethods = false)
class ImportJobsArgument implements WebMvcConfigurer {

	static {
		// a service the handlers are handed, not a parameter of the request: the API's description leaves it out
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(ImportJobs.class);
	}

	private final ImportJobs jobs;

	ImportJobsArgument(ImportJobs jobs) {
		this.jobs = jobs;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {
			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == ImportJobs.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
					WebDataBinderFactory binders) {
				return jobs;
			}
		});
	}
}
