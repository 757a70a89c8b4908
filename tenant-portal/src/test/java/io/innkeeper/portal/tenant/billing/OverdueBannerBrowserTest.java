package io.innkeeper.portal.tenant.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.ledger.DunningPolicy;
import io.innkeeper.billing.ledger.DunningStep;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.SignIn;

/**
 * In a real browser, signed in through the real Keycloak: an account with an overdue invoice sees, on every portal
 * page and before it is suspended, how much is overdue and the day it will be suspended; once it pays, and for an
 * account that is paid up, there is no banner.
 */
@QuarkusTest
class OverdueBannerBrowserTest {

    private static final String PASSWORD = "a long enough passphrase";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    BillingData data;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries queries;

    @Inject
    DunningPolicy policy;

    @Inject
    Ledger ledger;

    BrowserContext context;
    Page page;

    @BeforeEach
    void open() {
        context = Browser.get().newContext();
        page = context.newPage();
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void anOverdueAccountSeesTheBannerOnEveryPageUntilItPays() {
        // invoice of EUR 2.40, due date moved back past the reminder but not to the suspension; the day of
        // suspension is the account's own (Pacific/Auckland)
        String login = signUp("overdue");
        UUID tenant = fixtures.customer(login);
        data.update("update tenant set time_zone = 'Pacific/Auckland' where id = ?1", tenant);
        UUID invoice = invoice(tenant);
        data.update("update invoice set due_at = now() - make_interval(days => ?1) where id = ?2",
                policy.current().reminderDays() + 1, invoice);
        Instant due = queries.get(tenant, invoice).orElseThrow().dueAt();
        String suspendOn = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH)
                .format(policy.current().at(DunningStep.SUSPENSION, due).atZone(ZoneId.of("Pacific/Auckland")));

        signIn(login);
        Locator banner = page.locator("[data-notice=overdue]");
        for (String link : new String[] { "Servers", "Invoices", "Team", "SSH keys", "API tokens", "Security",
                "Dashboard" }) {
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(link).setExact(true)).first().click();
            assertThat(banner).isVisible();
            assertThat(banner).containsText("EUR 2.40 is overdue");
            assertThat(banner).containsText("Pay it by " + suspendOn);
        }
        assertThat(data.string("select status from tenant where id = ?1", tenant)).isEqualTo("ACTIVE");

        ledger.record(tenant, EntryKind.PAYMENT, "2.40", "banner-pay", null, "admin");
        page.reload();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Dashboard"))).isVisible();
        assertThat(banner).hasCount(0);
    }

    @Test
    void aPaidUpAccountSeesNoBanner() {
        String login = signUp("paid-up");
        UUID tenant = fixtures.customer(login);
        UUID invoice = invoice(tenant);
        data.update("update invoice set due_at = now() - interval '20 days' where id = ?1", invoice);
        ledger.record(tenant, EntryKind.PAYMENT, "2.40", "paid-up", null, "admin");

        signIn(login);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Servers"))).isVisible();
        assertThat(page.locator("[data-notice=overdue]")).hasCount(0);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Invoices").setExact(true)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Invoices"))).isVisible();
        assertThat(page.locator("[data-notice=overdue]")).hasCount(0);
        assertThat(page.locator("[role=alert]")).hasCount(0);
    }

    private String signUp(String prefix) {
        String login = Mailbox.freshAddress(prefix);
        KeycloakUsers.create(login, login, PASSWORD, "customer");
        return login;
    }

    private void signIn(String login) {
        page.navigate(base.toString());
        SignIn.as(page, login, PASSWORD);
        page.waitForURL(Pattern.compile(".*/servers$"));
    }

    /** The tenant's January invoice of EUR 2.40: one server for 240 hours at EUR 0.01. */
    private UUID invoice(UUID tenant) {
        Instant from = Instant.parse("2026-01-05T00:00:00Z");
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), from, from.plus(Duration.ofHours(240)));
        data.update("update guest set status = 'DELETED' where id = ?1", server);
        return invoicer.invoice(tenant, YearMonth.of(2026, 1)).invoiceId();
    }
}
