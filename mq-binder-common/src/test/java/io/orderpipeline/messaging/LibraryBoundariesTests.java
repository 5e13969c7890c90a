package io.orderpipeline.messaging;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps mq-binder-common a library: contract and plumbing, no service's entities, repositories or rules. */
class LibraryBoundariesTests {

    private final JavaClasses library = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderpipeline.messaging");

    @Test
    void holdsNoEntitiesRepositoriesServicesOrControllers() {
        noClasses().should().beAnnotatedWith("jakarta.persistence.Entity")
                .orShould().beAnnotatedWith("org.springframework.stereotype.Repository")
                .orShould().beAnnotatedWith("org.springframework.stereotype.Service")
                .orShould().beAnnotatedWith("org.springframework.stereotype.Component")
                .orShould().beAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .check(library);
    }

    @Test
    void dependsOnNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.orderpipeline.order..", "io.orderpipeline.inventory..", "io.orderpipeline.points..",
                "io.orderpipeline.sms..", "io.orderpipeline.coupon..")
                .check(library);
    }

    @Test
    void contractDependsOnNothingButTheJdkAndJacksonAnnotations() {
        noClasses().that().resideInAPackage("..contract..")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "io.orderpipeline.messaging.contract..", "java..", "com.fasterxml.jackson.annotation..")
                .check(library);
    }
}
