package io.innkeeper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The design card's dependency direction: portals -> core -> provisioning, billing -> shared kernel. Also checks
 * that each folder holds only its own packages, so a reader finds a feature by its folder.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.innkeeper");

    @Test
    void dependenciesPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("TenantPortal").definedBy("io.innkeeper.portal.tenant..")
                .layer("AdminPortal").definedBy("io.innkeeper.portal.admin..")
                .layer("Core").definedBy("io.innkeeper.tenancy..", "io.innkeeper.catalog..", "io.innkeeper.orders..",
                        "io.innkeeper.quota..", "io.innkeeper.audit..", "io.innkeeper.web..", "io.innkeeper.demo..",
                        "io.innkeeper.account..", "io.innkeeper.api..")
                .layer("Provisioning").definedBy("io.innkeeper.provisioning..")
                .optionalLayer("Billing").definedBy("io.innkeeper.billing..")
                .layer("Kernel").definedBy("io.innkeeper.kernel..")
                .whereLayer("TenantPortal").mayNotBeAccessedByAnyLayer()
                .whereLayer("AdminPortal").mayNotBeAccessedByAnyLayer()
                .whereLayer("Core").mayOnlyBeAccessedByLayers("TenantPortal", "AdminPortal")
                .whereLayer("Provisioning").mayOnlyBeAccessedByLayers("Core", "TenantPortal", "AdminPortal")
                .whereLayer("Billing").mayOnlyBeAccessedByLayers("Core", "TenantPortal", "AdminPortal")
                .whereLayer("Kernel").mayNotAccessAnyLayer()
                .check(CLASSES);
    }

    /**
     * The admin portal holds controllers, view records and templates only: it reads and changes data through the
     * modules' use cases, never through the persistence API or an entity. The admin server pages
     * ({@code portal.admin.servers}) still read their list by SQL until the one server list query replaces it.
     */
    @Test
    void adminPortalReachesDataOnlyThroughUseCases() {
        noClasses().that().resideInAPackage("io.innkeeper.portal.admin..")
                .and().resideOutsideOfPackage("io.innkeeper.portal.admin.servers..")
                .should().dependOnClassesThat().areAssignableTo(EntityManager.class)
                .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "java.sql..",
                        "javax.sql..", "io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..")
                .check(CLASSES);
    }

    @Test
    void everyClassBelongsToALayer() {
        List<String> stray = CLASSES.stream().map(c -> c.getPackageName())
                .filter(p -> Stream.of("portal.tenant", "portal.admin", "tenancy", "catalog", "orders", "quota", "audit", "web", "demo", "account", "api",
                        "provisioning", "billing", "kernel").noneMatch(l -> p.startsWith("io.innkeeper." + l)))
                .distinct().toList();
        assertThat(stray).as("packages outside the design card's parts").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "provisioning/src/main/java, io/innkeeper/provisioning",
            "billing/src/main/java, io/innkeeper/billing",
            "tenant-portal/src/main/java, io/innkeeper/portal/tenant",
            "admin-portal/src/main/java, io/innkeeper/portal/admin" })
    void eachFolderHoldsOnlyItsOwnPackages(String root, String packagePath) throws IOException {
        Path base = Path.of(root);
        try (Stream<Path> files = Files.walk(base)) {
            List<Path> misplaced = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !base.relativize(f).toString().startsWith(packagePath)).toList();
            assertThat(misplaced).isEmpty();
        }
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            assertThat(files.filter(f -> f.toString().contains(packagePath + "/"))).isEmpty();
        }
    }
}
