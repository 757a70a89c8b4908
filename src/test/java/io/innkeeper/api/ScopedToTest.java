package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Every API resource says which token resource it belongs to, so that narrowed tokens are checked against it. */
class ScopedToTest {

    @Test
    void everyApiResourceClassCarriesScopedTo() {
        List<String> missing = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.innkeeper").stream()
                .filter(c -> c.isAnnotatedWith(Path.class))
                .filter(c -> c.getAnnotationOfType(Path.class).value().startsWith("/api/"))
                .filter(c -> !c.isAnnotatedWith(ScopedTo.class))
                .map(JavaClass::getName).toList();
        assertThat(missing).isEmpty();
    }
}
