package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Tenant;
import io.innkeeper.tenancy.TenantStatus;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

@QuarkusTest
@TestSecurity(user = "polly", roles = "customer")
class PowerActionsTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    UUID tenant;
    UUID server;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        tenant = fixtures.customer("polly");
        setStatus(tenant, TenantStatus.ACTIVE);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(20, 20, 100_000, 1000, 20, 20, null, null, null));
        server = servers.order(tenant, catalog, Fixtures.hostname("power"));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    @Test
    void shutsDownStartsAndPowersOff() {
        Csrf.form().header("HX-Request", "true").post("/servers/" + server + "/stop").then().statusCode(200)
                .body(containsString("Stopping"));
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.STOPPED);
        given().get("/servers/" + server).then().body(containsString(">Start<"));

        Csrf.form().post("/servers/" + server + "/start").then().statusCode(303);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.RUNNING);

        Csrf.form().post("/servers/" + server + "/power-off").then().statusCode(303);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.STOPPED);
        given().get("/servers/" + server).then().body(containsString("Powered off"));
    }

    @Test
    void actionFromTheWrongStateIsExplained() {
        Csrf.form().header("HX-Request", "true").post("/servers/" + server + "/start").then().statusCode(200)
                .body(containsString("Only a stopped server can be started; this one is running."));
        assertThat(servers.status(server)).isEqualTo(GuestStatus.RUNNING);
    }

    @Test
    void suspendedAccountCannotStartServers() {
        Csrf.form().post("/servers/" + server + "/power-off").then().statusCode(303);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.STOPPED);
        setStatus(tenant, TenantStatus.SUSPENDED);

        Csrf.form().post("/servers/" + server + "/start").then().statusCode(409)
                .body(containsString("Your account is suspended, so servers cannot be started."));
        assertThat(servers.status(server)).isEqualTo(GuestStatus.STOPPED);
    }

    @Test
    void startingNeedsRoomInTheRunningQuota() {
        Csrf.form().post("/servers/" + server + "/power-off").then().statusCode(303);
        await().atMost(SETTLE).until(() -> servers.status(server) == GuestStatus.STOPPED);
        long running = servers.runningOf(tenant);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(20, 20, 100_000, 1000, 20, 20, (int) running, null, null));

        Csrf.form().post("/servers/" + server + "/start").then().statusCode(409)
                .body(containsString("Your running server quota: " + running + " of " + running + " in use"));
        assertThat(servers.status(server)).isEqualTo(GuestStatus.STOPPED);
    }

    @Transactional
    void setStatus(UUID tenantId, TenantStatus status) {
        Tenant.<Tenant>findById(tenantId).status = status;
    }
}
