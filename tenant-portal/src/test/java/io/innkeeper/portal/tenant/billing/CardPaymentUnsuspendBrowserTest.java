package io.innkeeper.portal.tenant.billing;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
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
import io.quarkus.test.junit.TestProfile;

import io.innkeeper.billing.card.StripeProfile;
import io.innkeeper.billing.card.StripeStandIn;
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
 * In a real browser, through the real Keycloak and the local Stripe stand-in (no Stripe endpoint is reachable here):
 * a customer suspended for an unpaid invoice presses Pay on the invoice, pays on the stand-in's hosted checkout page,
 * comes back to the invoice paid, and is active again with no admin involved; the receipt arrives by mail. On the
 * payments page a top-up outside the bounds is refused inline.
 */
@QuarkusTest
@TestProfile(StripeProfile.class)
class CardPaymentUnsuspendBrowserTest {

    private static final String PASSWORD = "a long enough passphrase";
    private static final StripeStandIn STRIPE = StripeProfile.STRIPE;

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

    @BeforeEach
    void open() {
        customer = Browser.get().newContext();
    }

    @AfterEach
    void close() {
        customer.close();
    }

    @Test
    void suspendedCustomerPaysByCardAndIsActiveAgain() {
        // the January invoice (EUR 2.40) fell due 20 days ago: reminded and suspended for non-payment
        String login = Mailbox.freshAddress("card-pay");
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

        page.getByLabel("Keep this card for later payments").check();
        page.locator("#pay").click();
        page.waitForURL(Pattern.compile("^" + Pattern.quote(STRIPE.base()) + "/c/pay/cs_test_.*"));
        assertThat(page.getByRole(AriaRole.HEADING)).containsText("240 eur");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay")).click();

        page.waitForURL(Pattern.compile(".*/invoices/" + invoice + "\\?card=true$"));
        assertThat(page.locator("#card-back")).containsText("this invoice is paid");
        assertThat(page.locator("#suspended-h")).hasCount(0);
        assertThat(page.locator("#pay")).hasCount(0);
        assertThat(data.string("select status from tenant where id = ?1", tenant)).isEqualTo("ACTIVE");
        assertThat(Mailbox.await(login, "Payment of EUR 2.40 received").text()).contains("paid in full");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/card-paid.png")));

        // the card was kept; a top-up outside the bounds is refused next to its field
        page.navigate(base + "payments");
        assertThat(page.locator("#stored-card")).containsText("visa ending 4242");
        page.locator("#amount").fill("4.99");
        page.locator("#top-up").click();
        assertThat(page.locator("#amount-error")).containsText("from 5 to 5000 EUR");
        assertThat(page.locator("#amount")).hasValue("4.99");
        assertThat(STRIPE.violations()).isEmpty();
    }
}
