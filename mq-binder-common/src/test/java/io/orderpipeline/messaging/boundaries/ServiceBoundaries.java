package io.orderpipeline.messaging.boundaries;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The boundary every service keeps, shipped to the services' tests in this module's test-jar: only a service's
 * {@code messaging} package (the function beans and the outbox adapter) touches the message contract and the inbox;
 * its domain and web packages take business data only.
 */
public final class ServiceBoundaries {

    private ServiceBoundaries() {
    }

    /**
     * @param servicePackage the service's root package, e.g. {@code io.orderpipeline.points}
     * @return the rule: no class of the service outside {@code <servicePackage>.messaging} depends on
     *         {@code io.orderpipeline.messaging.contract..} or {@code io.orderpipeline.messaging.inbox..}
     */
    public static ArchRule contractAndInboxOnlyInMessaging(String servicePackage) {
        return noClasses().that().resideInAPackage(servicePackage + "..")
                .and().resideOutsideOfPackage(servicePackage + ".messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("io.orderpipeline.messaging.contract..",
                        "io.orderpipeline.messaging.inbox..")
                .because("domain classes take business data only; messaging maps the contract to it");
    }

    /**
     * Checks {@link #contractAndInboxOnlyInMessaging} on a service's main classes.
     *
     * @param servicePackage the service's root package
     * @throws AssertionError naming every violation
     */
    public static void check(String servicePackage) {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);
        contractAndInboxOnlyInMessaging(servicePackage).check(main);
    }
}
