package io.innkeeper.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server in front of the real one (the GreenMail the test run started) that a test steers. It passes SMTP
 * through line by line, or refuses messages (a {@code 451} "try again later", or a {@code 550} for good, to the
 * sender's {@code MAIL FROM}, on a new or a pooled connection alike), or holds one message at the moment a test needs to kill its sender:
 * <ul>
 * <li>{@link Hold#BEFORE_END}: the sender has written the whole message, the relay keeps back its final {@code .}, so
 * the server has not taken it (and drops it when the connection closes);</li>
 * <li>{@link Hold#AFTER_ACCEPT}: the relay passes the final {@code .} on, the server accepts the message, and the
 * relay keeps the server's {@code 250} from the sender, which so never learns that it was taken.</li>
 * </ul>
 * {@link #close()} closes every connection.
 */
public final class SmtpRelay implements AutoCloseable {

    /** Where in a message the relay holds it. */
    public enum Hold {
        BEFORE_END,
        AFTER_ACCEPT
    }

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Long> mailCommands = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger ends = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String refusal = REFUSE_FOR_NOW;
    private volatile Hold hold;
    private volatile int holdAt;
    private volatile String heldMessageId;

    private SmtpRelay(String upstreamHost, int upstreamPort) {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("smtp-relay-" + port()).start(this::acceptLoop);
    }

    /** A relay to the test run's mail server ({@code INNKEEPER_SMTP_HOST}/{@code INNKEEPER_SMTP_PORT}). */
    public static SmtpRelay toTestMailServer() {
        String host = System.getenv().getOrDefault("INNKEEPER_SMTP_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("INNKEEPER_SMTP_PORT", "3025"));
        return new SmtpRelay(host, port);
    }

    public int port() {
        return server.getLocalPort();
    }

    private static final String REFUSE_FOR_NOW = "451 4.3.0 Mail server busy, try again later\r\n";
    private static final String REFUSE_FOR_GOOD = "550 5.1.1 Mailbox unavailable\r\n";

    /** Refuses the next {@code count} messages with a 451 ({@link Integer#MAX_VALUE}: all of them). */
    public SmtpRelay refuse(int count) {
        refusal = REFUSE_FOR_NOW;
        refusals.set(count);
        return this;
    }

    /** Refuses the next {@code count} messages for good, with a 550. */
    public SmtpRelay refuseForGood(int count) {
        refusal = REFUSE_FOR_GOOD;
        refusals.set(count);
        return this;
    }

    /** Holds the {@code n}-th message to end from now on (1: the next) at {@code where}. */
    public SmtpRelay hold(int n, Hold where) {
        holdAt = ends.get() + n;
        hold = where;
        return this;
    }

    /** Waits until a message is held; answers its Message-ID header. */
    public String awaitHeld(Duration timeout) throws InterruptedException {
        if (!held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no message reached the hold within " + timeout + " (" + ends.get()
                    + " messages ended)");
        }
        return heldMessageId;
    }

    /** How many messages the senders have ended (written their final {@code .}), the held one included. */
    public int messagesEnded() {
        return ends.get();
    }

    /** When each message was begun ({@code MAIL FROM}), in {@link System#nanoTime()} terms, oldest first. */
    public List<Long> mailCommandTimes() {
        return List.copyOf(mailCommands);
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(SmtpRelay::closeQuietly);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                connections.incrementAndGet();
                Thread.ofPlatform().daemon().name("smtp-relay-conn").start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            Socket upstream = new Socket(upstreamHost, upstreamPort);
            sockets.add(upstream);
            Session session = new Session(client, upstream);
            Thread.ofPlatform().daemon().name("smtp-relay-replies").start(session::replies);
            session.commands();
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** One sender's connection and the relay's own connection to the server. */
    private final class Session {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean inData;
        private volatile boolean withholdNextReply;
        private String messageId;

        Session(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** The sender's commands and message text, passed to the server. */
        void commands() {
            try (InputStream in = new BufferedInputStream(client.getInputStream())) {
                OutputStream out = upstream.getOutputStream();
                byte[] line;
                while ((line = readLine(in)) != null) {
                    String text = new String(line, StandardCharsets.ISO_8859_1);
                    if (inData && messageId == null && text.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                        messageId = text.substring(11).strip();
                    }
                    if (!inData && text.regionMatches(true, 0, "MAIL FROM:", 0, 10)) {
                        mailCommands.add(System.nanoTime());
                        if (refusals.getAndUpdate(n -> n == Integer.MAX_VALUE || n == 0 ? n : n - 1) > 0) {
                            // The server never sees this message; the sender resets or quits, which passes on.
                            reply(refusal);
                            continue;
                        }
                    }
                    if (inData && text.equals(".\r\n")) {
                        inData = false;
                        String id = messageId;
                        messageId = null;
                        int n = ends.incrementAndGet();
                        if (n == holdAt && hold == Hold.BEFORE_END) {
                            heldMessageId = id;
                            held.countDown();
                            parkUntilClosed(); // the end never reaches the server, which drops the message
                            return;
                        }
                        if (n == holdAt && hold == Hold.AFTER_ACCEPT) {
                            heldMessageId = id;
                            withholdNextReply = true;
                        }
                    }
                    out.write(line);
                    out.flush();
                }
            } catch (IOException e) {
                // a side closed: end the session
            }
            closeQuietly(upstream);
            closeQuietly(client);
        }

        /** The server's replies, passed to the sender, except the one a hold keeps back. */
        void replies() {
            try (InputStream in = new BufferedInputStream(upstream.getInputStream())) {
                OutputStream out = client.getOutputStream();
                byte[] line;
                while ((line = readLine(in)) != null) {
                    String text = new String(line, StandardCharsets.ISO_8859_1);
                    if (text.startsWith("354")) {
                        inData = true; // before the sender can read it, so its text is seen as message text
                    }
                    if (withholdNextReply && text.length() > 3 && text.charAt(3) == ' ') {
                        if (!text.startsWith("250")) {
                            throw new IllegalStateException("the server did not accept the held message: " + text);
                        }
                        held.countDown();
                        parkUntilClosed(); // the sender never hears the 250
                        return;
                    }
                    synchronized (client) {
                        out.write(line);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // a side closed: end the session
            }
        }

        /** An answer of the relay's own to the sender (GreenMail does not pipeline, so none is pending). */
        private void reply(String text) throws IOException {
            synchronized (client) {
                client.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
                client.getOutputStream().flush();
            }
        }
    }

    private void parkUntilClosed() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** For failure messages: the relay's counts. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("port " + port());
        parts.add(connections.get() + " connections");
        parts.add(ends.get() + " messages ended");
        return "SmtpRelay(" + String.join(", ", parts) + ")";
    }
}
