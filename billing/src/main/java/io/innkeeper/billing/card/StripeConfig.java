package io.innkeeper.billing.card;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code innkeeper.billing.stripe.*}: card payments through Stripe. Without a secret key the panel takes no card
 * payments and the portal offers bank transfer alone.
 */
@ConfigMapping(prefix = "innkeeper.billing.stripe")
public interface StripeConfig {

    /** The secret API key ({@code sk_live_...}); from {@code INNKEEPER_BILLING_STRIPE_SECRET_KEY}. */
    Optional<String> secretKey();

    /** The signing secret of the webhook endpoint ({@code whsec_...}); from the environment too. */
    Optional<String> webhookSecret();

    /** Where Stripe's API answers; tests point it at a local stand-in. */
    @WithDefault("https://api.stripe.com")
    String apiBase();

    /** How old a signed webhook may be; Stripe's libraries default to five minutes. */
    @WithDefault("5m")
    Duration webhookTolerance();

    /** The smallest top-up of prepaid credit, in the account's currency. */
    @WithDefault("5")
    BigDecimal topUpMin();

    /** The largest top-up of prepaid credit, in the account's currency. */
    @WithDefault("5000")
    BigDecimal topUpMax();

    /** Automatic charges of issued invoices to the stored card. */
    AutoCharge autoCharge();

    interface AutoCharge {
        /** How often due automatic charges are worked off. */
        @WithDefault("1m")
        Duration interval();

        /** Wait before the first retry of a failed charge; doubled each time. */
        @WithDefault("1h")
        Duration backoff();

        /** Attempts before a charge is given up (the invoice then waits for a manual payment). */
        @WithDefault("4")
        int attempts();
    }
}
