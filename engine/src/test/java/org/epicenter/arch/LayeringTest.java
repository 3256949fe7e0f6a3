package org.epicenter.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The engine is plain Java over plain data: no HTTP, SQL, Kafka, files, sockets or clock reads. */
class LayeringTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.epicenter");

    @Test
    void engineHasNoInputOutputDependencies() {
        // java.net.URI is a value parser (probe targets are validated as URLs in the catalog); it opens nothing.
        ArchRule rule = noClasses()
                .should()
                .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.and(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                                "java.net..",
                                "java.sql..",
                                "javax.sql..",
                                "java.nio.file..",
                                "java.nio.channels..",
                                "java.net.http..",
                                "io.javalin..",
                                "org.eclipse.jetty..",
                                "org.jdbi..",
                                "org.flywaydb..",
                                "org.sqlite..",
                                "org.apache.kafka..",
                                "org.postgresql..",
                                "io.micrometer.."),
                        com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf(
                                        java.net.URI.class, java.net.URISyntaxException.class))))
                .because("I/O lives at the edges (store, server, probes, feeds); the engine must replay offline");
        rule.check(ENGINE);
    }

    @Test
    void engineDoesNotUseFilesOrProcesses() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.File")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.FileInputStream")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.ProcessBuilder")
                .check(ENGINE);
    }

    @Test
    void engineNeverReadsTheClock() {
        noClasses()
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(java.time.Clock.class, "systemUTC")
                .orShould()
                .callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould()
                .callMethod(java.time.LocalDate.class, "now")
                .orShould()
                .callMethod(java.time.LocalDateTime.class, "now")
                .orShould()
                .callMethod(java.time.ZonedDateTime.class, "now")
                .because("time is injected: live serving and offline replay must give identical results")
                .check(ENGINE);
    }
}
