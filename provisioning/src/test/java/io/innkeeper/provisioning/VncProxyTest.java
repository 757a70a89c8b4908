package io.innkeeper.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.provisioning.driver.ConsoleSink;
import io.innkeeper.provisioning.driver.ConsoleStream;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.driver.VncDisplay;

/**
 * The graphical console's TCP side against a socket server that speaks first, as a VNC server does (its protocol
 * version, the moment it accepts): every connection hands that greeting to the sink, none loses it to a handler set
 * too late; input reaches the server; a server that closes ends the console once. The proxy is the panel's own
 * bean, as the graphical console uses it.
 */
@QuarkusTest
class VncProxyTest {

    private static final byte[] GREETING = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);
    private static final Duration LIMIT = Duration.ofSeconds(5);

    @Inject
    VncProxy proxy;

    ServerSocket server;
    /**
     * The display's side runs on a thread of its own: the common pool has one thread on a 2-core machine, and a task
     * another test left there would keep the display from ever accepting.
     */
    ExecutorService displays;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        displays = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        displays.shutdownNow();
    }

    @Test
    void everyConnectionGetsTheGreetingTheDisplaySendsAtOnce() throws Exception {
        int connections = 200;
        java.util.concurrent.atomic.AtomicInteger greeted = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Void> greeter = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < connections; i++) {
                try (Socket s = server.accept()) {
                    greeted.incrementAndGet();
                    s.getOutputStream().write(GREETING);
                    s.getOutputStream().flush();
                    s.getInputStream().read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, displays);
        VncDisplay display = new VncDisplay("127.0.0.1", server.getLocalPort());
        for (int i = 0; i < connections; i++) {
            Sink sink = new Sink();
            ConsoleStream stream = proxy.connect(display, sink, LIMIT);
            byte[] got = sink.output.poll(5, TimeUnit.SECONDS);
            assertThat(got).as("the greeting on connection %d (the display greeted %d, server %s, ended %s)", i,
                    greeted.get(), server.getLocalSocketAddress(), sink.ended.peek())
                    .isEqualTo(GREETING);
            stream.send(new byte[] {1});
            stream.close();
        }
        greeter.get(10, TimeUnit.SECONDS);
    }

    @Test
    void inputReachesTheDisplayAndItsCloseEndsTheConsoleOnce() throws Exception {
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept()) {
                OutputStream out = s.getOutputStream();
                out.write(GREETING);
                out.flush();
                InputStream in = s.getInputStream();
                return in.readNBytes(3);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, displays);
        Sink sink = new Sink();
        ConsoleStream stream = proxy.connect(new VncDisplay("127.0.0.1", server.getLocalPort()), sink, LIMIT);
        stream.send(new byte[] {3, 1, 4});
        assertThat(received.get(5, TimeUnit.SECONDS)).containsExactly(3, 1, 4);
        assertThat(sink.ended.poll(5, TimeUnit.SECONDS)).contains("display closed");
        assertThat(sink.ended.poll(200, TimeUnit.MILLISECONDS)).as("ended once").isNull();
        assertThatThrownBy(() -> stream.send(new byte[] {9})).isInstanceOf(DriverException.Transient.class);
    }

    @Test
    void aDisplayNobodyListensOnIsATransientFailure() throws Exception {
        int port = server.getLocalPort();
        server.close();
        assertThatThrownBy(() -> proxy.connect(new VncDisplay("127.0.0.1", port), new Sink(), LIMIT))
                .isInstanceOf(DriverException.Transient.class).hasMessageContaining("127.0.0.1:" + port);
    }

    private static final class Sink implements ConsoleSink {
        final BlockingQueue<byte[]> output = new ArrayBlockingQueue<>(16);
        final BlockingQueue<String> ended = new ArrayBlockingQueue<>(4);

        @Override
        public void output(byte[] bytes) {
            output.add(bytes);
        }

        @Override
        public void ended(String reason) {
            ended.add(reason);
        }
    }
}
