package io.innkeeper.portal.admin.servers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.portal.admin.AdminCsrf;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/** An admin opens any tenant's VM's graphical console: the page, a vnc ticket of the admin's, the screenshot. */
@QuarkusTest
@TestSecurity(user = "screen-admin", roles = "admin")
class AdminServerScreenTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    UUID server;

    @BeforeEach
    void setUp() {
        UUID tenant = fixtures.customer("screen-tenant-" + UUID.randomUUID().toString().substring(0, 8));
        server = servers.order(tenant, fixtures.catalog(), Fixtures.hostname("admin-screen"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    @Test
    void adminGetsAnyVmsScreen() {
        assertThat(given().get("/admin/servers/" + server).then().statusCode(200).extract().asString())
                .contains("href=\"/admin/servers/" + server + "/screen\"");
        String page = given().get("/admin/servers/" + server + "/screen").then().statusCode(200).extract()
                .asString();
        assertThat(page).contains("<h1>Graphical console</h1>", "id=\"screen-open\"",
                "data-ticket-url=\"/admin/servers/" + server + "/screen/ticket\"", "/static/screen.js");
        var answer = AdminCsrf.form().post("/admin/servers/" + server + "/screen/ticket").then().statusCode(200)
                .extract();
        assertThat((String) answer.path("ticket")).startsWith("ikv_");
        assertThat((String) answer.path("path")).isEqualTo("/api/v1/servers/" + server + "/console/vnc");
        assertThat(page).contains("href=\"/api/v1/servers/" + server + "/console/screenshot\"");
        assertThat(given().get("/api/v1/servers/" + server + "/console/screenshot").then().statusCode(409)
                .extract().asString()).contains("cannot take a screenshot");
        given().get("/admin/servers/" + UUID.randomUUID() + "/screen").then().statusCode(404);
    }
}
