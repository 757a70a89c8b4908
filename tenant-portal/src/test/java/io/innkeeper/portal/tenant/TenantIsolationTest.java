package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
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
import io.innkeeper.tenancy.TenantKind;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * What the isolation matrix ({@link TenantIsolationMatrixTest}) does not say: another tenant's server is not in the
 * list and its page says "Not found"; a reseller's list holds its customers' servers; a login without a tenant is
 * told why. Every page and action with another tenant's ids is in the matrix.
 */
@QuarkusTest
class TenantIsolationTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    UUID victimServer;
    String victimHostname;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        fixtures.customer("mallory");
        UUID victim = fixtures.customer("victor");
        victimHostname = Fixtures.hostname("secret");
        victimServer = servers.order(victim, catalog, victimHostname);
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(victimServer) == GuestStatus.RUNNING);
    }

    @Test
    @TestSecurity(user = "mallory", roles = "customer")
    void customerSeesNoTraceOfAnotherTenantsServerAndIsToldNotFound() {
        given().get("/servers").then().statusCode(200).body(not(containsString(victimHostname)));
        given().get("/servers/" + victimServer).then().statusCode(404)
                .body(not(containsString(victimHostname)), containsString("Not found"));
        assertThat(servers.status(victimServer)).isEqualTo(GuestStatus.RUNNING);
    }

    @Test
    @TestSecurity(user = "rhea", roles = "reseller")
    void resellerSeesItsCustomersServersButNotOthers() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID reseller = fixtures.tenantOf("rhea", TenantKind.RESELLER, null);
        UUID customer = fixtures.tenantOf("rhea-customer", TenantKind.CUSTOMER, reseller);
        quotas.set(Actor.SYSTEM, customer, new QuotaLimits(5, 5, 8192, 100, 5, 5, null, null, null));
        String hostname = Fixtures.hostname("child");
        UUID child = servers.order(customer, catalog, hostname);

        given().get("/servers").then().statusCode(200).body(containsString(hostname),
                not(containsString(victimHostname)));
        given().get("/servers/" + child).then().statusCode(200).body(containsString(hostname));
    }

    @Test
    @TestSecurity(user = "nobody-linked", roles = "customer")
    void signedInUserWithoutTenantIsToldWhy() {
        given().get("/servers").then().statusCode(403).body(containsString("not linked to a customer account"));
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/welcome"));
    }
}
