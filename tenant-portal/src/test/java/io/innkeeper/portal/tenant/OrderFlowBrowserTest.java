package io.innkeeper.portal.tenant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Path;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.SignIn;

/**
 * The whole first slice in a real browser, signed in through the real Keycloak (user erin of the realm file):
 * order a server, watch it come up without reloading, reboot it, delete it, sign out.
 */
@QuarkusTest
class OrderFlowBrowserTest {

    private static final LocatorAssertions.ContainsTextOptions SETTLE = new LocatorAssertions.ContainsTextOptions()
            .setTimeout(20_000);

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        fixtures.catalog();
        fixtures.customer("erin");
        context = Browser.get().newContext();
        page = context.newPage();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void customerSignsInOrdersRebootsAndDeletesServer() {
        page.navigate(base.toString());
        SignIn.as(page, "erin");
        page.waitForURL(Pattern.compile(".*/servers$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Servers"))).isVisible();

        String hostname = Fixtures.hostname("browser");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create server")).click();
        page.getByLabel("Hostname").fill(hostname);
        page.getByLabel("Plan").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(
                "Test One: 1 vCPU · 512 MiB RAM · 10 GiB disk · EUR 0.0050 per hour, at most EUR 3.00 a month"));
        page.getByLabel("Operating system").selectOption(
                new com.microsoft.playwright.options.SelectOption().setLabel("Test Debian"));
        page.getByLabel("Region").selectOption(
                new com.microsoft.playwright.options.SelectOption().setLabel("Test Region"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create server")).click();

        // The order leads to the new server's page, which follows it being created by htmx polling, with no
        // reload: the marker set here must survive.
        page.waitForURL(Pattern.compile(".*/servers/[0-9a-f-]{36}$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(hostname))).isVisible();
        page.evaluate("window.__noReload = true");
        assertThat(page.locator("#server-status")).containsText("Running", SETTLE);
        assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);

        page.locator("main a[href='/servers']").first().click();
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(hostname));
        assertThat(row).containsText("Running");
        row.getByRole(AriaRole.LINK).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(hostname))).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reboot")).click();
        assertThat(page.locator("#server-status")).containsText("Rebooted", SETTLE);
        assertThat(page.locator("#server-status")).containsText("Running", SETTLE);
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/server-page.png")));

        page.onceDialog(dialog -> {
            assertThat(dialog.message()).contains("Delete " + hostname);
            dialog.accept();
        });
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete")).click();
        page.waitForURL(Pattern.compile(".*/servers$"));
        assertThat(page.locator("tr", new Page.LocatorOptions().setHasText(hostname)))
                .hasCount(0, new LocatorAssertions.HasCountOptions().setTimeout(20_000));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        page.waitForURL(Pattern.compile(".*/signed-out(\\?.*)?$"));
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("You are signed out");
        page.navigate(base + "servers");
        assertThat(page.locator("#kc-login")).isVisible();
    }

    @Test
    void wrongPasswordStaysOnKeycloak() {
        page.navigate(base.toString());
        SignIn.as(page, "erin", "not-the-password");
        assertThat(page.locator("#input-error, .kc-feedback-text, [id*=error]").first()).isVisible();
        assertThat(page.url()).contains("/realms/innkeeper/");
    }
}
