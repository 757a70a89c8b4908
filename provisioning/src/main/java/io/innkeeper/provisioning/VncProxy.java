package io.innkeeper.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.innkeeper.provisioning.driver.ConsoleSink;
import io.innkeeper.provisioning.driver.ConsoleStream;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.VncDisplay;

/**
 * The TCP side of the graphical console: a plain socket to a VM's VNC display, read by a virtual thread of its own
 * that hands every chunk to a {@link ConsoleSink} in order, and written by another, so a caller never waits on the
 * display. The panel does not read RFB: the browser's noVNC speaks it end to end.
 *
 * <p>A VNC server speaks first (its protocol version) the moment it accepts. A blocking socket keeps those bytes in
 * its receive buffer until they are read, so none can be lost. (Vert.x's NetSocket drops what it reads before its
 * data handler is set, and when the connection completes off its context the handler is set in a later task: a
 * console then stayed at "Connecting…" now and then under load.)
 */
@ApplicationScoped
public class VncProxy {

    private static final Logger LOG = Logger.getLogger(VncProxy.class);
    private static final int CHUNK = 64 * 1024;

    /** Connects within {@code limit}; {@link DriverException.Transient} when the display does not answer. */
    public ConsoleStream connect(VncDisplay display, ConsoleSink sink, Duration limit) {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(display.host(), display.port()), (int) limit.toMillis());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DriverException.Transient("cannot reach the VNC display at " + display.host() + ":"
                    + display.port() + ": " + e.getMessage(), e);
        }
        Link link = new Link(socket, sink);
        Thread.ofVirtual().name("vnc-read-" + display.host() + ":" + display.port()).start(link::pump);
        return link;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that was left to do.
        }
    }

    /** One browser's connection to one display. */
    private static final class Link implements ConsoleStream {
        private final Socket socket;
        private final ConsoleSink sink;
        private final AtomicBoolean over = new AtomicBoolean();
        /** Input goes out in order, on one virtual thread, without the caller waiting. */
        private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual()
                .name("vnc-write").factory());

        Link(Socket socket, ConsoleSink sink) {
            this.socket = socket;
            this.sink = sink;
        }

        /** Reads the display until it closes, then ends the console once (unless the browser's side closed it). */
        void pump() {
            byte[] buffer = new byte[CHUNK];
            try (InputStream in = socket.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    if (n > 0) {
                        sink.output(Arrays.copyOf(buffer, n));
                    }
                }
            } catch (IOException e) {
                if (!over.get()) {
                    LOG.debugf("VNC display %s: %s", socket.getRemoteSocketAddress(), e.getMessage());
                }
            } finally {
                if (over.compareAndSet(false, true)) {
                    sink.ended("The server's display closed: the server stopped, or its host ended the connection.");
                }
                shut();
            }
        }

        @Override
        public void send(byte[] bytes) {
            if (over.get()) {
                throw new DriverException.Transient("the VNC connection is closed", null);
            }
            try {
                writer.execute(() -> {
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(bytes);
                        out.flush();
                    } catch (IOException e) {
                        closeQuietly(socket); // the reader sees it and ends the console
                    }
                });
            } catch (RejectedExecutionException e) {
                throw new DriverException.Transient("the VNC connection is closed", e);
            }
        }

        @Override
        public void close() {
            if (over.compareAndSet(false, true)) {
                shut();
            }
        }

        private void shut() {
            writer.shutdown();
            closeQuietly(socket);
        }
    }
}
