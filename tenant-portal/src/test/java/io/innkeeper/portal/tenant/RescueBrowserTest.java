package io.innkeeper.portal.tenant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.rescue.RescueSystems;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * Rescue mode from the server page in headless Chromium, with the jobs on libvirt's test driver: turn it on, read
 * the root password on the page that answers (the one place it is ever shown), see the server page say "Rescue
 * mode" without the password, and turn it off again.
 */
@QuarkusTest
class RescueBrowserTest {

    private static final LocatorAssertions.ContainsTextOptions SETTLE = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(20_000);

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    RescueSystems rescueSystems;

    @Inject
    EntityManager em;

    BrowserContext context;
    Page page;
    UUID server;

    @BeforeEach
    void open() {
        Fixtures.Catalog catalog = fixtures.catalog();
        if (rescueSystems.forRegion(catalog.region()).isEmpty()) {
            rescueSystems.save(change -> { }, new RescueSystems.SaveRescueSystem(null, catalog.region(),
                    "A rescue", "/var/lib/innkeeper/rescue/vmlinuz", "/var/lib/innkeeper/rescue/initramfs.img",
                    "console=ttyS0"));
        }
        UUID dave = fixtures.customer("dave");
        server = servers.order(dave, catalog, Fixtures.hostname("rescue"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
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
    void customerTurnsRescueOnSeesThePasswordOnceAndTurnsItOff() {
        page.navigate(base.toString());
        SignIn.as(page, "dave");
        page.waitForURL(Pattern.compile(".*/servers$"));
        page.navigate(base + "servers/" + server);
        assertThat(page.locator("#rescue-card")).containsText("Rescue mode");
        assertThat(page.locator("#rescue-badge")).hasCount(0);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Boot rescue system")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Rescue mode is on")))
                .isVisible();
        String password = page.locator("#rescue-password").textContent().strip();
        assertThat(password).hasSize(20);
        assertThat(page.locator("#rescue-password-once")).containsText("shown only this once");
        String hash = hash();
        assertThat(Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), hash)).isEqualTo(hash);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/rescue-password.png")));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Go to the server")).click();
        assertThat(page.locator("#rescue-badge")).hasText("Rescue mode");
        assertThat(page.locator("#server-status")).containsText("Rescue system booted", SETTLE);
        assertThat(page.locator("#rescue-active")).containsText("A rescue");
        assertThat(page.content()).doesNotContain(password);
        page.reload();
        assertThat(page.content()).doesNotContain(password);
        assertThat(page.locator("#reinstall-refused")).containsText("rescue mode");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reboot"))).isVisible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave rescue mode")).click();
        page.waitForURL(Pattern.compile(".*/servers/" + server + "$"));
        assertThat(page.locator("#rescue-badge")).hasCount(0);
        assertThat(page.locator("#server-status")).containsText("Left rescue mode", SETTLE);
        page.reload();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Boot rescue system")))
                .isVisible();
        assertThat(hash()).isNull();
    }

    private String hash() {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select rescue_password_hash from guest where id = ?1").setParameter(1, server).getSingleResult());
    }
}
