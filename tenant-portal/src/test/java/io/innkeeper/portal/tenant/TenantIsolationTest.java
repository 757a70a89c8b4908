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
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** Another tenant's server answers 404 on every page and action, and nothing happens to it. */
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
    void customerGetsNotFoundForAnotherTenantsServerEverywhere() {
        given().get("/servers").then().statusCode(200).body(not(containsString(victimHostname)));
        given().get("/servers/" + victimServer).then().statusCode(404)
                .body(not(containsString(victimHostname)), containsString("Not found"));
        given().header("HX-Request", "true").get("/servers/" + victimServer).then().statusCode(404);
        Csrf.form().post("/servers/" + victimServer + "/reboot").then().statusCode(404);
        Csrf.form().header("HX-Request", "true").post("/servers/" + victimServer + "/reboot").then().statusCode(404);
        Csrf.form().post("/servers/" + victimServer + "/delete").then().statusCode(404);
        Csrf.form().post("/servers/" + victimServer + "/start").then().statusCode(404);
        Csrf.form().post("/servers/" + victimServer + "/stop").then().statusCode(404);
        Csrf.form().post("/servers/" + victimServer + "/power-off").then().statusCode(404);
        Csrf.form().formParam("plan", UUID.randomUUID().toString()).post("/servers/" + victimServer + "/resize")
                .then().statusCode(404);
        Csrf.form().post("/servers/" + victimServer + "/reinstall").then().statusCode(404);
        Csrf.form().formParam("name", "snap").post("/servers/" + victimServer + "/snapshots").then().statusCode(404);
        Csrf.form().post("/servers/" + victimServer + "/snapshots/snap/revert").then().statusCode(404);
        Csrf.form().post("/servers/" + victimServer + "/snapshots/snap/delete").then().statusCode(404);
        Csrf.form().header("HX-Request", "true").post("/servers/" + victimServer + "/delete").then().statusCode(404);

        assertThat(servers.status(victimServer)).isEqualTo(GuestStatus.RUNNING);
        assertThat(servers.deleted(victimServer)).isFalse();
    }

    @Test
    @TestSecurity(user = "mallory", roles = "customer")
    void unknownAndMalformedIdsAnswerNotFound() {
        given().get("/servers/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/servers/not-a-uuid").then().statusCode(404);
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
        given().get("/servers/" + victimServer).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "nobody-linked", roles = "customer")
    void signedInUserWithoutTenantIsToldWhy() {
        given().get("/servers").then().statusCode(403).body(containsString("not linked to a customer account"));
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/welcome"));
    }
}
