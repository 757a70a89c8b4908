package io.innkeeper.billing.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.ledger.Entry;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;

/**
 * The Stripe adapter against the local stand-in (no Stripe endpoint is reachable here): the requests it sends are the
 * ones Stripe documents, the signed webhooks book each payment once, a refund opens the invoice again and a late
 * {@code payment_intent.succeeded} does not pay it again, and an issued invoice is charged to the stored card later,
 * outside the invoice run.
 */
@QuarkusTest
@TestProfile(StripeProfile.class)
class StripePaymentsTest {

    private static final StripeStandIn STRIPE = StripeProfile.STRIPE;
    private static final CardPayments.Return BACK = new CardPayments.Return(
            "http://127.0.0.1/payments/done?session={CHECKOUT_SESSION_ID}", "http://127.0.0.1/invoices");

    @Inject
    BillingData data;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries invoices;

    @Inject
    Ledger ledger;

    @Inject
    CardPayments cards;

    @Inject
    AutoCharges autoCharges;

    UUID tenant;
    UUID plan;

    @BeforeEach
    void account() {
        tenant = data.tenant("card", "UTC", null);
        plan = data.plan("0.0100", "5.00", 1000);
    }

    /** An invoice of EUR 2.40 (240 hours at EUR 0.01) for the month. */
    UUID invoice(YearMonth month) {
        Instant from = month.atDay(3).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        data.server(tenant, plan, from, from.plus(Duration.ofHours(240)));
        return invoicer.invoice(tenant, month).invoiceId();
    }

    InvoiceView view(UUID invoice) {
        return invoices.get(tenant, invoice).orElseThrow();
    }

    List<Entry> entries(EntryKind kind) {
        return ledger.entries(tenant).stream().filter(e -> e.kind() == kind).toList();
    }

    @Test
    void payingOnTheHostedPageBooksThePaymentOnceAndKeepsTheCard() {
        UUID invoice = invoice(YearMonth.of(2026, 1));
        int before = STRIPE.requests().size();
        String page = cards.payInvoice(tenant, invoice, true, BACK).url().toString();
        assertThat(page).startsWith(STRIPE.base() + "/c/pay/cs_test_");

        var sent = STRIPE.requests().subList(before, STRIPE.requests().size());
        assertThat(sent).extracting(StripeStandIn.Request::path).containsExactly("/v1/customers",
                "/v1/checkout/sessions");
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.idempotencyKey()).isNotBlank();
            assertThat(r.stripeVersion()).isEqualTo(com.stripe.Stripe.API_VERSION);
        });
        StripeStandIn.Request session = sent.get(1);
        assertThat(session.params()).containsEntry("mode", "payment")
                .containsEntry("line_items[0][price_data][currency]", "eur")
                .containsEntry("line_items[0][price_data][unit_amount]", "240")
                .containsEntry("payment_intent_data[setup_future_usage]", "off_session")
                .containsEntry("payment_intent_data[metadata][innkeeper_tenant]", tenant.toString())
                .containsEntry("payment_intent_data[metadata][innkeeper_invoice]", invoice.toString());

        String back = STRIPE.pay(page);
        assertThat(back).startsWith("http://127.0.0.1/payments/done?session=cs_test_");
        assertThat(view(invoice).isPaid()).isTrue();
        List<Entry> payments = entries(EntryKind.PAYMENT);
        assertThat(payments).hasSize(1);
        assertThat(payments.get(0).reference()).startsWith("pi_");
        assertThat(payments.get(0).amount().toString()).isEqualTo("EUR 2.40");
        assertThat(cards.account(tenant).cardLabel()).isEqualTo("visa ending 4242");

        // Stripe delivers at least once: the same event again, and the same payment in a new event, change nothing
        String again = STRIPE.succeededEvent(payments.get(0).reference());
        assertThat(STRIPE.send(again)).isEqualTo(200);
        assertThat(STRIPE.send(again)).isEqualTo(200);
        assertThat(entries(EntryKind.PAYMENT)).hasSize(1);
        assertThat(ledger.balance(tenant).amount()).isEqualByComparingTo("0");
        assertThat(STRIPE.violations()).isEmpty();
    }

    @Test
    void aRefundOpensTheInvoiceAndALateSucceededEventDoesNotPayItAgain() {
        // paid on Stripe's page; refunded in Stripe's dashboard (1.00, then the rest); then a retried succeeded event
        UUID invoice = invoice(YearMonth.of(2026, 1));
        STRIPE.pay(cards.payInvoice(tenant, invoice, false, BACK).url().toString());
        String intent = entries(EntryKind.PAYMENT).get(0).reference();
        assertThat(view(invoice).isPaid()).isTrue();

        assertThat(STRIPE.send(STRIPE.refund(intent, 100))).isEqualTo(200);
        assertThat(view(invoice).isPaid()).isFalse();
        assertThat(view(invoice).due().toString()).isEqualTo("EUR 1.00");
        String full = STRIPE.refund(intent, 140);
        assertThat(STRIPE.send(full)).isEqualTo(200);
        assertThat(STRIPE.send(full)).as("the same refund event again").isEqualTo(200);
        assertThat(entries(EntryKind.REFUND)).extracting(e -> e.amount().toString())
                .containsExactlyInAnyOrder("EUR 1.00", "EUR 1.40");

        assertThat(STRIPE.send(STRIPE.succeededEvent(intent))).isEqualTo(200);
        assertThat(view(invoice).isPaid()).isFalse();
        assertThat(view(invoice).due().toString()).isEqualTo("EUR 2.40");
        assertThat(ledger.balance(tenant).toString()).isEqualTo("EUR 2.40");
    }

    @Test
    void aRefundReportedBeforeItsPaymentLeavesTheInvoiceOpen() {
        // Stripe's events arrive out of order: charge.refunded first, payment_intent.succeeded after it
        UUID invoice = invoice(YearMonth.of(2026, 1));
        STRIPE.hold(true);
        try {
            STRIPE.pay(cards.payInvoice(tenant, invoice, false, BACK).url().toString());
        } finally {
            STRIPE.hold(false);
        }
        List<String> held = STRIPE.held();
        assertThat(held).hasSize(2);
        assertThat(view(invoice).isPaid()).as("nothing reported yet").isFalse();
        String intent = STRIPE.intents().stream().filter(i -> tenant.toString().equals(
                i.metadata().get("innkeeper_tenant"))).findFirst().orElseThrow().id();

        assertThat(STRIPE.send(STRIPE.refund(intent, 240))).isEqualTo(200);
        assertThat(view(invoice).isPaid()).isFalse();
        for (String late : held) {
            assertThat(STRIPE.send(late)).isEqualTo(200);
        }
        assertThat(view(invoice).isPaid()).isFalse();
        assertThat(entries(EntryKind.PAYMENT)).hasSize(1);
        assertThat(entries(EntryKind.REFUND)).hasSize(1);
        assertThat(ledger.balance(tenant).toString()).isEqualTo("EUR 2.40");
    }

    @Test
    void anIssuedInvoiceIsChargedToTheStoredCardOutsideTheInvoiceRun() {
        STRIPE.pay(cards.payInvoice(tenant, invoice(YearMonth.of(2026, 1)), true, BACK).url().toString());
        cards.setAutoCharge(tenant, true);
        assertThat(cards.account(tenant).autoCharge()).isTrue();

        UUID february = invoice(YearMonth.of(2026, 2));
        assertThat(view(february).isPaid()).as("the invoice run charges nothing itself").isFalse();
        assertThat(autoCharges.status(february).orElseThrow().state()).isEqualTo(AutoChargeState.PENDING);

        int before = STRIPE.requests().size();
        autoCharges.runDue();
        assertThat(view(february).isPaid()).isTrue();
        StripeStandIn.Request charge = STRIPE.requests().subList(before, STRIPE.requests().size()).stream()
                .filter(r -> r.path().equals("/v1/payment_intents")).findFirst().orElseThrow();
        assertThat(charge.params()).containsEntry("off_session", "true").containsEntry("confirm", "true")
                .containsEntry("amount", "240").containsEntry("currency", "eur")
                .containsKeys("customer", "payment_method");
        assertThat(charge.idempotencyKey()).isEqualTo("auto-charge-" + february + "-0");
        AutoCharges.Status done = autoCharges.status(february).orElseThrow();
        assertThat(done.state()).isEqualTo(AutoChargeState.SUCCEEDED);
        assertThat(entries(EntryKind.PAYMENT)).filteredOn(e -> e.reference().equals(done.reference())).hasSize(1);
        assertThat(STRIPE.violations()).isEmpty();
    }

    @Test
    void aDeclinedCardIsRetriedLaterAndTheInvoiceStaysOpen() {
        STRIPE.pay(cards.payInvoice(tenant, invoice(YearMonth.of(2026, 1)), true, BACK).url().toString());
        cards.setAutoCharge(tenant, true);
        UUID february = invoice(YearMonth.of(2026, 2));
        STRIPE.declineNext();
        autoCharges.runDue();
        AutoCharges.Status status = autoCharges.status(february).orElseThrow();
        assertThat(status.state()).isEqualTo(AutoChargeState.PENDING);
        assertThat(status.attempts()).isEqualTo(1);
        assertThat(status.lastError()).contains("card_declined");
        assertThat(view(february).isPaid()).isFalse();
        assertThat(autoCharges.runDue()).as("the retry waits for its backoff").isZero();
    }

    @Test
    void autoChargeNeedsAStoredCard() {
        assertThatThrownBy(() -> cards.setAutoCharge(tenant, true)).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors().asMap()).containsKey("autoCharge"));
    }

    @Test
    void badTopUpAmountsAndForeignInvoicesAreRefused() {
        for (String bad : new String[] { "", "abc", "4.99", "5000.01", "10.001", "-10", "1e3" }) {
            assertThatThrownBy(() -> cards.topUp(tenant, bad, false, BACK)).as(bad).isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).errors().asMap()).containsKey("amount"));
        }
        UUID other = data.tenant("other", "UTC", null);
        UUID foreign = invoicer.invoice(other, YearMonth.of(2026, 1)).invoiceId();
        assertThat(foreign).as("an empty month issues nothing").isNull();
        UUID mine = invoice(YearMonth.of(2026, 1));
        assertThatThrownBy(() -> cards.payInvoice(other, mine, false, BACK)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> cards.payInvoice(tenant, UUID.randomUUID(), false, BACK))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void aTopUpBecomesCredit() {
        String page = cards.topUp(tenant, "25.50", false, BACK).url().toString();
        STRIPE.pay(page);
        assertThat(ledger.balance(tenant).toString()).isEqualTo("EUR -25.50");
    }

    @Test
    void aBodyNotSignedWithTheEndpointsSecretIsRefused() {
        String body = "{\"id\":\"evt_forged\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}";
        long t = Instant.now().getEpochSecond();
        assertThat(STRIPE.deliver(body, "t=" + t + ",v1=" + StripeStandIn.sign("whsec_wrong", t + "." + body)))
                .isEqualTo(400);
        assertThat(STRIPE.deliver(body, "")).isEqualTo(400);
        String other = "{\"id\":\"evt_other_" + t + "\",\"object\":\"event\",\"type\":\"customer.created\","
                + "\"data\":{\"object\":{\"id\":\"cus_x\",\"object\":\"customer\"}}}";
        assertThat(STRIPE.deliver(other, "t=" + t + ",v1=" + StripeStandIn.sign(StripeStandIn.WEBHOOK_SECRET,
                t + "." + other))).as("signed, of a kind the panel does not act on").isEqualTo(200);
    }
}
