package org.epicenter.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The server's packages: the root wires the parts; the parts (admin, alert, notify, replay, http)
 * form no cycle; and HTTP is a leaf: only the wiring (Epicenter, Agent) and the command line reach
 * into it, so a second transport or a second front end can sit beside it.
 */
class ServerLayeringTest {
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.epicenter.server");

    /** The subpackages only: the root (the wiring) depends on all of them by design. */
    @Test
    void thePartsFormNoCycle() {
        slices().matching("org.epicenter.server.(*)..")
                .should()
                .beFreeOfCycles()
                .check(SERVER);
    }

    @Test
    void httpIsALeaf() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.epicenter.server.admin..",
                        "org.epicenter.server.alert..",
                        "org.epicenter.server.notify..",
                        "org.epicenter.server.replay..")
                .or()
                .resideInAPackage("org.epicenter.server")
                .and()
                .doNotHaveSimpleName("Epicenter")
                .and()
                .doNotHaveSimpleName("Agent")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.epicenter.server.http..")
                .because("HTTP is one transport and one front end among others; the parts must not need it")
                .check(SERVER);
    }
}
