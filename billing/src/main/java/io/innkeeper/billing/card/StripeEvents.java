package io.innkeeper.billing.card;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;

import io.innkeeper.billing.invoice.BillingInputs;
import io.innkeeper.billing.ledger.EntryKind;
import io.innkeeper.billing.ledger.Ledger;
import io.innkeeper.kernel.Money;

/**
 * Stripe's webhooks, after {@link Webhook} has checked the {@code Stripe-Signature} header (an HMAC-SHA256 of
 * {@code t.payload} with the endpoint's secret, no older than the tolerance). A succeeded PaymentIntent is a payment
 * in the ledger under the intent's id; a refunded charge gives back what Stripe says it refunded so far. Each event
 * is handled once (its id is kept), and the ledger counts a reference once besides, so a resent event or the same
 * payment reported by another event changes nothing. A refund that arrives before its payment's event records the
 * payment with it, so the payment's late event cannot mark the invoice paid again.
 */
@ApplicationScoped
public class StripeEvents {

    private static final Logger LOG = Logger.getLogger(StripeEvents.class);

    /** What became of a delivered event. */
    public enum Handled {
        /** It changed the ledger or the stored card. */
        APPLIED,
        /** It was handled before; nothing changed. */
        DUPLICATE,
        /** The panel does not act on this kind of event, or it is not one of the panel's payments. */
        IGNORED
    }

    /** The body was not signed with the endpoint's secret, or too long ago. */
    public static class BadSignature extends RuntimeException {
        BadSignature(String message) {
            super(message);
        }
    }

    @Inject
    StripeConfig config;

    @Inject
    StripeGateway gateway;

    @Inject
    CardCustomers customers;

    @Inject
    Ledger ledger;

    @Inject
    BillingInputs inputs;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Checks the signature of a delivered body and acts on it. */
    @Transactional
    public Handled handle(String payload, String signature) {
        Event event = verify(payload, signature, config.webhookSecret().orElse(""), config.webhookTolerance().toSeconds(),
                clock);
        if (em.createNativeQuery("insert into card_event (id, type, received_at) values (:id, :type, :at) "
                + "on conflict do nothing").setParameter("id", event.getId()).setParameter("type", event.getType())
                .setParameter("at", clock.instant()).executeUpdate() == 0) {
            return Handled.DUPLICATE;
        }
        return switch (event.getType()) {
            case "payment_intent.succeeded" -> succeeded((PaymentIntent) object(event));
            case "charge.refunded" -> refunded((Charge) object(event));
            default -> Handled.IGNORED;
        };
    }

    /** The event in a signed body; the library checks the scheme, the HMAC and the age. */
    static Event verify(String payload, String signature, String secret, long toleranceSeconds, Clock clock) {
        if (secret.isBlank()) {
            throw new BadSignature("no webhook secret is configured");
        }
        try {
            return Webhook.constructEvent(payload, signature == null ? "" : signature, secret, toleranceSeconds, clock);
        } catch (SignatureVerificationException e) {
            throw new BadSignature(e.getMessage());
        } catch (RuntimeException e) {
            // Gson's parse errors: the body is signed but no event
            throw new BadSignature("the body is not a Stripe event");
        }
    }

    private Handled succeeded(PaymentIntent intent) {
        UUID tenant = StripeGateway.tenant(intent.getMetadata());
        Optional<Money> received = amount(tenant, intent.getAmountReceived(), intent.getCurrency());
        if (received.isEmpty()) {
            LOG.infof("payment %s is not for an account the panel bills; ignored", intent.getId());
            return Handled.IGNORED;
        }
        if ("true".equals(intent.getMetadata().get(StripeGateway.SAVE_CARD)) && intent.getPaymentMethod() != null
                && intent.getCustomer() != null) {
            customers.saveMethod(tenant, intent.getCustomer(), intent.getPaymentMethod(), label(intent));
        }
        ledger.record(tenant, EntryKind.PAYMENT, received.get().amount().toPlainString(), intent.getId(),
                "card payment (Stripe)", "stripe");
        return Handled.APPLIED;
    }

    private Handled refunded(Charge charge) {
        String reference = charge.getPaymentIntent();
        if (reference == null) {
            return Handled.IGNORED;
        }
        UUID tenant = ledger.payer(reference).orElse(null);
        if (tenant == null) {
            try {
                tenant = gateway.intent(reference).map(StripeGateway.Intent::tenantId).orElse(null);
            } catch (StripeException e) {
                // Stripe sends the event again until it is taken; by then the intent can be read.
                throw new IllegalStateException("cannot read payment " + reference + " from Stripe", e);
            }
        }
        Optional<Money> paid = amount(tenant, charge.getAmountCaptured() == null ? charge.getAmount()
                : charge.getAmountCaptured(), charge.getCurrency());
        Optional<Money> refunded = amount(tenant, charge.getAmountRefunded(), charge.getCurrency());
        if (paid.isEmpty() || refunded.isEmpty() || refunded.get().amount().signum() <= 0) {
            return Handled.IGNORED;
        }
        ledger.refund(tenant, reference, paid.get().amount().toPlainString(),
                refunded.get().amount().toPlainString(), "stripe");
        return Handled.APPLIED;
    }

    /** An amount of the tenant's currency, or empty when the tenant is not billed by the platform in it. */
    private Optional<Money> amount(UUID tenant, Long minor, String currency) {
        if (tenant == null || minor == null || minor <= 0 || currency == null) {
            return Optional.empty();
        }
        Money money = StripeGateway.money(minor, currency);
        return inputs.tenant(tenant).filter(t -> t.currency().equals(money.currency())).map(t -> money);
    }

    private String label(PaymentIntent intent) {
        try {
            return gateway.label(intent.getPaymentMethod());
        } catch (StripeException e) {
            LOG.warnf("cannot read card %s from Stripe: %s", intent.getPaymentMethod(), e.getMessage());
            return "card";
        }
    }

    private static StripeObject object(Event event) {
        try {
            Optional<StripeObject> matching = event.getDataObjectDeserializer().getObject();
            // An event of another API version than the library's is still read: the fields used here are stable.
            return matching.isPresent() ? matching.get() : event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw new BadSignature("the event's object cannot be read: " + e.getMessage());
        }
    }
}
