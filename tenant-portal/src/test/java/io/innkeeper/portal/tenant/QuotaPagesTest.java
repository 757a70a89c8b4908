package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** The order form and quotas: what is left is shown, a refusal says which limit, and a double submit orders once. */
@QuarkusTest
@TestSecurity(user = "quinn", roles = "customer")
class QuotaPagesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    Fixtures.Catalog catalog;
    UUID tenant;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        tenant = fixtures.customer("quinn");
    }

    @Test
    void refusalNamesTheLimitNextToTheFormAndFullQuotaHidesPlans() {
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits((int) servers.live(tenant) + 1, 64, 1_000_000, 10_000, 5, 5,
                null, null, null));
        given().get("/servers/new").then().statusCode(200).body(containsString("Your quota allows 1 more server,"),
                containsString("Test One: 1 vCPU"));
        servers.order(tenant, catalog, Fixtures.hostname("last"));

        given().get("/servers/new").then().statusCode(200)
                .body(containsString("Your quota allows 0 more servers"),
                        containsString("No plan fits your remaining quota"), not(containsString("Test One: 1 vCPU")));
        String hostname = Fixtures.hostname("over");
        long before = servers.live(tenant);
        Csrf.form()
                .formParam("hostname", hostname)
                .formParam("region", catalog.region().toString())
                .formParam("plan", catalog.plan().toString())
                .formParam("template", catalog.template().toString())
                .post("/servers")
                .then().statusCode(422)
                .body(containsString("id=\"plan-error\""), containsString("Your server quota: " + before + " of "
                        + before + " in use, this order needs 1."));
        assertThat(servers.withHostname(hostname)).isZero();
    }

    @Test
    void doubleSubmittedFormOrdersOnce() {
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(50, 64, 1_000_000, 10_000, 5, 5, null, null, null));
        String hostname = Fixtures.hostname("double");
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            Csrf.form()
                    .formParam("hostname", hostname)
                    .formParam("region", catalog.region().toString())
                    .formParam("plan", catalog.plan().toString())
                    .formParam("template", catalog.template().toString())
                    .formParam("idempotencyKey", key)
                    .post("/servers")
                    .then().statusCode(303);
        }
        assertThat(servers.withHostname(hostname)).isEqualTo(1);
    }
}
