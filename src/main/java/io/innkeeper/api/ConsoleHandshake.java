package io.innkeeper.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.console.ConsoleKind;
import io.innkeeper.orders.console.ConsoleSessions;
import io.innkeeper.orders.console.ConsoleTickets;

/**
 * The handshake both console sockets share ({@link ConsoleSocket}, {@link VncSocket}): the first text message is
 * the ticket ({@code {"ticket":"ik..._..."}}), redeemed for this server, this person and this kind of console before
 * anything is joined to the guest; then binary messages go to the console session, until either side closes. Until
 * the console is open, text messages back say how it stands ({@code {"state":"refused"|"ended","message":...}}, then
 * the close, whose reason repeats the message within the 123 bytes a close frame allows).
 */
final class ConsoleHandshake {

    /** Policy violation: the ticket was refused or input came before it. */
    static final int REFUSED = 1008;
    static final int ENDED = 1000;
    static final int FAILED = 1011;
    /** A control message is a ticket or a resize, never long. */
    private static final int MAX_TEXT = 512;
    /** A close frame's reason is at most 123 bytes of UTF-8. */
    private static final int MAX_REASON = 120;
    private static final ObjectMapper STATES = new ObjectMapper();

    /** A console joined to a socket: it takes the session's output, and learns when the session is in place. */
    interface Joined extends ConsoleSessions.Client {
        /** The session is registered: input from the browser now finds it. */
        void ready();
    }

    private final ConsoleKind kind;
    private final Logger log;
    /** Each open socket's console session, by connection id. */
    private final Map<String, UUID> open = new ConcurrentHashMap<>();

    ConsoleHandshake(ConsoleKind kind, Logger log) {
        this.kind = kind;
        this.log = log;
    }

    /** Whether this connection's console is open (later text is not a ticket). */
    boolean isOpen(WebSocketConnection connection) {
        return open.containsKey(connection.id());
    }

    /** Redeems the ticket in {@code message} and opens the console, or refuses with the reason. */
    void ticket(String message, WebSocketConnection connection, ConsoleTickets tickets, ConsoleSessions sessions,
            ObjectMapper json, Function<WebSocketConnection, Joined> join) {
        UUID serverId;
        try {
            serverId = UUID.fromString(connection.pathParam("id"));
        } catch (IllegalArgumentException e) {
            end(connection, "refused", "There is no such server.", REFUSED);
            return;
        }
        ConsoleTickets.Grant grant;
        try {
            grant = tickets.redeem(ticketOf(message, json), serverId,
                    connection.userData().get(ConsoleUpgrade.LOGIN), kind);
        } catch (ConsoleTickets.Refused e) {
            end(connection, "refused", e.getMessage(), REFUSED);
            return;
        }
        Actor actor = new Actor(grant.login(), grant.admin() ? null : grant.tenantId(),
                connection.handshakeRequest().remoteAddress(), null);
        try {
            Joined client = join.apply(connection);
            UUID session = sessions.open(grant, actor, client);
            open.put(connection.id(), session);
            if (!connection.isOpen()) {
                open.remove(connection.id());
                sessions.closed(session);
                return;
            }
            client.ready();
        } catch (ConsoleSessions.Unavailable e) {
            end(connection, "ended", e.getMessage(), ENDED);
        }
    }

    /** Input for the console, refused before the ticket. */
    void input(Buffer input, WebSocketConnection connection, ConsoleSessions sessions) {
        UUID session = open.get(connection.id());
        if (session == null) {
            end(connection, "refused", "Send the console ticket first.", REFUSED);
            return;
        }
        sessions.input(session, input.getBytes());
    }

    /** The socket closed, from either side: the console session ends too. */
    void closed(WebSocketConnection connection, ConsoleSessions sessions) {
        UUID session = open.remove(connection.id());
        if (session != null) {
            sessions.closed(session);
        }
    }

    /** The console session ended on its own: the socket no longer belongs to it. */
    void forget(WebSocketConnection connection) {
        open.remove(connection.id());
    }

    /** A text message saying how the console stands, then the close. */
    void end(WebSocketConnection connection, String state, String message, int code) {
        connection.sendText(state(state, message))
                .chain(() -> connection.close(new CloseReason(code, reason(message))))
                .subscribe().with(v -> { }, e -> log.infof("console socket %s: %s", connection.id(), e));
    }

    /** The close alone, for a socket whose messages are the console's own protocol by now. */
    void close(WebSocketConnection connection, int code, String message) {
        connection.close(new CloseReason(code, reason(message))).subscribe()
                .with(v -> { }, e -> log.infof("console socket %s: %s", connection.id(), e));
    }

    static String state(String state, String message) {
        ObjectNode node = STATES.createObjectNode().put("state", state);
        if (message != null) {
            node.put("message", message);
        }
        return node.toString();
    }

    static String reason(String message) {
        if (message == null) {
            return "";
        }
        if (message.getBytes(StandardCharsets.UTF_8).length <= MAX_REASON) {
            return message;
        }
        String cut = message;
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_REASON - 1) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    private static String ticketOf(String message, ObjectMapper json) {
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
}
