package io.innkeeper.portal.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The graphical console page: a VM's page offers Connect, Ctrl-Alt-Del and the screenshot; a container's says it
 * has no screen and offers nothing; the screenshot of a node that takes none says why.
 */
@QuarkusTest
@TestSecurity(user = "gina", roles = "customer")
class ServerScreenPageTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    UUID server;

    @BeforeEach
    void setUp() {
        UUID tenant = fixtures.customer("gina");
        server = servers.order(tenant, fixtures.catalog(), Fixtures.hostname("screen"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    @Test
    void vmPageOffersTheScreenAndItsScreenshot() {
        assertThat(given().get("/servers/" + server).then().statusCode(200).extract().asString())
                .contains("href=\"/servers/" + server + "/screen\"");
        String page = given().get("/servers/" + server + "/screen").then().statusCode(200).extract().asString();
        assertThat(page).contains("<h1>Graphical console</h1>", "id=\"screen-open\"",
                "data-ticket-url=\"/servers/" + server + "/screen/ticket\"", "Send Ctrl-Alt-Del",
                "href=\"/api/v1/servers/" + server + "/console/screenshot\"", "src=\"/static/screen.js\"")
                .doesNotContain("containers have no screen");
        // The link is the API's, signed in by the page's session; the test driver's node takes no screenshots.
        assertThat(given().get("/api/v1/servers/" + server + "/console/screenshot").then().statusCode(409)
                .contentType("application/problem+json").extract().asString()).contains("cannot take a screenshot");
    }

    @Test
    void containerPageSaysThereIsNoScreen() {
        UUID lxcNode = QuarkusTransaction.requiringNew().call(() -> {
            Node source = Guest.<Guest>findById(server).node;
            Node n = new Node();
            n.id = UUID.randomUUID();
            n.region = source.region;
            n.name = "screen-lxc-" + n.id.toString().substring(0, 8);
            n.guestType = "lxc";
            n.libvirtUri = "test:///default";
            n.vcpus = 8;
            n.memoryMib = 16_384;
            n.diskGib = 100;
            n.state = NodeState.MAINTENANCE;
            n.createdAt = Instant.now();
            n.persist();
            Guest.<Guest>findById(server).node = n;
            return n.id;
        });
        assertThat(lxcNode).isNotNull();
        String page = given().get("/servers/" + server + "/screen").then().statusCode(200).extract().asString();
        assertThat(page).contains("containers have no screen").doesNotContain("id=\"screen-open\"",
                "screen.js");
        assertThat(io.innkeeper.testing.Csrf.form().post("/servers/" + server + "/screen/ticket").then()
                .statusCode(409).extract().asString()).contains("containers have no screen");
    }

    @Test
    void anotherTenantsServerIsNotFound() {
        UUID other = fixtures.customer("screen-other-" + UUID.randomUUID().toString().substring(0, 6));
        UUID theirs = servers.order(other, fixtures.catalog(), Fixtures.hostname("screen"));
        given().get("/servers/" + theirs + "/screen").then().statusCode(404);
        given().get("/api/v1/servers/" + theirs + "/console/screenshot").then().statusCode(404);
    }
}
