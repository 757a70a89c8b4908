package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.TenantSuspensions;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** The dashboard counts servers by state, draws quota use and lists recent activity; a suspension is explained. */
@QuarkusTest
@TestSecurity(user = "dora", roles = "customer")
class DashboardPageTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    TenantSuspensions suspensions;

    UUID tenant;
    UUID server;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        tenant = fixtures.customer("dora");
        suspensions.unsuspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.ADMIN);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(40, 40, 100_000, 1000, 40, 40, null, null, null));
        server = servers.order(tenant, catalog, Fixtures.hostname("dash"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    @Test
    void showsStatesQuotaAndActivity() {
        long live = servers.live(tenant);
        given().get("/dashboard").then().statusCode(200)
                .body(containsString("href=\"/servers?state=RUNNING\""),
                        containsString("All " + live + " server"),
                        containsString("aria-valuenow=\"" + live + "\""),
                        containsString("aria-valuemax=\"40\""),
                        containsString("server.order"),
                        containsString("id=\"spend\""),
                        // Little or nothing is rolled up yet in tests (an hour's rollup may have run, at EUR 0.00).
                        containsString("id=\"spend-so-far\">EUR 0.00<"),
                        matchesPattern("(?s).*id=\"spend-projected\">EUR [1-9][0-9]*\\.00<.*"),
                        not(containsString("suspended")));
    }

    @Test
    void suspendedAccountSeesWhyAndCannotStartServers() {
        Csrf.form().post("/servers/" + server + "/power-off").then().statusCode(303);
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.STOPPED);
        suspensions.suspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.NON_PAYMENT, "Invoice 2026-11 is overdue.");

        given().get("/dashboard").then().statusCode(200)
                .body(containsString("suspended because an invoice is unpaid"),
                        containsString("Invoice 2026-11 is overdue."), containsString("Pay the open invoice"));
        given().get("/servers").then().body(containsString("Pay the open invoice"),
                not(containsString(">Create server<")));
        given().get("/servers/" + server).then().body(not(containsString(">Start<")),
                containsString("cannot be started while the account is suspended"));
        Csrf.form().post("/servers/" + server + "/start").then().statusCode(409);

        suspensions.unsuspend(Actor.SYSTEM, tenant, TenantSuspensions.Kind.NON_PAYMENT);
        given().get("/servers/" + server).then().body(containsString(">Start<"));
    }
}
