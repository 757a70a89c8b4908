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
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.tenancy.TenantSuspensions;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.ConsoleNode;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * The portal's flows in a real browser, signed in through the real Keycloak as the realm's demo users, driven with
 * the keyboard alone once signed in: dave (owner) finds, renames and names a server; frank (a read-only member of
 * dave's account) sees it and cannot change it even by posting directly; rita (reseller) gives carol a quota;
 * dave sees the price before ordering; carol, suspended, is told why.
 */
@QuarkusTest
class TenantPortalBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    TenantSuspensions suspensions;

    @Inject
    ConsoleNode consoleNode;

    BrowserContext context;
    Page page;
    UUID dave;
    UUID server;
    String hostname;

    @BeforeEach
    void open() {
        Fixtures.Catalog catalog = fixtures.catalog();
        dave = fixtures.customer("dave");
        quotas.set(Actor.SYSTEM, dave, new QuotaLimits(50, 50, 100_000, 1000, 50, 50, null, null, null));
        fixtures.member("frank", dave, MemberRole.READ_ONLY);
        hostname = Fixtures.hostname("kbd");
        server = servers.order(dave, catalog, hostname);
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        context = Browser.get().newContext();
        page = context.newPage();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void ownerFindsRenamesAndNamesAServerWithTheKeyboard() {
        signIn("dave");
        tabTo("#q");
        page.keyboard().type(hostname.substring(0, 12));
        page.evaluate("window.__noReload = true");
        assertThat(page.locator("#server-rows tr")).hasCount(1);
        assertThat(page.locator("#server-rows")).containsText(hostname);
        assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);
        page.waitForURL(Pattern.compile(".*[?&]q=kbd-.*"));

        tabTo("a[href='/servers/" + server + "']");
        submit();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(hostname))).isVisible();

        String renamed = Fixtures.hostname("renamed-kbd");
        tabTo("#rename-hostname");
        page.keyboard().press("Control+A");
        page.keyboard().type(renamed);
        submit();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(renamed))).isVisible();

        tabTo("#ptr-0");
        page.keyboard().type("mail.example.com");
        submit();
        assertThat(page.locator("#ptr-0")).hasValue("mail.example.com");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/tenant-server-page.png"))
                .setFullPage(true));

        tabTo("a[href='/dashboard']");
        submit();
        assertThat(page.locator("#quota-h")).isVisible();
        assertThat(page.locator("[role=progressbar]").first()).hasAttribute("aria-valuemax", "50");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/tenant-dashboard.png"))
                .setFullPage(true));
    }

    /**
     * A filtered list is an entry in the history. Back to it shows the whole list page, never the bare results htmx
     * swapped in: from a page the browser loaded afresh, and within htmx's own history when its copy of the page is
     * gone and it asks the server again.
     */
    @Test
    void backToAFilteredListShowsTheWholePage() {
        signIn("dave");
        String q = hostname.substring(0, 12);
        page.locator("#q").fill(q);
        page.waitForURL(Pattern.compile(".*[?&]q=kbd-.*"));
        assertThat(page.locator("#server-rows tr")).hasCount(1);
        page.locator("a[href='/servers/" + server + "']").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(hostname))).isVisible();

        page.goBack();
        page.waitForURL(Pattern.compile(".*[?&]q=kbd-.*"));
        assertWholeServerList();
        assertThat(page.locator("#q")).hasValue(q);

        page.locator("#state").selectOption("RUNNING");
        page.waitForURL(Pattern.compile(".*[?&]state=RUNNING.*"));
        assertThat(page.locator("#server-rows")).containsText(hostname);
        // htmx's copy of the page is gone (its cache holds ten pages, in session storage): it asks the server.
        page.evaluate("() => { window.__noReload = true; sessionStorage.removeItem('htmx-history-cache'); }");
        page.goBack();
        page.waitForURL(Pattern.compile("^(?!.*state=RUNNING).*[?&]q=kbd-.*"));
        assertThat(page.locator("#state")).hasValue("");
        assertWholeServerList();
        assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);
    }

    private void assertWholeServerList() {
        assertThat(page.locator("header.top nav[aria-label=Main]")).hasCount(1);
        assertThat(page.locator("header.top nav[aria-label=Main] a[aria-current=page]")).hasText("Servers");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Servers"))).isVisible();
        assertThat(page.locator("form[role=search] #q")).isVisible();
        assertThat(page.locator("#server-results")).hasCount(1);
        assertThat(page.locator("#server-rows")).containsText(hostname);
    }

    @Test
    void readOnlyMemberSeesTheServerAndCannotChangeItEvenByPostingDirectly() {
        signIn("frank");
        assertThat(page.locator("#server-rows")).containsText(hostname);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create server"))).hasCount(0);
        tabTo("a[href='/servers/" + server + "']");
        submit();
        assertThat(page.locator("#read-only-note")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Reboot"))).hasCount(0);
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete"))).hasCount(0);

        Object status = page.evaluate("async () => { const h = JSON.parse(document.body.getAttribute('hx-headers'));"
                + " const r = await fetch('/servers/" + server + "/delete', { method: 'POST', headers: h });"
                + " return r.status; }");
        assertThat(status).isEqualTo(403);
        assertThat(servers.deleted(server)).isFalse();
        assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);
    }

    /**
     * The console card loads after the page: on the test driver's node it says the host keeps no log; once the
     * server is on a node that does (the local libvirtd, where bin/test runs one), Refresh shows the log's end in
     * place, without leaving the page.
     */
    /**
     * A power action by keyboard swaps the status card that held the focus; the focus stays in the new card (on its
     * first control) instead of falling back to the start of the page, and the next Tab goes on from there.
     */
    @Test
    void keyboardKeepsItsPlaceWhenAPowerActionSwapsTheCard() {
        signIn("dave");
        tabTo("a[href='/servers/" + server + "']");
        submit();
        page.evaluate("window.__noReload = true");
        tabTo("form[action$='/reboot'] button");
        page.evaluate("window.__pressed = document.activeElement");
        page.keyboard().press("Enter");
        // The card that held the focus is swapped out; the focus lands in the new one, not on the page's body.
        page.waitForFunction("() => !window.__pressed.isConnected && document.activeElement !== document.body",
                null, new Page.WaitForFunctionOptions().setTimeout(10_000));
        assertThat(page.evaluate("document.getElementById('server-status').contains(document.activeElement)"))
                .isEqualTo(true);
        assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);
    }

    @Test
    void consoleCardSaysWhatTheHostOffersAndRefreshesInPlace() {
        signIn("dave");
        tabTo("a[href='/servers/" + server + "']");
        submit();
        assertThat(page.locator("#console-message")).containsText("Console output is not available for this server");
        String firstRead = page.locator("#console-read-at time").getAttribute("datetime");
        page.evaluate("window.__noReload = true");
        boolean real = ConsoleNode.available();
        if (real) {
            consoleNode.attach(server, "\u001b[1mWelcome to kbd\u001b[0m\r\nkbd login: ");
        }
        try {
            tabTo("#console-refresh");
            page.keyboard().press("Enter");
            assertThat(page.locator("#console-read-at time")).not().hasAttribute("datetime", firstRead);
            if (real) {
                assertThat(page.locator("#console-text")).containsText("Welcome to kbd");
                assertThat(page.locator("#console-text")).containsText("kbd login:");
                assertThat(page.locator("#console-message")).hasCount(0);
            } else {
                assertThat(page.locator("#console-message")).containsText("not available");
            }
            assertThat(page.evaluate("window.__noReload === true")).isEqualTo(true);
            page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/tenant-console.png"))
                    .setFullPage(true));
        } finally {
            if (real) {
                consoleNode.detach(server);
            }
        }
    }

    @Test
    void resellerGivesACustomerAShareOfThePool() {
        UUID rita = fixtures.tenantOf("rita", TenantKind.RESELLER, null);
        quotas.set(Actor.SYSTEM, rita, new QuotaLimits(30, 30, 100_000, 1000, 30, 30, null, null, null));
        UUID carol = fixtures.tenantOf("carol", TenantKind.CUSTOMER, rita);
        signIn("rita");
        tabTo("a[href='/customers']");
        submit();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Customers")
                .setExact(true))).isVisible();
        tabTo("a[href='/customers/" + carol + "']");
        submit();

        tabTo("#servers");
        page.keyboard().press("Control+A");
        page.keyboard().type("4");
        submit();
        assertThat(page.locator("#servers")).hasValue("4");
        assertThat(quotas.limits(carol).servers()).isEqualTo(4);
    }

    @Test
    void orderFormShowsThePriceBeforeTheOrder() {
        signIn("dave");
        tabTo("a[href='/servers/new']");
        submit();
        assertThat(page.locator("#quote")).containsText("Choose a plan to see its price");
        tabTo("#plan");
        page.locator("#plan").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(
                "Test One: 1 vCPU · 512 MiB RAM · 10 GiB disk · EUR 0.0050 per hour, at most EUR 3.00 a month"));
        assertThat(page.locator("#quote .price")).containsText("EUR 0.0050 per hour, at most EUR 3.00 a month");
        assertThat(page.getByLabel("Root password")).isVisible();
        assertThat(page.getByLabel("SSH public keys")).isVisible();
        assertThat(page.getByLabel("User data (#cloud-config)")).isVisible();
    }

    @Test
    void suspendedCustomerSeesWhyAndCannotOrder() {
        UUID rita = fixtures.tenantOf("rita", TenantKind.RESELLER, null);
        UUID carol = fixtures.tenantOf("carol", TenantKind.CUSTOMER, rita);
        suspensions.suspend(Actor.SYSTEM, carol, TenantSuspensions.Kind.ADMIN, "Abuse report 4711 is open.");
        try {
            signIn("carol");
            assertThat(page.locator("#suspended-h")).hasText("Your account is suspended by your provider. "
                    + "Reason given: Abuse report 4711 is open.");
            assertThat(page.locator(".notice")).containsText("Contact support");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create server")))
                    .hasCount(0);
        } finally {
            suspensions.unsuspend(Actor.SYSTEM, carol, TenantSuspensions.Kind.ADMIN);
        }
    }

    /** Enter on a focused link or form field, waiting for the page it leads to. */
    @SuppressWarnings("deprecation")
    private void submit() {
        page.waitForNavigation(() -> page.keyboard().press("Enter"));
    }

    private void signIn(String user) {
        page.navigate(base.toString());
        SignIn.as(page, user);
        page.waitForURL(Pattern.compile(".*/servers$"));
    }

    /** Presses Tab until the element matching {@code selector} has the focus, as a keyboard user would. */
    private void tabTo(String selector) {
        for (int i = 0; i < 80; i++) {
            if (Boolean.TRUE.equals(page.evaluate("s => document.activeElement === document.querySelector(s)",
                    selector))) {
                return;
            }
            page.keyboard().press("Tab");
        }
        throw new AssertionError("Tab never reached " + selector + " on " + page.url());
    }
}
