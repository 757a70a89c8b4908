package io.innkeeper.api;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.console.ConsoleSessions;
import io.innkeeper.orders.console.ConsoleTickets;

/**
 * The console's WebSocket, for the server pages and API clients alike: the first message is the ticket
 * ({@code {"ticket":"ikc_..."}}), redeemed before anything is joined to the guest; then binary messages are keyboard
 * input and binary messages back are the console's output. Text messages back say how the console stands:
 * {@code {"state":"open"}}, then {@code {"state":"ended","message":...}} or {@code {"state":"refused","message":...}}
 * just before the socket closes. {@code {"resize":...}} is accepted and changes nothing: a serial line has no window
 * size (run {@code stty rows R cols C} in the guest). The upgrade needs a signed-in person (the page's session or an
 * API token, read by {@link ConsoleUpgrade}), and the ticket must be that person's.
 */
@WebSocket(path = "/api/v1/servers/{id}/console/socket")
public class ConsoleSocket {

    private static final Logger LOG = Logger.getLogger(ConsoleSocket.class);
    /** Policy violation: the ticket was refused or input came before it. */
    private static final int REFUSED = 1008;
    private static final int ENDED = 1000;
    /** A control message is a ticket or a resize, never long. */
    private static final int MAX_TEXT = 512;

    /** Each open socket's console session, by connection id. */
    private static final Map<String, UUID> SESSIONS = new ConcurrentHashMap<>();

    @Inject
    ConsoleTickets tickets;

    @Inject
    ConsoleSessions sessions;

    @Inject
    ObjectMapper json;

    @OnTextMessage
    public void onText(String message, WebSocketConnection connection) {
        if (SESSIONS.containsKey(connection.id())) {
            return; // a resize, or anything else a terminal may send: nothing for a serial line
        }
        String ticket = ticketOf(message);
        UUID serverId;
        try {
            serverId = UUID.fromString(connection.pathParam("id"));
        } catch (IllegalArgumentException e) {
            refuse(connection, "There is no such server.");
            return;
        }
        ConsoleTickets.Grant grant;
        try {
            grant = tickets.redeem(ticket, serverId, connection.userData().get(ConsoleUpgrade.LOGIN));
        } catch (ConsoleTickets.Refused e) {
            refuse(connection, e.getMessage());
            return;
        }
        String ip = connection.handshakeRequest().remoteAddress();
        Actor actor = new Actor(grant.login(), grant.admin() ? null : grant.tenantId(), ip, null);
        try {
            UUID session = sessions.open(grant, actor, new Client(connection));
            SESSIONS.put(connection.id(), session);
            if (!connection.isOpen()) {
                SESSIONS.remove(connection.id());
                sessions.closed(session);
                return;
            }
            connection.sendTextAndAwait(state("open", null));
        } catch (ConsoleSessions.Unavailable e) {
            end(connection, "ended", e.getMessage(), ENDED);
        }
    }

    @OnBinaryMessage
    public void onBinary(Buffer input, WebSocketConnection connection) {
        UUID session = SESSIONS.get(connection.id());
        if (session == null) {
            refuse(connection, "Send the console ticket first.");
            return;
        }
        sessions.input(session, input.getBytes());
    }

    /** A callback that failed: the person hears that the console closed, the log says why. */
    @io.quarkus.websockets.next.OnError
    public void onError(Throwable failure, WebSocketConnection connection) {
        LOG.warnf(failure, "console socket %s failed", connection.id());
        end(connection, "ended", "The console closed because of an error in the panel.", 1011);
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        UUID session = SESSIONS.remove(connection.id());
        if (session != null) {
            sessions.closed(session);
        }
    }

    private String ticketOf(String message) {
        if (message == null || message.length() > MAX_TEXT) {
            return null;
        }
        try {
            JsonNode node = json.readTree(message);
            return node != null && node.path("ticket").isTextual() ? node.path("ticket").asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static void refuse(WebSocketConnection connection, String message) {
        end(connection, "refused", message, REFUSED);
    }

    private static void end(WebSocketConnection connection, String state, String message, int code) {
        connection.sendText(state(state, message))
                .chain(() -> connection.close(new CloseReason(code, state)))
                .subscribe().with(v -> { }, e -> LOG.infof("console socket %s: %s", connection.id(), e));
    }

    private static String state(String state, String message) {
        com.fasterxml.jackson.databind.node.ObjectNode node = new ObjectMapper().createObjectNode().put("state", state);
        if (message != null) {
            node.put("message", message);
        }
        return node.toString();
    }

    /** Hands the console's output and end to the socket without waiting for the browser. */
    private static final class Client implements ConsoleSessions.Client {
        private final WebSocketConnection connection;

        Client(WebSocketConnection connection) {
            this.connection = connection;
        }

        @Override
        public void output(byte[] bytes) {
            connection.sendBinary(Buffer.buffer(bytes)).subscribe()
                    .with(v -> { }, e -> LOG.infof("console output to %s lost: %s", connection.id(), e));
        }

        @Override
        public void ended(String reason) {
            SESSIONS.remove(connection.id());
            end(connection, "ended", reason, ENDED);
        }
    }
}
