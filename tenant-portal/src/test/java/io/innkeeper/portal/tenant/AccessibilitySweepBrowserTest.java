package io.innkeeper.portal.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.ApiToken;
import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.SshKey;
import io.innkeeper.account.SshKeys;
import io.innkeeper.audit.Actor;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.billing.usage.UsageRollups;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.tenancy.TenantSuspensions;
import io.innkeeper.testing.Accessibility;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;
import io.innkeeper.testing.SignIn;

/**
 * Every page of the tenant portal with the keyboard alone, in a real browser: signed in as dave (an owner with a
 * server, an SSH key, an API token and an invoice) and as rita (a reseller with a customer), the sweep crawls the
 * links from the landing page and checks each page it reaches (see {@link Accessibility}).
 */
@QuarkusTest
class AccessibilitySweepBrowserTest {

    static final YearMonth JANUARY = YearMonth.of(2026, 1);
    static final String FOCUS_ITEM = "a11y focus";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    SshKeys sshKeys;

    @Inject
    ApiTokens tokens;

    @Inject
    BillingData billing;

    @Inject
    UsageRollups rollups;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    TenantSuspensions suspensions;

    BrowserContext context;
    Page page;
    UUID key;
    UUID token;

    @BeforeEach
    void open() {
        context = Browser.get().newContext();
        page = context.newPage();
    }

    @AfterEach
    void close() {
        context.close();
        removeAccountItems();
    }

    @Test
    void everyPageOfAnOwnerWorksWithTheKeyboardAndHasLabels() {
        ownerWithOneOfEverything();
        signIn("dave");
        Accessibility.Sweep sweep = Accessibility.sweep(page, page.url(), 3);
        report("dave", sweep);
        assertThat(sweep.problems()).as("accessibility problems on dave's pages").isEmpty();
        assertThat(sweep.patterns()).as("pages swept").contains("/servers", "/servers/new", "/servers/{id}",
                "/dashboard", "/invoices", "/invoices/{id}", "/invoices/{id}/usage?server", "/team", "/ssh-keys",
                "/ssh-keys/{id}/delete", "/api-tokens", "/api-tokens/{id}/revoke", "/security");
        assertThat(sweep.pages()).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void everyPageOfAResellerWorksWithTheKeyboardAndHasLabels() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID rita = fixtures.tenantOf("rita", TenantKind.RESELLER, null);
        quotas.set(Actor.SYSTEM, rita, new QuotaLimits(30, 30, 100_000, 1000, 30, 30, null, null, null));
        UUID carol = fixtures.tenantOf("carol", TenantKind.CUSTOMER, rita);
        quotas.set(Actor.SYSTEM, carol, new QuotaLimits(5, 5, 10_000, 100, 5, 5, null, null, null));
        UUID server = servers.order(carol, catalog, Fixtures.hostname("a11y-carol"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        signIn("rita");
        Accessibility.Sweep sweep = Accessibility.sweep(page, page.url(), 3);
        report("rita", sweep);
        assertThat(sweep.problems()).as("accessibility problems on rita's pages").isEmpty();
        assertThat(sweep.patterns()).as("pages swept").contains("/servers", "/customers", "/customers/{id}",
                "/servers/{id}", "/dashboard");
        assertThat(sweep.pages()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void everyPageOfAReadOnlyMemberAndOfASuspendedCustomerWorksWithTheKeyboard() {
        ownerWithOneOfEverything();
        fixtures.member("frank", fixtures.customer("dave"), MemberRole.READ_ONLY);
        signIn("frank");
        Accessibility.Sweep readOnly = Accessibility.sweep(page, page.url(), 3);
        report("frank", readOnly);
        context.close();

        UUID rita = fixtures.tenantOf("rita", TenantKind.RESELLER, null);
        UUID carol = fixtures.tenantOf("carol", TenantKind.CUSTOMER, rita);
        suspensions.suspend(Actor.SYSTEM, carol, TenantSuspensions.Kind.ADMIN, "Abuse report 4711 is open.");
        Accessibility.Sweep suspended;
        try {
            context = Browser.get().newContext();
            page = context.newPage();
            signIn("carol");
            suspended = Accessibility.sweep(page, page.url(), 3);
            report("carol, suspended", suspended);
        } finally {
            suspensions.unsuspend(Actor.SYSTEM, carol, TenantSuspensions.Kind.ADMIN);
        }
        assertThat(readOnly.problems()).as("accessibility problems on frank's pages").isEmpty();
        assertThat(readOnly.patterns()).contains("/servers/{id}", "/invoices/{id}", "/team");
        assertThat(suspended.problems()).as("accessibility problems on suspended carol's pages").isEmpty();
        assertThat(suspended.pages()).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void refusedFormsStayLabelledAndTieEachErrorToItsField() {
        ownerWithOneOfEverything();
        signIn("dave");
        List<String> problems = new ArrayList<>();
        problems.addAll(Accessibility.refuse(page, base + "servers/new", "form[action='/servers']",
                Map.of("hostname", "not a hostname!")).problems());
        problems.addAll(Accessibility.refuse(page, base + "ssh-keys", "form[action='/ssh-keys']",
                Map.of("name", "", "publicKey", "ssh-ed25519 AAAA")).problems());
        problems.addAll(Accessibility.refuse(page, base + "api-tokens", "form[action='/api-tokens']",
                Map.of("name", "")).problems());
        problems.addAll(Accessibility.refuse(page, base + "team", "form[action='/team']",
                Map.of("email", "")).problems());
        context.close();

        UUID rita = fixtures.tenantOf("rita", TenantKind.RESELLER, null);
        UUID carol = fixtures.tenantOf("carol", TenantKind.CUSTOMER, rita);
        context = Browser.get().newContext();
        page = context.newPage();
        signIn("rita");
        problems.addAll(Accessibility.refuse(page, base + "customers/" + carol, "form[action$='/quota']",
                Map.of("servers", "many", "vcpus", "-1")).problems());
        problems.forEach(p -> System.out.println("  problem: " + p));
        assertThat(problems).as("accessibility problems on refused forms").isEmpty();
    }

    @Test
    void htmxActionsKeepTheKeyboardFocus() {
        fixtures.customer("dave");
        signIn("dave");
        page.navigate(base + "ssh-keys");
        tabTo("#name");
        page.keyboard().type(FOCUS_ITEM);
        tabTo("#publicKey");
        page.keyboard().type(SshKeyPagesTest.OTHER_KEY);
        tabTo("form[action='/ssh-keys'] button");
        page.keyboard().press("Enter");
        page.waitForFunction("() => document.querySelector('#ssh-keys tbody').innerText.includes('" + FOCUS_ITEM
                + "')");
        assertThat(focusedId()).as("focus after adding a key").isEqualTo("add-key");

        page.navigate(base + "api-tokens");
        tabTo("#name");
        page.keyboard().type(FOCUS_ITEM);
        tabTo("form[action='/api-tokens'] button");
        page.keyboard().press("Enter");
        page.locator("#new-token").waitFor();
        assertThat(focusedId()).as("focus after creating a token: its secret, to copy").isEqualTo("secret");
        assertThat((Integer) page.evaluate("() => document.activeElement.selectionEnd"
                + " - document.activeElement.selectionStart")).as("selected of the secret").isGreaterThan(20);
    }

    @Test
    void signedOutAndErrorPagesWorkWithTheKeyboard() {
        Response signedOut = page.navigate(base + "signed-out");
        assertThat(signedOut.status()).isEqualTo(200);
        assertThat(Accessibility.check(page).problems()).as("problems on the signed-out page").isEmpty();

        fixtures.customer("dave");
        signIn("dave");
        Response missing = page.navigate(base + "servers/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(Accessibility.check(page).problems()).as("problems on the not-found page").isEmpty();
    }

    private void ownerWithOneOfEverything() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID dave = fixtures.customer("dave");
        quotas.set(Actor.SYSTEM, dave, new QuotaLimits(50, 50, 100_000, 1000, 50, 50, null, null, null));
        UUID server = servers.order(dave, catalog, Fixtures.hostname("a11y"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
        key = sshKeys.add(Actor.SYSTEM, dave, "a11y laptop", SshKeyPagesTest.KEY).id();
        token = tokens.create(Actor.SYSTEM, dave, new ApiTokens.NewToken("a11y", null, null, null, null)).token().id();
        if (billing.sum("select count(*) from invoice where tenant_id = ?1", dave) == 0) {
            // A finished month with one server that lived a day, so the invoice has a line with hourly usage.
            UUID plan = billing.plan("0.0100", "5.00", 1000);
            UUID january = billing.server(dave, plan, Instant.parse("2026-01-10T00:00:00Z"),
                    Instant.parse("2026-01-11T00:00:00Z"));
            billing.sample(january, Instant.parse("2026-01-10T05:00:00Z"), 1_000_000L);
            rollups.rollup(Instant.parse("2026-01-10T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"));
            invoicer.invoice(dave, JANUARY);
        }
    }

    @Transactional
    void removeAccountItems() {
        SshKey.delete("name", FOCUS_ITEM);
        ApiToken.delete("name", FOCUS_ITEM);
        if (key != null) {
            SshKey.deleteById(key);
        }
        if (token != null) {
            ApiToken.deleteById(token);
        }
    }

    private static void report(String who, Accessibility.Sweep sweep) {
        System.out.println("Accessibility sweep as " + who + ": " + sweep.pages().size() + " pages, "
                + sweep.tabStops() + " Tab stops, " + sweep.problems().size() + " problems");
        sweep.pages().forEach(p -> System.out.println("  swept " + p));
        sweep.problems().forEach(p -> System.out.println("  problem: " + p));
    }

    /** The id of the focused element once htmx has settled, or a note that the focus was lost. */
    private Object focusedId() {
        try {
            page.waitForFunction("() => document.activeElement !== document.body", null,
                    new Page.WaitForFunctionOptions().setTimeout(3_000));
        } catch (TimeoutError e) {
            return "(nothing: the focus went back to the page)";
        }
        return page.evaluate("() => document.activeElement.id");
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

    private void signIn(String user) {
        page.navigate(base.toString());
        SignIn.as(page, user);
        page.waitForURL(Pattern.compile(".*/servers$"));
    }
}
