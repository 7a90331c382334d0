package no.arealbank;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module rules of STYLE.md 2.1, checked on every build; also writes the module diagrams to target/. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(ArealbankApplication.class);

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirPublicApi() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
