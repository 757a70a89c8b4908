package io.innkeeper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.account.TokenScope;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.MemberRole;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * Console tickets through the API and the console socket, as an API client uses them: one ticket, for its
 * person, its server, once and in time. Every refusal happens before a console session exists, so nothing reaches a
 * guest: the count of console sessions stays where it was. The test driver's node has no consoles, so a good
 * ticket gets as far as the node and hears that plainly.
 */
@QuarkusTest
class ConsoleTicketApiTest {

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
        Fixtures.Catalog catalog = fixtures.catalog();
        alice = api.customer("console");
        server = running(alice, catalog);
    }

    private UUID running(ApiFixtures.Client client, Fixtures.Catalog catalog) {
        UUID id = servers.order(client.tenant(), catalog, Fixtures.hostname("console"));
        await().atMost(Duration.ofSeconds(20)).until(() -> servers.status(id) == GuestStatus.RUNNING);
        return id;
    }

    @Test
    void ticketReachesTheNodeOnceAndIsRefusedWhenReused() throws Exception {
        var answer = alice.api().post("/api/v1/servers/" + server + "/console").then().statusCode(201).extract();
        String ticket = answer.path("ticket");
        assertThat(ticket).startsWith("ikc_").hasSizeLessThanOrEqualTo(64);
        assertThat((String) answer.path("url")).startsWith("ws://").endsWith("/api/v1/servers/" + server
                + "/console/socket");
        assertThat((String) answer.path("expiresAt")).isNotBlank();
        assertThat(api.rows("console_ticket where token_hash = '" + ticket + "'")).as("only the hash is kept")
                .isZero();

        long sessions = api.rows("console_session");
        Socket first = Socket.open(alice.token(), server, ticket);
        assertThat(first.await()).contains("\"state\":\"ended\"")
                .contains("This server's host cannot open an interactive console.");
        assertThat(api.rows("console_session")).as("the good ticket opened a session, on a node without consoles")
                .isEqualTo(sessions + 1);

        Socket again = Socket.open(alice.token(), server, ticket);
        assertThat(again.await()).contains("\"state\":\"refused\"").contains("used already");
        assertThat(again.closeCode()).isEqualTo(1008);
        assertThat(api.rows("console_session")).isEqualTo(sessions + 1);
    }

    @Test
    void expiredTicketIsRefused() throws Exception {
        String ticket = alice.api().post("/api/v1/servers/" + server + "/console").then().statusCode(201).extract()
                .path("ticket");
        api.sql("update console_ticket set expires_at = now() - interval '1 second' where server_id = ?1", server);
        long sessions = api.rows("console_session");
        assertThat(Socket.open(alice.token(), server, ticket).await()).contains("\"state\":\"refused\"")
                .contains("expired");
        assertThat(api.rows("console_session")).isEqualTo(sessions);
    }

    @Test
    void anotherServersTicketIsRefused() throws Exception {
        UUID other = running(alice, fixtures.catalog());
        String ticket = alice.api().post("/api/v1/servers/" + other + "/console").then().statusCode(201).extract()
                .path("ticket");
        long sessions = api.rows("console_session");
        assertThat(Socket.open(alice.token(), server, ticket).await()).contains("\"state\":\"refused\"")
                .contains("another server or another person");
        assertThat(api.rows("console_session")).isEqualTo(sessions);
    }

    @Test
    void anotherTenantsServerAndTicketAreRefused() throws Exception {
        ApiFixtures.Client mallory = api.customer("console-other");
        UUID theirs = running(mallory, fixtures.catalog());
        alice.api().post("/api/v1/servers/" + theirs + "/console").then().statusCode(404);

        String ticket = mallory.api().post("/api/v1/servers/" + theirs + "/console").then().statusCode(201)
                .extract().path("ticket");
        long sessions = api.rows("console_session");
        // Alice holds Mallory's ticket (it leaked): it is Mallory's, not hers, on Mallory's server or her own.
        assertThat(Socket.open(alice.token(), theirs, ticket).await()).contains("\"state\":\"refused\"");
        assertThat(api.rows("console_session")).isEqualTo(sessions);
    }

    @Test
    void readOnlyMemberGetsNoTicket() {
        String login = "console-ro-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.member(login, alice.tenant(), MemberRole.READ_ONLY);
        String token = api.token(login, alice.tenant(), TokenScope.WRITE, null);
        long tickets = api.rows("console_ticket");
        ApiFixtures.Client readOnly = new ApiFixtures.Client(alice.tenant(), login, token);
        readOnly.api().post("/api/v1/servers/" + server + "/console").then().statusCode(403)
                .contentType("application/problem+json");
        assertThat(api.rows("console_ticket")).isEqualTo(tickets);
    }

    @Test
    void suspendedAccountGetsNoTicketAndCannotUseOneFromBefore() throws Exception {
        String before = alice.api().post("/api/v1/servers/" + server + "/console").then().statusCode(201)
                .extract().path("ticket");
        api.sql("update tenant set status = 'SUSPENDED' where id = ?1", alice.tenant());
        try {
            String detail = alice.api().post("/api/v1/servers/" + server + "/console").then().statusCode(403)
                    .extract().path("detail");
            assertThat(detail).contains("suspended");
            long sessions = api.rows("console_session");
            assertThat(Socket.open(alice.token(), server, before).await()).contains("\"state\":\"refused\"")
                    .contains("suspended");
            assertThat(api.rows("console_session")).isEqualTo(sessions);
        } finally {
            api.sql("update tenant set status = 'ACTIVE' where id = ?1", alice.tenant());
        }
    }

    @Test
    void keysBeforeTheTicketCloseTheSocket() throws Exception {
        Socket socket = Socket.connect(alice.token(), server);
        socket.ws.sendBinary(ByteBuffer.wrap("ls\r".getBytes()), true).get(5, TimeUnit.SECONDS);
        assertThat(socket.await()).contains("\"state\":\"refused\"").contains("ticket first");
        assertThat(socket.closeCode()).isEqualTo(1008);
    }

    @Test
    void openApiDescribesTheConsoleTicket() {
        var op = ApiIsolationTest.openApi().path("paths").path("/api/v1/servers/{id}/console").path("post");
        assertThat(op.path("operationId").asText()).isEqualTo("openServerConsole");
        assertThat(op.path("responses").path("201").path("content").path("application/json").path("schema")
                .toString()).contains("ConsoleTicketView");
    }

    /** A console socket as an API client opens it: panel token on the upgrade, the ticket as the first message. */
    static final class Socket implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws;

        static Socket connect(String token, UUID server) throws Exception {
            Socket socket = new Socket();
            int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("quarkus.http.test-port", Integer.class);
            socket.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/servers/" + server + "/console/socket"),
                            socket)
                    .get(10, TimeUnit.SECONDS);
            return socket;
        }

        static Socket open(String token, UUID server, String ticket) throws Exception {
            Socket socket = connect(token, server);
            socket.ws.sendText("{\"ticket\":\"" + ticket + "\"}", true).get(5, TimeUnit.SECONDS);
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
