package io.innkeeper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.TreeSet;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaClass;
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
                        "io.innkeeper.account..", "io.innkeeper.api..", "io.innkeeper.mail..",
                        "io.innkeeper.notify..", "io.innkeeper.retention..")
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
     * The adapters (both portals and the account API) hold controllers, resources, view records and templates only:
     * they read and change data through the modules' use cases, never through the persistence API, SQL or an entity
     * (not even one a use case hands back: use cases answer with records).
     */
    @Test
    void adaptersReachDataOnlyThroughUseCases() {
        Set<String> found = CLASSES.stream()
                .filter(c -> ADAPTERS.stream().anyMatch(a -> c.getPackageName().startsWith(a)))
                .filter(c -> c.getDirectDependenciesFromSelf().stream().anyMatch(d -> isData(d.getTargetClass())))
                .map(c -> c.getName().replaceFirst("\\$.*", "")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(found).as("adapter classes that reach data without a use case").isEmpty();
    }

    @Test
    void theDataRuleSeesEntitiesAndThePersistenceApi() {
        assertThat(isData(new ClassFileImporter().importClass(EntityManager.class))).isTrue();
        assertThat(isData(new ClassFileImporter().importClass(io.innkeeper.orders.Server.class))).isTrue();
        assertThat(isData(new ClassFileImporter().importClass(io.innkeeper.orders.ServerRow.class))).isFalse();
    }

    private static final List<String> ADAPTERS = List.of("io.innkeeper.portal.admin", "io.innkeeper.portal.tenant",
            "io.innkeeper.api");

    private static boolean isData(JavaClass target) {
        return target.isAssignableTo(EntityManager.class) || target.isAnnotatedWith(Entity.class)
                || Stream.of("jakarta.persistence", "java.sql", "javax.sql", "io.vertx.sqlclient",
                        "io.vertx.mutiny.sqlclient").anyMatch(p -> target.getPackageName().startsWith(p));
    }

    @Test
    void everyClassBelongsToALayer() {
        List<String> stray = CLASSES.stream().map(c -> c.getPackageName())
                .filter(p -> Stream.of("portal.tenant", "portal.admin", "tenancy", "catalog", "orders", "quota", "audit", "web", "demo", "account", "api", "mail", "notify",
                        "retention", "provisioning", "billing", "kernel").noneMatch(l -> p.startsWith("io.innkeeper." + l)))
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
