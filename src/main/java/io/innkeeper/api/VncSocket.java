package io.innkeeper.api;

import java.util.ArrayList;
import java.util.List;

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
 * The graphical console's WebSocket: the same ticket handshake as the serial console's ({@link ConsoleHandshake}),
 * with a {@code vnc} ticket, then the VM's VNC display (RFB) in binary messages both ways, joined by the panel over
 * TCP and spoken by noVNC in the browser. Until the console is open, text messages say how it stands
 * ({@code {"state":"open"}}, or {@code refused}/{@code ended} with a message, then the close). Once RFB flows, no
 * text comes any more (noVNC reads every message as RFB): the end is the close frame, whose reason says why.
 */
@WebSocket(path = "/api/v1/servers/{id}/console/vnc")
public class VncSocket {

    private static final Logger LOG = Logger.getLogger(VncSocket.class);
    private static final ConsoleHandshake HANDSHAKE = new ConsoleHandshake(ConsoleKind.VNC, LOG);

    @Inject
    ConsoleTickets tickets;

    @Inject
    ConsoleSessions sessions;

    @Inject
    ObjectMapper json;

    @OnTextMessage
    public void onText(String message, WebSocketConnection connection) {
        if (!HANDSHAKE.isOpen(connection)) {
            HANDSHAKE.ticket(message, connection, tickets, sessions, json, Client::new);
        }
    }

    @OnBinaryMessage
    public void onBinary(Buffer input, WebSocketConnection connection) {
        HANDSHAKE.input(input, connection, sessions);
    }

    @io.quarkus.websockets.next.OnError
    public void onError(Throwable failure, WebSocketConnection connection) {
        LOG.warnf(failure, "graphical console socket %s failed", connection.id());
        HANDSHAKE.close(connection, ConsoleHandshake.FAILED, "The console closed because of an error in the panel.");
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        HANDSHAKE.closed(connection, sessions);
    }

    /**
     * The display's bytes to the browser. They are held until the session is registered (the browser answers the
     * first of them, and its answer must find the session), then the {@code open} state goes out, then everything
     * held, in order.
     */
    private static final class Client implements ConsoleHandshake.Joined {
        private final WebSocketConnection connection;
        private List<byte[]> held = new ArrayList<>();

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

        @Override
        public synchronized void ready() {
            connection.sendText(ConsoleHandshake.state("open", null)).subscribe()
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
            HANDSHAKE.forget(connection);
            boolean open;
            synchronized (this) {
                open = held == null;
            }
            if (open) {
                HANDSHAKE.close(connection, ConsoleHandshake.ENDED, reason);
            } else {
                HANDSHAKE.end(connection, "ended", reason, ConsoleHandshake.ENDED);
            }
        }
    }
}
