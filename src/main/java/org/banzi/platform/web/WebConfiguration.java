package org.banzi.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Simplified Chinese by default; {@code ?lang=en} (or {@code zh-CN}) switches and is remembered in a cookie.
 * <p>
 * Static files are served under their own few paths, not Spring Boot's {@code /**} (turned off by
 * {@code spring.web.resources.add-mappings=false}), and links are written as they are: with the WebJars locator on
 * the class path Spring Boot would otherwise rewrite every link a page writes through the resource chain
 * ({@code spring.web.resources.chain.enabled=false} turns that off), and each link to a page ({@code /cadres/12})
 * was looked up as a file in the jar, behind the jar's locks, dozens of times a page. Version-less WebJars paths are
 * still resolved when the file is requested.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final Clock clock;

	private final org.springframework.beans.factory.ObjectProvider<DefaultYear> defaults;

	WebConfiguration(Clock clock, org.springframework.beans.factory.ObjectProvider<DefaultYear> defaults) {
		this.clock = clock;
		this.defaults = defaults;
	}

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("banzi-lang");
		resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
		registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
		registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
		registry.addResourceHandler("/favicon.ico", "/favicon.svg").addResourceLocations("classpath:/static/").resourceChain(true);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
		registry.addInterceptor(new WorkingYear.Interceptor(clock, defaults.getIfAvailable(() -> current -> current)));
	}
}
