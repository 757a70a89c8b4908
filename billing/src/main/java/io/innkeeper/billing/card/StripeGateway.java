package io.innkeeper.billing.card;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.checkout.SessionCreateParams;

import io.innkeeper.billing.PaymentGateway;
import io.innkeeper.kernel.Money;

/**
 * Stripe through its official client: Checkout Sessions for payments the customer makes in the portal (Stripe's
 * hosted page takes the card), PaymentIntents confirmed off-session for automatic charges of a stored card. Every
 * call carries an idempotency key, so the client's own retries and ours never charge twice. The PaymentIntent's id is
 * the payment's reference in the ledger; its metadata names the tenant, so webhooks find whom a payment is for.
 */
@ApplicationScoped
public class StripeGateway implements PaymentGateway {

    public static final String ID = "stripe";
    static final String TENANT = "innkeeper_tenant";
    static final String INVOICE = "innkeeper_invoice";
    static final String PURPOSE = "innkeeper_purpose";
    static final String SAVE_CARD = "innkeeper_save_card";

    @Inject
    StripeConfig config;

    @Inject
    CardCustomers customers;

    private volatile StripeClient client;

    @Override
    public String id() {
        return ID;
    }

    /** Whether a secret key is configured: without one the panel takes no card payments. */
    public boolean configured() {
        return config.secretKey().filter(k -> !k.isBlank()).isPresent();
    }

    /** A payment the customer is about to make on Stripe's page. */
    public record CheckoutRequest(UUID tenantId, String customerRef, Purpose purpose, UUID invoiceId,
            String description, Money amount, boolean saveCard, String successUrl, String cancelUrl,
            String idempotencyKey) {
    }

    /** What a card payment is for. */
    public enum Purpose {
        INVOICE,
        TOP_UP,
        AUTO_CHARGE
    }

    /** Stripe's page for one payment. */
    public record Checkout(String sessionId, String url) {
    }

    /** A PaymentIntent as the panel needs it: whose it is and what it took. */
    public record Intent(String id, UUID tenantId, Money received) {
    }

    /** Opens a Checkout Session for one payment and answers the page to send the customer to. */
    public Checkout checkout(CheckoutRequest r) throws StripeException {
        SessionCreateParams.PaymentIntentData.Builder intent = SessionCreateParams.PaymentIntentData.builder()
                .setDescription(r.description()).putAllMetadata(metadata(r.tenantId(), r.purpose(), r.invoiceId()));
        if (r.saveCard()) {
            intent.setSetupFutureUsage(SessionCreateParams.PaymentIntentData.SetupFutureUsage.OFF_SESSION)
                    .putMetadata(SAVE_CARD, "true");
        }
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(r.tenantId().toString())
                .setSuccessUrl(r.successUrl())
                .setCancelUrl(r.cancelUrl())
                .putAllMetadata(metadata(r.tenantId(), r.purpose(), r.invoiceId()))
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(currency(r.amount()))
                                .setUnitAmount(minorUnits(r.amount()))
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(r.description()).build())
                                .build())
                        .build())
                .setPaymentIntentData(intent.build());
        if (r.customerRef() != null) {
            params.setCustomer(r.customerRef());
        }
        Session session = client().v1().checkout().sessions().create(params.build(), key(r.idempotencyKey()));
        return new Checkout(session.getId(), session.getUrl());
    }

    /** The tenant's customer at Stripe, made on first use (the key makes a retried first use one customer). */
    public String customer(UUID tenantId, String name) throws StripeException {
        Optional<CardCustomers.CardCustomer> known = customers.get(tenantId);
        if (known.isPresent()) {
            return known.get().customerRef();
        }
        String ref = client().v1().customers().create(CustomerCreateParams.builder().setName(name)
                .putMetadata(TENANT, tenantId.toString()).build(), key("customer-" + tenantId)).getId();
        customers.saveCustomer(tenantId, ID, ref);
        return customers.get(tenantId).orElseThrow().customerRef();
    }

    @Override
    public Charge charge(UUID tenantId, Money amount, String invoiceNumber, String idempotencyKey) {
        CardCustomers.CardCustomer card = customers.get(tenantId).filter(CardCustomers.CardCustomer::hasCard)
                .orElse(null);
        if (card == null) {
            return new Charge(false, null, "no card is stored");
        }
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(minorUnits(amount))
                .setCurrency(currency(amount))
                .setCustomer(card.customerRef())
                .setPaymentMethod(card.methodRef())
                .setOffSession(true)
                .setConfirm(true)
                .setDescription("Invoice " + invoiceNumber)
                .putAllMetadata(metadata(tenantId, Purpose.AUTO_CHARGE, null))
                .putMetadata("innkeeper_invoice_number", invoiceNumber)
                .build();
        try {
            PaymentIntent intent = client().v1().paymentIntents().create(params, key(idempotencyKey));
            return "succeeded".equals(intent.getStatus()) ? new Charge(true, intent.getId(), null)
                    : new Charge(false, intent.getId(), "the payment is " + intent.getStatus());
        } catch (CardException e) {
            return new Charge(false, null, "the card was declined: " + e.getCode());
        } catch (StripeException e) {
            return new Charge(false, null, "Stripe answered " + e.getStatusCode() + ": " + e.getMessage());
        }
    }

    /** A PaymentIntent as Stripe holds it now, for an event that does not carry whose it is. */
    public Optional<Intent> intent(String id) throws StripeException {
        PaymentIntent intent = client().v1().paymentIntents().retrieve(id);
        UUID tenant = tenant(intent.getMetadata());
        if (tenant == null) {
            return Optional.empty();
        }
        return Optional.of(new Intent(intent.getId(), tenant, money(intent.getAmountReceived(), intent.getCurrency())));
    }

    /** How the portal names a stored card, for example {@code visa ending 4242}. */
    public String label(String methodRef) throws StripeException {
        PaymentMethod method = client().v1().paymentMethods().retrieve(methodRef);
        if (method.getCard() == null) {
            return method.getType();
        }
        return method.getCard().getBrand() + " ending " + method.getCard().getLast4();
    }

    static Map<String, String> metadata(UUID tenantId, Purpose purpose, UUID invoiceId) {
        return invoiceId == null ? Map.of(TENANT, tenantId.toString(), PURPOSE, purpose.name())
                : Map.of(TENANT, tenantId.toString(), PURPOSE, purpose.name(), INVOICE, invoiceId.toString());
    }

    static UUID tenant(Map<String, String> metadata) {
        String raw = metadata == null ? null : metadata.get(TENANT);
        try {
            return raw == null ? null : UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Stripe's amounts are integers in the currency's smallest unit (cents for EUR). */
    static long minorUnits(Money amount) {
        return amount.rounded().amount().movePointRight(amount.currency().getDefaultFractionDigits())
                .longValueExact();
    }

    static Money money(Long minor, String currency) {
        java.util.Currency c = java.util.Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        return new Money(BigDecimal.valueOf(minor == null ? 0 : minor, c.getDefaultFractionDigits()), c);
    }

    private static String currency(Money amount) {
        return amount.currency().getCurrencyCode().toLowerCase(Locale.ROOT);
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private StripeClient client() {
        StripeClient c = client;
        if (c == null) {
            c = StripeClient.builder().setApiKey(config.secretKey().orElseThrow(
                    () -> new IllegalStateException("innkeeper.billing.stripe.secret-key is not set")))
                    .setApiBase(config.apiBase()).setMaxNetworkRetries(2).build();
            client = c;
        }
        return c;
    }
}
