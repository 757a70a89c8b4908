package io.innkeeper.portal.tenant;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.notify.Inbox;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * The notifications badge in a real browser, signed in through the real Keycloak as dave: when a server becomes
 * ready the badge shows it without a reload (the navigation asks for its count every few seconds), and opening the
 * list shows the server's line and clears the badge.
 */
@QuarkusTest
class NotificationsBrowserTest {

    /** Longer than the badge's polling interval plus a server's way to ready. */
    static final double BOUND_MS = 45_000;

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    Inbox inbox;

    BrowserContext context;
    Page page;
    UUID dave;
    String login;

    /**
     * A login of its own, signing in for the first time: a demo login that signed in before from another form of
     * the local address would rightly be told of a sign-in from a new address, and that notification would race
     * the one this test counts.
     */
    @BeforeEach
    void open() {
        login = Mailbox.freshAddress("badge");
        KeycloakUsers.create(login, login, PASSWORD, "customer");
        dave = fixtures.customer(login);
        context = Browser.get().newContext();
        page = context.newPage();
        page.navigate(base.toString());
        SignIn.as(page, login, PASSWORD);
        page.waitForURL(Pattern.compile(".*/servers$"));
    }

    @AfterEach
    void close() {
        context.close();
        KeycloakUsers.delete(login);
    }

    private static final String PASSWORD = "Badge-test-1";

    @Test
    void theBadgeRisesWithoutAReloadAndOpeningTheListClearsIt() {
        assertThat(page.locator("#unread-count")).hasText("");
        page.evaluate("window.__noReload = true");

        String hostname = Fixtures.hostname("badge");
        servers.order(dave, fixtures.catalog(), hostname);

        assertThat(page.locator("#unread-count")).containsText("1",
                new LocatorAssertions.ContainsTextOptions().setTimeout(BOUND_MS));
        assertThat(page.locator("#unread-count")).containsText("unread");
        assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Notifications"))).click();
        page.waitForURL(Pattern.compile(".*/notifications$"));
        assertThat(page.locator("#notifications")).containsText("Server " + hostname + " is ready");
        assertThat(page.locator("#notifications .notice-new")).hasCount(1);
        assertThat(page.locator("#unread-count")).hasText("");
        assertThat(inbox.unread(dave, login)).isZero();

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Server " + hostname + " is ready")).click();
        page.waitForURL(Pattern.compile(".*/servers/[0-9a-f-]+$"));
        assertThat(page.locator("h1")).containsText(hostname);
        assertThat(page.locator("#unread-count")).hasText("");
    }
}
