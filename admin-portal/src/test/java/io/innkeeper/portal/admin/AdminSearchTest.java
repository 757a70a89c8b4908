package io.innkeeper.portal.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The admin portal's one search box: it is on every admin page, and finds tenants by name and servers by hostname or
 * address, each linking to its page; a search it cannot run is refused next to the field.
 */
@QuarkusTest
@TestSecurity(user = "search-admin", roles = "admin")
class AdminSearchTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Test
    void findsTenantsByNameAndServersByHostnameOrAddress() {
        String login = "searched-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenant = fixtures.customer(login);
        String hostname = Fixtures.hostname("found");
        UUID server = servers.order(tenant, fixtures.catalog(), hostname);
        await().atMost(Duration.ofSeconds(20)).until(() -> !servers.addresses(server).isEmpty());

        given().queryParam("q", login).get("/admin/search").then().statusCode(200)
                .body(containsString("href=\"/admin/tenants/" + tenant + "\""), containsString("Tenant of " + login),
                        containsString("No server matches"));
        given().queryParam("q", hostname).get("/admin/search").then().statusCode(200)
                .body(containsString("href=\"/admin/servers/" + server + "\""), containsString(hostname),
                        containsString("No tenant matches"));
        String address = servers.addresses(server).get(0);
        given().queryParam("q", address).get("/admin/search").then().statusCode(200)
                .body(containsString("href=\"/admin/servers/" + server + "\""));
    }

    @Test
    void isOnEveryAdminPageAndRefusesAnOverlongSearchNextToTheField() {
        for (String page : new String[] {"/admin", "/admin/servers", "/admin/tenants", "/admin/audit"}) {
            assertThat(given().get(page).then().statusCode(200).extract().asString()).as(page)
                    .contains("action=\"/admin/search\"").contains("<label for=\"nav-search\">");
        }
        given().get("/admin/search").then().statusCode(200).body(containsString("id=\"q\""),
                not(containsString("found-servers")));
        given().queryParam("q", "x".repeat(300)).get("/admin/search").then().statusCode(422)
                .body(containsString("id=\"q-error\""), containsString("at most 253 characters"));
    }

    @Test
    @TestSecurity(user = "search-customer", roles = "customer")
    void aCustomerIsRefused() {
        given().queryParam("q", "web").get("/admin/search").then().statusCode(403);
    }
}
