package io.innkeeper.provisioning;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;

import io.innkeeper.provisioning.driver.ConsoleSink;
import io.innkeeper.provisioning.driver.ConsoleStream;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.VncDisplay;

/**
 * The TCP side of the graphical console: a non-blocking Vert.x connection to a VM's VNC display, whose bytes (RFB)
 * go to a {@link ConsoleSink} from the event loop and whose input is written without waiting. The panel does not
 * read RFB: the browser's noVNC speaks it end to end.
 */
@ApplicationScoped
public class VncProxy {

    @Inject
    Vertx vertx;

    private volatile NetClient client;

    /**
     * Connects within {@code limit}; {@link DriverException.Transient} when the display does not answer. The socket's
     * handlers are set on its event loop as the connection completes: a VNC server speaks first (its protocol
     * version), and Vert.x drops what a socket reads before it has a handler, so handlers set later from the waiting
     * thread would lose the greeting whenever that thread woke late, and noVNC would wait for it forever.
     */
    public ConsoleStream connect(VncDisplay display, ConsoleSink sink, Duration limit) {
        Future<Link> linking = client(limit).connect(display.port(), display.host()).map(s -> new Link(s, sink));
        try {
            return linking.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            linking.onSuccess(Link::close);
            throw new DriverException.Transient("cannot reach the VNC display at " + display.host() + ":"
                    + display.port() + ": " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            linking.onSuccess(Link::close);
            Thread.currentThread().interrupt();
            throw new DriverException.Transient("interrupted while reaching the VNC display", e);
        }
    }

    private NetClient client(Duration limit) {
        NetClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createNetClient(new NetClientOptions()
                            .setConnectTimeout((int) limit.toMillis()).setTcpNoDelay(true));
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    /** One browser's connection to one display. */
    private static final class Link implements ConsoleStream {
        private final NetSocket socket;
        private final AtomicBoolean over = new AtomicBoolean();

        Link(NetSocket socket, ConsoleSink sink) {
            this.socket = socket;
            socket.handler(buffer -> sink.output(buffer.getBytes()));
            socket.exceptionHandler(e -> socket.close());
            socket.closeHandler(v -> {
                if (over.compareAndSet(false, true)) {
                    sink.ended("The server's display closed: the server stopped, or its host ended the connection.");
                }
            });
        }

        @Override
        public void send(byte[] bytes) {
            if (over.get()) {
                throw new DriverException.Transient("the VNC connection is closed", null);
            }
            socket.write(Buffer.buffer(bytes));
        }

        @Override
        public void close() {
            if (over.compareAndSet(false, true)) {
                socket.close();
            }
        }
    }
}
