package io.innkeeper.portal.tenant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.AuditEvent;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.iso.IsoLibrary;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * The server page's CD-ROM card in headless Chromium, signed in through the real Keycloak: dave inserts an ISO of
 * his server's region, chooses to boot from it and ejects it; the card follows each job to its end (htmx) and every
 * change is audited. The node is libvirt's test driver: the real guest's view of the drive is RealGuestCdromTest's.
 */
@QuarkusTest
class ServerIsoBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    IsoLibrary library;

    BrowserContext context;
    Page page;
    UUID server;
    String isoName;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID dave = fixtures.customer("dave");
        server = servers.order(dave, catalog, Fixtures.hostname("cdrom"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        String file = "b-" + UUID.randomUUID().toString().substring(0, 8) + ".iso";
        isoName = "Installer " + file;
        library.add(change -> {
        }, new IsoLibrary.AddIso(catalog.region(), isoName, file, "ef".repeat(32)));
        context = Browser.get().newContext();
        page = context.newPage();
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void insertsBootsFromAndEjectsAnIsoFromTheServerPage() {
        page.navigate(base.toString());
        SignIn.as(page, "dave");
        page.waitForURL(Pattern.compile(".*/servers$"));
        page.navigate(base + "servers/" + server);

        assertThat(page.locator("#cdrom-iso")).hasText("Empty");
        assertThat(page.locator("#cdrom-boot")).hasText("Disk");
        page.locator("#cdrom-choice").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel(isoName));
        page.locator("#cdrom-insert").click();
        assertThat(page.locator("#cdrom-iso")).containsText(isoName);
        assertThat(page.locator("#cdrom-changing")).hasCount(0);

        page.locator("#cdrom-boot-cd").click();
        assertThat(page.locator("#cdrom-boot")).containsText("CD-ROM, then disk");
        assertThat(page.locator("#cdrom-changing")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/server-cdrom.png"))
                .setFullPage(true));

        page.locator("#cdrom-eject").click();
        assertThat(page.locator("#cdrom-iso")).hasText("Empty");
        assertThat(page.locator("#cdrom-boot")).hasText("Disk");
        assertThat(page.locator("#cdrom-changing")).hasCount(0);
        assertThat(audited()).isEqualTo(3);
    }

    private long audited() {
        return QuarkusTransaction.requiringNew().call(() -> AuditEvent.count("targetId = ?1 and action in "
                + "('server.iso-insert', 'server.boot-device', 'server.iso-eject')", server.toString()));
    }
}
