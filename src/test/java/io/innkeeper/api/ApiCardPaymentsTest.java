package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.YearMonth;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import io.innkeeper.billing.card.StripeProfile;
import io.innkeeper.billing.card.StripeStandIn;

/**
 * Payment links and top-ups through the account API, against the local Stripe stand-in: a link for an open invoice
 * (the same Idempotency-Key answers the same link), another account's invoice is 404, a top-up outside the bounds is
 * problem+json naming the amount, and a paid top-up shows as credit in the balance.
 */
@QuarkusTest
@TestProfile(StripeProfile.class)
class ApiCardPaymentsTest {

    private static final StripeStandIn STRIPE = StripeProfile.STRIPE;

    @Inject
    ApiFixtures api;

    @Test
    void anInvoicesPaymentLinkIsTheGatewaysPageAndIdempotent() {
        ApiFixtures.Client client = api.customer("card-link");
        UUID invoice = api.invoice(client.tenant(), YearMonth.of(2026, 1));
        String key = "link-" + invoice;
        String url = client.api().header("Idempotency-Key", key).body("{\"saveCard\":true}")
                .post("/api/v1/invoices/" + invoice + "/payment-link").then().statusCode(201)
                .body("url", startsWith(STRIPE.base() + "/c/pay/cs_test_")).body("amount.currency", equalTo("EUR"))
                .extract().path("url");
        client.api().header("Idempotency-Key", key).body("{\"saveCard\":true}")
                .post("/api/v1/invoices/" + invoice + "/payment-link").then().statusCode(201).body("url", equalTo(url));

        ApiFixtures.Client other = api.customer("card-other");
        other.api().header("Idempotency-Key", "x-" + invoice).post("/api/v1/invoices/" + invoice + "/payment-link")
                .then().statusCode(404).contentType("application/problem+json");
        client.api().header("Idempotency-Key", "y-" + invoice).body("{\"saveCard\":\"yes\"}")
                .post("/api/v1/invoices/" + invoice + "/payment-link").then().statusCode(400)
                .body("errors.saveCard", notNullValue());
        assertThat(STRIPE.violations()).isEmpty();
    }

    @Test
    void aTopUpWithinTheBoundsBecomesCredit() {
        ApiFixtures.Client client = api.customer("card-topup");
        for (String bad : new String[] { "\"4\"", "\"5000.5\"", "\"ten\"", "\"1.999\"" }) {
            client.api().header("Idempotency-Key", "bad-" + UUID.randomUUID()).body("{\"amount\":" + bad + "}")
                    .post("/api/v1/account/top-up").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.amount", notNullValue());
        }
        String url = client.api().header("Idempotency-Key", "top-" + client.tenant()).body("{\"amount\":\"25.00\"}")
                .post("/api/v1/account/top-up").then().statusCode(201).body("amount.amount", equalTo("25.00"))
                .extract().path("url");
        STRIPE.pay(url);
        client.api().get("/api/v1/account/balance").then().statusCode(200).body("credit.amount", equalTo("25.00"));
    }
}
