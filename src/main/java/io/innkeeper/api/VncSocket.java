package io.innkeeper.api;

import java.nio.charset.StandardCharsets;
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
import io.innkeeper.orders.console.ConsoleKind;
import io.innkeeper.orders.console.ConsoleSessions;
import io.innkeeper.orders.console.ConsoleTickets;

/**
 * The graphical console's WebSocket: the same ticket handshake as the serial console's ({@link ConsoleSocket}),
 * with a {@code vnc} ticket, then the VM's VNC display (RFB) in binary messages both ways, joined by the panel over
 * TCP and spoken by noVNC in the browser. Until the console is open, text messages say how it stands
 * ({@code {"state":"open"}}, or {@code refused}/{@code ended} with a message, then the close). Once RFB flows, no
 * text comes any more (noVNC reads every message as RFB): the end is the close frame, whose reason says why.
 */
@WebSocket(path = "/api/v1/servers/{id}/console/vnc")
public class VncSocket {

    private static final Logger LOG = Logger.getLogger(VncSocket.class);
    private static final int REFUSED = 1008;
    private static final int ENDED = 1000;
    private static final int MAX_TEXT = 512;
    /** A close frame's reason is at most 123 bytes of UTF-8. */
    private static final int MAX_REASON = 120;

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
            return;
        }
        UUID serverId;
        try {
            serverId = UUID.fromString(connection.pathParam("id"));
        } catch (IllegalArgumentException e) {
            refuse(connection, "There is no such server.");
            return;
        }
        ConsoleTickets.Grant grant;
        try {
            grant = tickets.redeem(ticketOf(message), serverId, connection.userData().get(ConsoleUpgrade.LOGIN),
                    ConsoleKind.VNC);
        } catch (ConsoleTickets.Refused e) {
            refuse(connection, e.getMessage());
            return;
        }
        Actor actor = new Actor(grant.login(), grant.admin() ? null : grant.tenantId(),
                connection.handshakeRequest().remoteAddress(), null);
        try {
            Client client = new Client(connection);
            UUID session = sessions.open(grant, actor, client);
            SESSIONS.put(connection.id(), session);
            if (!connection.isOpen()) {
                SESSIONS.remove(connection.id());
                sessions.closed(session);
                return;
            }
            client.ready();
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

    @io.quarkus.websockets.next.OnError
    public void onError(Throwable failure, WebSocketConnection connection) {
        LOG.warnf(failure, "graphical console socket %s failed", connection.id());
        close(connection, 1011, "The console closed because of an error in the panel.");
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

    /** Before RFB flows: a text message saying why, then the close. */
    private static void end(WebSocketConnection connection, String state, String message, int code) {
        connection.sendText(new ObjectMapper().createObjectNode().put("state", state).put("message", message)
                .toString()).chain(() -> connection.close(new CloseReason(code, reason(message))))
                .subscribe().with(v -> { }, e -> LOG.infof("graphical console socket %s: %s", connection.id(), e));
    }

    private static void close(WebSocketConnection connection, int code, String message) {
        connection.close(new CloseReason(code, reason(message))).subscribe()
                .with(v -> { }, e -> LOG.infof("graphical console socket %s: %s", connection.id(), e));
    }

    static String reason(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON) {
            return message;
        }
        String cut = message;
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_REASON - 1) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /**
     * The display's bytes to the browser. They are held until the session is put in {@link #SESSIONS} (the
     * browser answers the first of them, and its answer must find the session), then the {@code open} state goes
     * out, then everything held, in order.
     */
    private static final class Client implements ConsoleSessions.Client {
        private final WebSocketConnection connection;
        private java.util.List<byte[]> held = new java.util.ArrayList<>();

        Client(WebSocketConnection connection) {
            this.connection = connection;
        }

        @Override
        public void output(byte[] bytes) {
            synchronized (this) {
                if (held != null) {
                    held.add(bytes);
                    return;
                }
            }
            send(bytes);
        }

        synchronized void ready() {
            connection.sendText("{\"state\":\"open\"}").subscribe()
                    .with(v -> { }, e -> LOG.infof("graphical console %s: %s", connection.id(), e));
            held.forEach(this::send);
            held = null;
        }

        private void send(byte[] bytes) {
            connection.sendBinary(Buffer.buffer(bytes)).subscribe()
                    .with(v -> { }, e -> LOG.infof("display output to %s lost: %s", connection.id(), e));
        }

        @Override
        public void ended(String reason) {
            SESSIONS.remove(connection.id());
            boolean open;
            synchronized (this) {
                open = held == null;
            }
            if (open) {
                close(connection, ENDED, reason);
            } else {
                end(connection, "ended", reason, ENDED);
            }
        }
    }
}
