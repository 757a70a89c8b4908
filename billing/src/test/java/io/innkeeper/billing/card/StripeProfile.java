package io.innkeeper.billing.card;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import com.stripe.Stripe;

/**
 * A panel that takes cards through Stripe, pointed at a {@link StripeStandIn} on this machine (one per test JVM, like
 * the panel itself); the stand-in sends its webhooks to the panel's test port.
 */
public class StripeProfile implements QuarkusTestProfile {

    public static final StripeStandIn STRIPE = StripeStandIn.start("http://127.0.0.1:"
            + System.getProperty("quarkus.http.test-port", System.getenv().getOrDefault("INNKEEPER_TEST_PORT", "8081"))
            + "/webhooks/stripe", Stripe.API_VERSION);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("innkeeper.billing.stripe.secret-key", StripeStandIn.SECRET_KEY,
                "innkeeper.billing.stripe.webhook-secret", StripeStandIn.WEBHOOK_SECRET,
                "innkeeper.billing.stripe.api-base", STRIPE.base());
    }
}
