package io.innkeeper.api;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;

import io.innkeeper.orders.console.ConsoleKind;
import io.innkeeper.orders.console.ConsoleSessions;
import io.innkeeper.orders.console.ConsoleTickets;

/**
 * The console's WebSocket, for the server pages and API clients alike: the first message is the ticket
 * ({@code {"ticket":"ikc_..."}}), redeemed before anything is joined to the guest ({@link ConsoleHandshake}); then
 * binary messages are keyboard input and binary messages back are the console's output. Text messages back say how
 * the console stands: {@code {"state":"open"}}, then {@code {"state":"ended","message":...}} or
 * {@code {"state":"refused","message":...}} just before the socket closes. {@code {"resize":...}} is accepted and
 * changes nothing: a serial line has no window size (run {@code stty rows R cols C} in the guest). The upgrade needs
 * a signed-in person (the page's session or an API token, read by {@link ConsoleUpgrade}), and the ticket must be
 * that person's.
 */
@WebSocket(path = "/api/v1/servers/{id}/console/socket")
public class ConsoleSocket {

    private static final Logger LOG = Logger.getLogger(ConsoleSocket.class);
    private static final ConsoleHandshake HANDSHAKE = new ConsoleHandshake(ConsoleKind.SERIAL, LOG);

    @Inject
    ConsoleTickets tickets;

    @Inject
    ConsoleSessions sessions;

    @Inject
    ObjectMapper json;

    @OnTextMessage
    public void onText(String message, WebSocketConnection connection) {
        if (HANDSHAKE.isOpen(connection)) {
            return; // a resize, or anything else a terminal may send: nothing for a serial line
        }
        HANDSHAKE.ticket(message, connection, tickets, sessions, json, Client::new);
    }

    @OnBinaryMessage
    public void onBinary(Buffer input, WebSocketConnection connection) {
        HANDSHAKE.input(input, connection, sessions);
    }

    /** A callback that failed: the person hears that the console closed, the log says why. */
    @io.quarkus.websockets.next.OnError
    public void onError(Throwable failure, WebSocketConnection connection) {
        LOG.warnf(failure, "console socket %s failed", connection.id());
        HANDSHAKE.end(connection, "ended", "The console closed because of an error in the panel.",
                ConsoleHandshake.FAILED);
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        HANDSHAKE.closed(connection, sessions);
    }

    /** Hands the console's output and end to the socket without waiting for the browser. */
    private static final class Client implements ConsoleHandshake.Joined {
        private final WebSocketConnection connection;

        Client(WebSocketConnection connection) {
            this.connection = connection;
        }

        @Override
        public void ready() {
            connection.sendTextAndAwait(ConsoleHandshake.state("open", null));
        }

        @Override
        public void output(byte[] bytes) {
            connection.sendBinary(Buffer.buffer(bytes)).subscribe()
                    .with(v -> { }, e -> LOG.infof("console output to %s lost: %s", connection.id(), e));
        }

        @Override
        public void ended(String reason) {
            HANDSHAKE.forget(connection);
            HANDSHAKE.end(connection, "ended", reason, ConsoleHandshake.ENDED);
        }
    }
}
