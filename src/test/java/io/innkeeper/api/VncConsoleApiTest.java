package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.TokenScope;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The graphical console's tickets ({@code type=vnc}) through the API and its socket: one ticket, of its kind, for
 * its person, its server, once and in time. Each refusal happens before a console session exists, so nothing
 * reaches the node: the count of console sessions stays where it was. The test driver's node has no screens, so a
 * good ticket gets as far as the node and hears that plainly; the screenshot says the same.
 */
@QuarkusTest
class VncConsoleApiTest {

    @Inject
    ApiFixtures api;

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    ApiFixtures.Client alice;
    UUID server;

    @BeforeEach
    void setUp() {
        alice = api.customer("vnc");
        server = running(alice);
    }

    private UUID running(ApiFixtures.Client client) {
        UUID id = servers.order(client.tenant(), fixtures.catalog(), Fixtures.hostname("vnc"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(id) == GuestStatus.RUNNING);
        return id;
    }

    private String vncTicket(ApiFixtures.Client client, UUID id) {
        return client.api().queryParam("type", "vnc").post("/api/v1/servers/" + id + "/console").then()
                .statusCode(201).extract().path("ticket");
    }

    @Test
    void vncTicketOpensTheScreenOnceAndOnlyOnItsOwnSocket() throws Exception {
        var answer = alice.api().queryParam("type", "vnc").post("/api/v1/servers/" + server + "/console").then()
                .statusCode(201).extract();
        assertThat((String) answer.path("ticket")).startsWith("ikv_").hasSizeLessThanOrEqualTo(64);
        assertThat((String) answer.path("url")).startsWith("ws://").endsWith("/api/v1/servers/" + server
                + "/console/vnc");
        assertThat((String) answer.path("type")).isEqualTo("vnc");
        String serialTicket = alice.api().post("/api/v1/servers/" + server + "/console").then().statusCode(201)
                .extract().path("ticket");
        long sessions = api.rows("console_session");

        // A serial ticket does not open the screen, nor a screen's ticket the serial line.
        assertThat(Socket.open(alice.token(), server, "vnc", serialTicket).await()).contains("\"state\":\"refused\"")
                .contains("another kind of console");
        assertThat(Socket.open(alice.token(), server, "socket", vncTicket(alice, server)).await())
                .contains("\"state\":\"refused\"").contains("another kind of console");
        assertThat(api.rows("console_session")).isEqualTo(sessions);

        String ticket = answer.path("ticket");
        Socket first = Socket.open(alice.token(), server, "vnc", ticket);
        assertThat(first.await()).contains("\"state\":\"ended\"").contains("cannot reach this server's screen");
        assertThat(api.rows("console_session")).as("the good ticket opened a session, on a node without screens")
                .isEqualTo(sessions + 1);

        Socket again = Socket.open(alice.token(), server, "vnc", ticket);
        assertThat(again.await()).contains("\"state\":\"refused\"").contains("used already");
        assertThat(again.closeCode()).isEqualTo(1008);
        assertThat(api.rows("console_session")).isEqualTo(sessions + 1);
    }

    @Test
    void expiredAndAnotherServersVncTicketsAreRefused() throws Exception {
        String expired = vncTicket(alice, server);
        api.sql("update console_ticket set expires_at = now() - interval '1 second' where server_id = ?1", server);
        UUID other = running(alice);
        String othersTicket = vncTicket(alice, other);
        long sessions = api.rows("console_session");
        assertThat(Socket.open(alice.token(), server, "vnc", expired).await()).contains("\"state\":\"refused\"")
                .contains("expired");
        assertThat(Socket.open(alice.token(), server, "vnc", othersTicket).await())
                .contains("\"state\":\"refused\"").contains("another server or another person");
        assertThat(api.rows("console_session")).isEqualTo(sessions);
    }

    @Test
    void anotherTenantsServerScreenAndTicketAreRefused() throws Exception {
        ApiFixtures.Client mallory = api.customer("vnc-other");
        UUID theirs = running(mallory);
        alice.api().queryParam("type", "vnc").post("/api/v1/servers/" + theirs + "/console").then().statusCode(404);
        alice.api().get("/api/v1/servers/" + theirs + "/console/screenshot").then().statusCode(404);
        String ticket = vncTicket(mallory, theirs);
        long sessions = api.rows("console_session");
        assertThat(Socket.open(alice.token(), theirs, "vnc", ticket).await()).contains("\"state\":\"refused\"");
        assertThat(api.rows("console_session")).isEqualTo(sessions);
    }

    @Test
    void readOnlyMemberGetsNoScreenNorScreenshot() {
        String login = "vnc-ro-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.member(login, alice.tenant(), MemberRole.READ_ONLY);
        ApiFixtures.Client readOnly = new ApiFixtures.Client(alice.tenant(), login,
                api.token(login, alice.tenant(), TokenScope.WRITE, null));
        long tickets = api.rows("console_ticket");
        readOnly.api().queryParam("type", "vnc").post("/api/v1/servers/" + server + "/console").then()
                .statusCode(403).contentType("application/problem+json");
        readOnly.api().get("/api/v1/servers/" + server + "/console/screenshot").then().statusCode(403)
                .contentType("application/problem+json");
        assertThat(api.rows("console_ticket")).isEqualTo(tickets);
    }

    @Test
    void suspendedAccountGetsNoScreenAndCannotUseATicketFromBefore() throws Exception {
        String before = vncTicket(alice, server);
        api.sql("update tenant set status = 'SUSPENDED' where id = ?1", alice.tenant());
        try {
            alice.api().queryParam("type", "vnc").post("/api/v1/servers/" + server + "/console").then()
                    .statusCode(403);
            alice.api().get("/api/v1/servers/" + server + "/console/screenshot").then().statusCode(403);
            long sessions = api.rows("console_session");
            assertThat(Socket.open(alice.token(), server, "vnc", before).await()).contains("\"state\":\"refused\"")
                    .contains("suspended");
            assertThat(api.rows("console_session")).isEqualTo(sessions);
        } finally {
            api.sql("update tenant set status = 'ACTIVE' where id = ?1", alice.tenant());
        }
    }

    @Test
    void anUnknownTypeIsRefusedNamingTheField() {
        alice.api().queryParam("type", "rdp").post("/api/v1/servers/" + server + "/console").then().statusCode(400)
                .contentType("application/problem+json").body("errors.type", org.hamcrest.Matchers
                        .containsString("serial or vnc"));
    }

    @Test
    void aContainerHasNoScreen() {
        UUID lxcNode = QuarkusTransaction.requiringNew().call(() -> {
            Node source = Guest.<Guest>findById(server).node;
            Node n = new Node();
            n.id = UUID.randomUUID();
            n.region = source.region;
            n.name = "vnc-lxc-" + n.id.toString().substring(0, 8);
            n.guestType = "lxc";
            n.libvirtUri = "test:///default";
            n.vcpus = 8;
            n.memoryMib = 16_384;
            n.diskGib = 100;
            n.state = NodeState.MAINTENANCE;
            n.createdAt = Instant.now();
            n.persist();
            return n.id;
        });
        api.sql("update guest set node_id = ?1 where id = ?2", lxcNode, server);
        long tickets = api.rows("console_ticket");
        String detail = alice.api().queryParam("type", "vnc").post("/api/v1/servers/" + server + "/console").then()
                .statusCode(409).contentType("application/problem+json").extract().path("detail");
        assertThat(detail).contains("containers have no screen");
        alice.api().get("/api/v1/servers/" + server + "/console/screenshot").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("containers have no screen"));
        alice.api().post("/api/v1/servers/" + server + "/console").then().statusCode(201);
        assertThat(api.rows("console_ticket")).as("only the serial ticket").isEqualTo(tickets + 1);
    }

    @Test
    void screenshotOfATestDriverGuestSaysTheNodeTakesNone() {
        String detail = alice.api().get("/api/v1/servers/" + server + "/console/screenshot").then().statusCode(409)
                .contentType("application/problem+json").extract().path("detail");
        assertThat(detail).contains("cannot take a screenshot");
    }

    @Test
    void openApiDescribesTheTypeAndTheScreenshot() {
        var paths = ApiIsolationTest.openApi().path("paths");
        var post = paths.path("/api/v1/servers/{id}/console").path("post");
        assertThat(post.path("parameters").toString()).contains("\"type\"");
        var shot = paths.path("/api/v1/servers/{id}/console/screenshot").path("get");
        assertThat(shot.path("operationId").asText()).isEqualTo("getServerScreenshot");
        assertThat(shot.path("responses").path("200").path("content").has("image/png")).isTrue();
    }

    /** A console socket as an API client opens it: panel token on the upgrade, the ticket as the first message. */
    static final class Socket implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        static Socket open(String token, UUID server, String path, String ticket) throws Exception {
            Socket socket = new Socket();
            int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("quarkus.http.test-port", Integer.class);
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/servers/" + server + "/console/"
                            + path), socket)
                    .get(10, TimeUnit.SECONDS);
            ws.sendText("{\"ticket\":\"" + ticket + "\"}", true).get(5, TimeUnit.SECONDS);
            return socket;
        }

        /** Everything the socket said as text, once it closed (at most 15 s). */
        String await() throws Exception {
            closed.get(15, TimeUnit.SECONDS);
            return String.join("\n", texts);
        }

        int closeCode() throws Exception {
            return closed.get(15, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            texts.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
