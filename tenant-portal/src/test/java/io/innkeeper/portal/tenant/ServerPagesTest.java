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

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.Csrf;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

@QuarkusTest
@TestSecurity(user = "pat", roles = "customer")
class ServerPagesTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    Fixtures.Catalog catalog;
    UUID tenant;

    @BeforeEach
    void setUp() {
        catalog = fixtures.catalog();
        tenant = fixtures.customer("pat");
    }

    @Test
    void ordersServerThatComesUpRebootsAndDeletes() {
        String hostname = Fixtures.hostname("web");
        String location = Csrf.form()
                .formParam("hostname", hostname)
                .formParam("region", catalog.region().toString())
                .formParam("plan", catalog.plan().toString())
                .formParam("template", catalog.template().toString())
                .post("/servers")
                .then().statusCode(303).extract().header("Location");

        String rows = given().header("HX-Request", "true").get("/servers").then().statusCode(200).extract().asString();
        assertThat(rows.strip()).startsWith("<tbody").contains(hostname).doesNotContain("<html");
        UUID id = serverIdIn(rows, hostname);
        assertThat(location).as("the order leads to the new server's page").endsWith("/servers/" + id);
        await().atMost(SETTLE).until(() -> servers.status(id) == GuestStatus.RUNNING);
        String list = given().get("/servers").then().statusCode(200).body(containsString(hostname),
                containsString("Running")).extract().asString();
        String row = list.substring(list.indexOf("<tr data-server=\"" + id + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(servers.addresses(id)).as("the server has addresses").isNotEmpty();
        for (String address : servers.addresses(id)) {
            assertThat(row).as("its row shows each address").contains("<code>" + address + "</code>");
        }

        Csrf.form().header("HX-Request", "true").post("/servers/" + id + "/reboot")
                .then().statusCode(200).body(containsString("server-status"));
        await().atMost(SETTLE).until(() -> servers.status(id) == GuestStatus.RUNNING);
        given().get("/servers/" + id).then().statusCode(200).body(containsString("Reboot"),
                containsString("Rebooted"));

        Csrf.form().header("HX-Request", "true").post("/servers/" + id + "/delete")
                .then().statusCode(200).header("HX-Redirect", "/servers");
        await().atMost(SETTLE).until(() -> servers.deleted(id));
        assertThat(servers.status(id)).isEqualTo(GuestStatus.DELETED);
        given().get("/servers").then().body(not(containsString(hostname)));
        given().get("/servers/" + id).then().statusCode(404);
    }

    @Test
    void rowsOfferThePowerActionsTheStateAllowsAndComeBackToTheList() {
        String hostname = Fixtures.hostname("row");
        UUID id = servers.order(tenant, catalog, hostname);
        await().atMost(SETTLE).until(() -> servers.status(id) == GuestStatus.RUNNING);
        String running = rowOf(given().get("/servers").then().statusCode(200).extract().asString(), id);
        assertThat(running).contains("action=\"/servers/" + id + "/reboot\"")
                .contains("action=\"/servers/" + id + "/stop\"").doesNotContain("/servers/" + id + "/start")
                .contains("aria-label=\"Shut down " + hostname + "\"").contains("name=\"back\" value=\"list\"");

        Csrf.form().formParam("back", "list").post("/servers/" + id + "/stop").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/servers"));
        await().atMost(SETTLE).until(() -> servers.status(id) == GuestStatus.STOPPED);
        String stopped = rowOf(given().get("/servers").then().statusCode(200).extract().asString(), id);
        assertThat(stopped).contains("action=\"/servers/" + id + "/start\"")
                .doesNotContain("/servers/" + id + "/stop").doesNotContain("/servers/" + id + "/reboot");

        // Asked again from a stale list, the refusal shows on the server page with its reason.
        Csrf.form().formParam("back", "list").post("/servers/" + id + "/stop").then().statusCode(409)
                .body(containsString("Only a running server can be shut down"));
        Csrf.form().formParam("back", "list").post("/servers/" + id + "/start").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/servers"));
        await().atMost(SETTLE).until(() -> servers.status(id) == GuestStatus.RUNNING);
    }

    @Test
    @TestSecurity(user = "pat-reader", roles = "customer")
    void aReadOnlyMemberSeesTheListWithoutActions() {
        fixtures.member("pat-reader", tenant, io.innkeeper.tenancy.MemberRole.READ_ONLY);
        String hostname = Fixtures.hostname("ro-row");
        UUID id = servers.order(tenant, catalog, hostname);
        String list = given().get("/servers").then().statusCode(200).extract().asString();
        assertThat(rowOf(list, id)).contains(hostname).doesNotContain("<form");
        assertThat(list).doesNotContain("<th scope=\"col\">Actions</th>");
    }

    private static String rowOf(String list, UUID id) {
        String row = list.substring(list.indexOf("<tr data-server=\"" + id + "\""));
        return row.substring(0, row.indexOf("</tr>"));
    }

    @Test
    void showsInlineErrorAndStoresNothingForInvalidHostname() {
        String hostname = "-bad-" + UUID.randomUUID().toString().substring(0, 6);
        long before = servers.live(tenant);
        Csrf.form()
                .formParam("hostname", hostname)
                .formParam("region", catalog.region().toString())
                .formParam("plan", catalog.plan().toString())
                .formParam("template", catalog.template().toString())
                .post("/servers")
                .then().statusCode(422)
                .body(containsString("id=\"hostname-error\""), containsString("do not start or end a part with a hyphen"),
                        containsString("value=\"" + hostname + "\""));
        assertThat(servers.live(tenant)).isEqualTo(before);
        assertThat(servers.withHostname(hostname)).isZero();
    }

    @Test
    void showsInlineErrorAndStoresNothingWithoutPlan() {
        String hostname = Fixtures.hostname("noplan");
        long before = servers.live(tenant);
        Csrf.form()
                .formParam("hostname", hostname)
                .formParam("region", catalog.region().toString())
                .formParam("plan", "")
                .formParam("template", catalog.template().toString())
                .post("/servers")
                .then().statusCode(422).body(containsString("id=\"plan-error\""), containsString("Choose a plan."));
        Csrf.form()
                .formParam("hostname", hostname)
                .formParam("region", catalog.region().toString())
                .formParam("plan", UUID.randomUUID().toString())
                .formParam("template", catalog.template().toString())
                .post("/servers")
                .then().statusCode(422).body(containsString("Choose a plan."));
        assertThat(servers.live(tenant)).isEqualTo(before);
        assertThat(servers.withHostname(hostname)).isZero();
    }

    @Test
    void refusesSecondServerWithSameHostname() {
        String hostname = Fixtures.hostname("twin");
        servers.order(tenant, catalog, hostname);
        Csrf.form()
                .formParam("hostname", hostname.toUpperCase())
                .formParam("region", catalog.region().toString())
                .formParam("plan", catalog.plan().toString())
                .formParam("template", catalog.template().toString())
                .post("/servers")
                .then().statusCode(422).body(containsString("You already have a server called " + hostname));
        assertThat(servers.withHostname(hostname)).isEqualTo(1);
    }

    @Test
    void rejectsForgedCsrfTokenWithMessageAndStoresNothing() {
        String hostname = Fixtures.hostname("forged");
        Csrf.forged()
                .formParam("hostname", hostname)
                .formParam("region", catalog.region().toString())
                .formParam("plan", catalog.plan().toString())
                .formParam("template", catalog.template().toString())
                .post("/servers")
                .then().statusCode(400).body(containsString("valid security token"));
        given().redirects().follow(false)
                .formParam("hostname", hostname)
                .formParam("region", catalog.region().toString())
                .formParam("plan", catalog.plan().toString())
                .formParam("template", catalog.template().toString())
                .post("/servers")
                .then().statusCode(400).body(containsString("valid security token"));
        assertThat(servers.withHostname(hostname)).isZero();
    }

    @Test
    void rejectsForgedCsrfTokenOnActions() {
        UUID id = servers.order(tenant, catalog, Fixtures.hostname("keep"));
        await().atMost(SETTLE).until(() -> servers.status(id) == GuestStatus.RUNNING);
        Csrf.forged().post("/servers/" + id + "/delete").then().statusCode(400);
        Csrf.forged().post("/servers/" + id + "/reboot").then().statusCode(400);
        assertThat(servers.status(id)).isEqualTo(GuestStatus.RUNNING);
        assertThat(servers.deleted(id)).isFalse();
    }

    @Test
    void orderFormOffersCatalogWithPrices() {
        given().get("/servers/new").then().statusCode(200)
                .body(containsString("<label for=\"hostname\">Hostname</label>"),
                        containsString("Test One: 1 vCPU · 512 MiB RAM · 10 GiB disk · EUR 0.0050 per hour"),
                        containsString("Test Debian"));
    }

    static UUID serverIdIn(String html, String hostname) {
        int at = html.indexOf(hostname);
        int start = html.lastIndexOf("data-server=\"", at) + "data-server=\"".length();
        return UUID.fromString(html.substring(start, start + 36));
    }
}
