package io.innkeeper.portal.tenant.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
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

import io.innkeeper.billing.bank.Camt053File;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.ledger.Dunning;
import io.innkeeper.billing.ledger.DunningStep;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.testing.Browser;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.KeycloakUsers;
import io.innkeeper.testing.Mailbox;
import io.innkeeper.testing.SignIn;

/**
 * In real browsers, through the real Keycloak: a customer suspended for an unpaid invoice reads the invoice's
 * payment reference on its page and pays by bank transfer; the provider's admin imports the day's bank statement,
 * which quotes that reference, and the customer's account is active again with nobody assigning anything.
 */
@QuarkusTest
class BankTransferUnsuspendBrowserTest {

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
    Dunning dunning;

    BrowserContext customer;
    BrowserContext admin;

    @BeforeEach
    void open() {
        customer = Browser.get().newContext();
        admin = Browser.get().newContext();
    }

    @AfterEach
    void close() {
        customer.close();
        admin.close();
    }

    @Test
    void suspendedCustomerPaysByTransferAndIsActiveAgain() throws Exception {
        // the January invoice (EUR 2.40) fell due 20 days ago: reminded and suspended for non-payment
        String login = Mailbox.freshAddress("bank-pay");
        KeycloakUsers.create(login, login, PASSWORD, "customer");
        UUID tenant = fixtures.customer(login);
        Instant from = Instant.parse("2026-01-05T00:00:00Z");
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), from, from.plus(Duration.ofHours(240)));
        data.update("update guest set status = 'DELETED' where id = ?1", server);
        UUID invoice = invoicer.invoice(tenant, YearMonth.of(2026, 1)).invoiceId();
        data.update("update invoice set due_at = now() - interval '20 days' where id = ?1", invoice);
        assertThat(dunning.advance(invoice)).contains(DunningStep.SUSPENSION);

        Page page = customer.newPage();
        page.navigate(base.toString());
        SignIn.as(page, login, PASSWORD);
        page.waitForURL(Pattern.compile("^" + Pattern.quote(base.toString()) + ".*"));
        page.navigate(base + "invoices/" + invoice);
        assertThat(page.locator("#suspended-h")).isVisible();
        String reference = page.locator("#payment-reference").innerText().strip();
        assertThat(reference).startsWith("RF");

        // the customer's bank copies the reference into the transfer's free text, as typed
        String bankRef = "UNSUSP-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Files.createDirectories(Path.of("target/camt")).resolve(bankRef + ".xml");
        Files.write(file, new Camt053File("STMT-" + bankRef)
                .creditWithText(bankRef, "2.40", "Hosting invoice " + reference).bytes());

        Page desk = admin.newPage();
        desk.navigate(base.toString());
        SignIn.as(desk, "admin");
        desk.waitForURL(Pattern.compile(".*/admin$"));
        desk.navigate(base + "admin/billing/bank");
        desk.setInputFiles("#file", file);
        desk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import")).click();
        desk.waitForURL(Pattern.compile(".*/admin/billing/bank/[0-9a-f-]{36}$"));
        assertThat(desk.locator("tr[data-credit='" + bankRef + "']")).containsText("paid its invoice");

        page.reload();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(Pattern.compile(
                "^Invoice ")))).isVisible();
        assertThat(page.locator("#suspended-h")).hasCount(0);
        assertThat(page.locator("body")).not().containsText("Open: EUR");
        assertThat(data.string("select status from tenant where id = ?1", tenant)).isEqualTo("ACTIVE");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/bank-transfer-paid.png")));
    }
}
