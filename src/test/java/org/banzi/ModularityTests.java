package org.banzi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the module boundaries: each module uses only the others' public API; writes the module docs. */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(BanziApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() throws IOException {
		Path folder = Path.of("target", "spring-modulith-docs");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString())).writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		String overview = Files.readString(folder.resolve("components.puml"));
		for (ApplicationModule module : modules) {
			assertThat(overview).as("the overview diagram names every module").contains(module.getDisplayName());
			assertThat(folder.resolve("module-" + module.getIdentifier() + ".adoc")).as("canvas of " + module.getIdentifier())
				.exists();
		}
	}
}
