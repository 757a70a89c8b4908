package io.innkeeper.billing.card;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.stripe.exception.StripeException;

import io.innkeeper.billing.invoice.BilledTenant;
import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceView;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.Money;
import io.innkeeper.kernel.NotFound;

/**
 * Paying by card, the portal's and the API's one way in: pay an open invoice or top up prepaid credit on the
 * gateway's page, keep the card, and have issued invoices charged to it. The payment itself is booked when the
 * gateway reports it ({@link StripeEvents}), never on the customer's return to the panel. Without a configured
 * gateway nothing here is offered.
 */
@ApplicationScoped
public class CardPayments {

    private static final Logger LOG = Logger.getLogger(CardPayments.class);

    @Inject
    StripeGateway gateway;

    @Inject
    StripeConfig config;

    @Inject
    CardCustomers customers;

    @Inject
    InvoiceQueries invoices;

    @Inject
    Ledger ledger;

    /** Where the gateway sends the customer back: after paying, or on giving up. */
    public record Return(String successUrl, String cancelUrl) {
    }

    /** The card side of an account: whether cards are taken, the stored card, the top-up bounds, the balance. */
    public record CardAccount(boolean cards, boolean billed, String cardLabel, boolean autoCharge, Money balance,
            Money topUpMin, Money topUpMax) {

        public boolean hasCard() {
            return cardLabel != null;
        }
    }

    /** The gateway's page for one payment and the amount it asks for. */
    public record PaymentPage(URI url, Money amount) {
    }

    /** Whether the deployment takes card payments. */
    public boolean enabled() {
        return gateway.configured();
    }

    public CardAccount account(UUID tenantId) {
        Optional<BilledTenant> billed = customers.billed(tenantId);
        if (billed.isEmpty()) {
            return new CardAccount(false, false, null, false, null, null, null);
        }
        Optional<CardCustomers.CardCustomer> card = customers.get(tenantId).filter(CardCustomers.CardCustomer::hasCard);
        var currency = billed.get().currency();
        return new CardAccount(enabled(), true, card.map(CardCustomers.CardCustomer::methodLabel).orElse(null),
                card.map(CardCustomers.CardCustomer::autoCharge).orElse(false), ledger.balance(tenantId),
                new Money(config.topUpMin(), currency).rounded(), new Money(config.topUpMax(), currency).rounded());
    }

    /** Opens the gateway's page to pay what the tenant's invoice still owes; another tenant's invoice is 404. */
    public PaymentPage payInvoice(UUID tenantId, UUID invoiceId, boolean saveCard, Return back) {
        InvoiceView invoice = invoices.get(tenantId, invoiceId).orElseThrow(() -> new NotFound("invoice"));
        requireEnabled();
        if (invoice.isPaid()) {
            throw InvalidInput.of("invoice", "This invoice is paid.");
        }
        return open(tenantId, StripeGateway.Purpose.INVOICE, invoiceId, "Invoice " + invoice.number(),
                invoice.due().rounded(), saveCard, back);
    }

    /** Opens the gateway's page to add {@code amount} of prepaid credit, within the configured bounds. */
    public PaymentPage topUp(UUID tenantId, String amount, boolean saveCard, Return back) {
        BilledTenant tenant = customers.billed(tenantId).orElseThrow(
                () -> InvalidInput.of("payment", "Your provider bills you; pay your provider."));
        requireEnabled();
        Money money = topUpAmount(amount, tenant.currency(), config.topUpMin(), config.topUpMax());
        return open(tenantId, StripeGateway.Purpose.TOP_UP, null, "Prepaid credit", money, saveCard, back);
    }

    /** Whether an issued invoice is charged to the stored card at once. */
    public void setAutoCharge(UUID tenantId, boolean on) {
        customers.setAutoCharge(tenantId, on);
    }

    /** Forgets the stored card (and so stops automatic charges). */
    public void forgetCard(UUID tenantId) {
        customers.forgetMethod(tenantId);
    }

    /** A top-up amount as typed: a number of the currency, at most its decimals, within the bounds. */
    static Money topUpAmount(String raw, java.util.Currency currency, BigDecimal min, BigDecimal max) {
        String text = raw == null ? "" : raw.strip();
        if (!text.matches("[0-9]{1,10}(\\.[0-9]{1,4})?")) {
            throw InvalidInput.of("amount", "Enter an amount such as 25.00.");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.scale() > currency.getDefaultFractionDigits()) {
            throw InvalidInput.of("amount", "Enter at most " + currency.getDefaultFractionDigits() + " decimals.");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw InvalidInput.of("amount", "Enter an amount from " + min.toPlainString() + " to "
                    + max.toPlainString() + " " + currency.getCurrencyCode() + ".");
        }
        return new Money(value, currency).rounded();
    }

    private PaymentPage open(UUID tenantId, StripeGateway.Purpose purpose, UUID invoiceId, String description, Money amount,
            boolean saveCard, Return back) {
        try {
            String customer = saveCard ? gateway.customer(tenantId, customers.billed(tenantId)
                    .map(BilledTenant::name).orElse(tenantId.toString())) : null;
            StripeGateway.Checkout checkout = gateway.checkout(new StripeGateway.CheckoutRequest(tenantId, customer,
                    purpose, invoiceId, description, amount, saveCard, back.successUrl(), back.cancelUrl(),
                    "checkout-" + UUID.randomUUID()));
            return new PaymentPage(URI.create(checkout.url()), amount);
        } catch (StripeException e) {
            LOG.warnf("Stripe refused a checkout for tenant %s: %s", tenantId, e.getMessage());
            throw InvalidInput.of("payment", "The card payment service cannot take payments right now; try again "
                    + "later or pay by bank transfer.");
        }
    }

    private void requireEnabled() {
        if (!enabled()) {
            throw InvalidInput.of("payment", "This provider takes bank transfers only.");
        }
    }
}
