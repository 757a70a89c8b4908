package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every tenant portal page with the portal's navigation also shows the account notice ({@code {#suspension /}}: the
 * suspension, or the overdue balance before it), so a page added later cannot forget it.
 */
class AccountNoticeOnEveryPageTest {

    @Test
    void everyPageWithTheNavigationShowsTheAccountNotice() throws IOException {
        Path root = Path.of("tenant-portal/src/main/resources/templates");
        List<Path> pages;
        try (Stream<Path> files = Files.walk(root)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).filter(p -> read(p).contains("{#nav}"))
                    .toList();
        }
        assertThat(pages).hasSizeGreaterThan(10);
        assertThat(pages.stream().filter(p -> !read(p).contains("{#suspension /}")).map(Path::toString))
                .as("pages without {#suspension /}").isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
