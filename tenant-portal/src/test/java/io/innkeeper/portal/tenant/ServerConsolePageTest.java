package io.innkeeper.portal.tenant;

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
 * The server page's console card: loaded after the page, refreshed on request, the node's own words when it keeps
 * no log, and the log's end, cleaned and escaped, when it does.
 */
@QuarkusTest
@TestSecurity(user = "cora", roles = "customer")
class ServerConsolePageTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    ConsoleNode consoleNode;

    UUID server;

    @BeforeEach
    void setUp() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("cora");
        server = servers.order(tenant, catalog, Fixtures.hostname("console"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(server) == GuestStatus.RUNNING);
    }

    @Test
    void pageLoadsTheConsoleAfterItself() {
        String page = given().get("/servers/" + server).then().statusCode(200).extract().asString();
        assertThat(page).contains("<section class=\"card\" id=\"console\"")
                .contains("hx-get=\"/servers/" + server + "/console\" hx-trigger=\"load\"")
                .contains("Reading the console").contains(">Refresh</button>");
        Labels.assertEveryFieldLabelled(page);
    }

    @Test
    void testDriverNodeSaysItKeepsNoLog() {
        String card = given().header("HX-Request", "true").get("/servers/" + server + "/console").then()
                .statusCode(200).extract().asString();
        assertThat(card.strip()).startsWith("<section class=\"card\" id=\"console\"").doesNotContain("<html")
                .doesNotContain("hx-trigger=\"load\"")
                .contains("Console output is not available for this server")
                .containsPattern("Read at <time datetime=\"[^\"]+\">\\d\\d:\\d\\d:\\d\\d UTC</time>");

        // Without JavaScript, Refresh is a plain link to the whole page with the console in it.
        String page = given().get("/servers/" + server + "/console").then().statusCode(200).extract().asString();
        assertThat(page).contains("<html").contains("<h1>").contains("Console output is not available");
    }

    @Test
    void realNodeShowsTheLogsEndCleanedAndEscaped() {
        assumeTrue(ConsoleNode.available(), "needs the local libvirtd that bin/test starts");
        String older = "old boot line\n".repeat(2000);
        consoleNode.attach(server, older + "\u001b[0;32mOK\u001b[0m Reached target <script>alert(1)</script>\r\n"
                + "console login: ");
        try {
            String card = given().header("HX-Request", "true").get("/servers/" + server + "/console").then()
                    .statusCode(200).extract().asString();
            assertThat(card).contains("id=\"console-text\"")
                    .contains("OK Reached target &lt;script&gt;alert(1)&lt;/script&gt;\nconsole login: ")
                    .doesNotContain("<script>alert").doesNotContain("\u001b").doesNotContain("\r")
                    .contains("the end of 27 KiB of serial console log");
            String text = card.substring(card.indexOf("id=\"console-text\""));
            // About 16 KiB of it, starting with a whole line.
            assertThat(text.length()).isBetween(15_000, 17_000);
            assertThat(text).containsPattern(">old boot line\n");
        } finally {
            consoleNode.detach(server);
        }
    }
}
