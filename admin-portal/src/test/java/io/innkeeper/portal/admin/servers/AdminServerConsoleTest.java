package io.innkeeper.portal.admin.servers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.testing.ConsoleNode;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The admin server page's console card, for any tenant's server: the same card as the tenant's page, loaded after
 * the page and refreshed in place; the node's own words when it keeps no log, the log's end when it does.
 */
@QuarkusTest
@TestSecurity(user = "console-admin", roles = "admin")
class AdminServerConsoleTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    ConsoleNode consoleNode;

    UUID server;
    String hostname;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("console-tenant-" + UUID.randomUUID().toString().substring(0, 8));
        hostname = Fixtures.hostname("admin-console");
        server = servers.order(tenant, catalog, hostname);
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    @Test
    void pageLoadsTheConsoleAfterItselfOutsideTheMoveForm() {
        String page = given().get("/admin/servers/" + server).then().statusCode(200).extract().asString();
        assertThat(page).contains("<section class=\"card\" id=\"console\"")
                .contains("hx-get=\"/admin/servers/" + server + "/console\" hx-trigger=\"load\"")
                .contains("Reading the console").contains(">Refresh</button>").contains("Move server");
        // The move card polls and replaces itself while the server is busy; the console card is not inside it.
        assertThat(page.indexOf("id=\"console\"")).isGreaterThan(page.indexOf("Jobs of this server"));
    }

    /** An admin may open any tenant's console: the page offers it, the ticket is the admin's, nobody holds it yet. */
    @Test
    void adminGetsATicketForAnyServersConsole() {
        String page = given().get("/admin/servers/" + server).then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"terminal-open\"")
                .contains("data-ticket-url=\"/admin/servers/" + server + "/console/ticket\"")
                .contains("/static/vendor/xterm/xterm.js").contains("/static/console.js");
        String ticket = io.innkeeper.portal.admin.AdminCsrf.form().post("/admin/servers/" + server + "/console/ticket")
                .then().statusCode(200).extract().path("ticket");
        assertThat(ticket).startsWith("ikc_");
        String sessions = given().get("/admin/servers/" + server + "/console/sessions").then().statusCode(200)
                .extract().asString();
        assertThat(sessions).contains("Nobody has this server's console open.");
        io.innkeeper.portal.admin.AdminCsrf.form().post("/admin/servers/" + server + "/console/sessions/"
                + UUID.randomUUID() + "/end").then().statusCode(404);
    }

    @Test
    void testDriverNodeSaysItKeepsNoLog() {
        String card = given().header("HX-Request", "true").get("/admin/servers/" + server + "/console").then()
                .statusCode(200).extract().asString();
        assertThat(card.strip()).startsWith("<section class=\"card\" id=\"console\"").doesNotContain("<html")
                .doesNotContain("hx-trigger=\"load\"").doesNotContain("Move server")
                .contains("hx-get=\"/admin/servers/" + server + "/console\" hx-target=\"#console\"")
                .contains("Console output is not available for this server")
                .containsPattern("Read at <time datetime=\"[^\"]+\">\\d\\d:\\d\\d:\\d\\d UTC</time>");

        // Without JavaScript, Refresh is a plain link to the whole page with the console in it.
        String page = given().get("/admin/servers/" + server + "/console").then().statusCode(200).extract()
                .asString();
        assertThat(page).contains("<html").contains("<h1>" + hostname + "</h1>").contains("Move server")
                .contains("Console output is not available");
    }

    @Test
    void realNodeShowsAnyTenantsLogCleanedAndEscaped() {
        assumeTrue(ConsoleNode.available(), "needs the local libvirtd that bin/test starts");
        consoleNode.attach(server, "boot\n\u001b[1mWelcome\u001b[0m <img src=x onerror=alert(1)>\r\nlogin: ");
        try {
            String card = given().header("HX-Request", "true").get("/admin/servers/" + server + "/console").then()
                    .statusCode(200).extract().asString();
            assertThat(card).contains("id=\"console-text\"")
                    .contains(">boot\nWelcome &lt;img src=x onerror=alert(1)&gt;\nlogin: </pre>")
                    .doesNotContain("<img").doesNotContain("\u001b").doesNotContain("\r")
                    .contains("aria-label=\"Serial console output of " + hostname + "\"")
                    .doesNotContain("id=\"console-message\"");
        } finally {
            consoleNode.detach(server);
        }
    }

    @Test
    void unknownServerIs404() {
        given().header("HX-Request", "true").get("/admin/servers/" + UUID.randomUUID() + "/console").then()
                .statusCode(404);
    }
}
