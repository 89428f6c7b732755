package org.banzi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import jakarta.annotation.security.PermitAll;

/** Conventions from STYLE.md that matter here. */
class ArchitectureTests {

	static final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.banzi");

	@Test
	void everyEndpointDeclaresWhoMayCallIt() {
		methods().that().areMetaAnnotatedWith(RequestMapping.class)
			.should().beAnnotatedWith(PreAuthorize.class).orShould().beAnnotatedWith(PermitAll.class)
			.because("a new endpoint with no authorization rule must fail the build")
			.check(classes);
	}

	@Test
	void controllersArePackagePrivate() {
		classes().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
			.should().notBePublic()
			.check(classes);
	}

	@Test
	void noFieldInjection() {
		noFields().should().beAnnotatedWith(Autowired.class).check(classes);
	}

	@Test
	void reportingIsReadByNobody() {
		noClasses().that().resideOutsideOfPackage("org.banzi.reporting..")
			.should().dependOnClassesThat().resideInAPackage("org.banzi.reporting..")
			.allowEmptyShould(true)
			.check(classes);
	}

	@Test
	void noModuleUsesJavaUtilLoggingOrSystemOutExceptTheBootstrapBanner() {
		noClasses().that().doNotHaveSimpleName("BootstrapAdmin")
			.should().accessField(System.class, "out")
			.check(classes);
	}
}
