package io.innkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.innkeeper.account.TokenSecrets;
import io.innkeeper.testing.ConsoleNode;
import io.innkeeper.testing.LiveConsoleGuest;

/**
 * The interactive console with packaged panels on one database, as replicas behind a load balancer run, on a real
 * QEMU guest (bin/test's guest image booted as a transient domain on the local libvirtd, with a shell on ttyS0):
 * <ol>
 * <li>a console opened through panel A keeps working while panel B is killed (the session belongs to the replica
 * holding the WebSocket);</li>
 * <li>panel C starts, A (the holder) is killed: the client's socket closes, C's sweep closes A's session at its last
 * sign of life (so the admin's list and the audit are right), and a new ticket through C opens the console again.</li>
 * </ol>
 * Needs what {@link TwoPanelsIT} needs, plus bin/test's libvirtd and guest image (INNKEEPER_REAL_GUESTS=1).
 * Process logs: {@code target/it-logs/console-panel-*.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleTwoPanelsIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** Under TCG the guest's shell is up 5-15 s after boot; a loaded machine gets plenty of slack. */
    private static final Duration SHELL_LIMIT = Duration.ofSeconds(120);
    /** Short, so the test need not wait a minute; far above the 1 s sweep, so a busy panel is not taken for dead. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(10);
    private static final Pattern TICKET = Pattern.compile("\"ticket\"\\s*:\\s*\"([^\"]+)\"");

    private ItDatabase db;
    private PanelProcess a;
    private PanelProcess b;
    private PanelProcess c;
    private UUID server;
    private String apiToken;

    @BeforeAll
    void start() {
        assumeTrue(LiveConsoleGuest.available(), "needs bin/test's libvirtd and guest image (INNKEEPER_REAL_GUESTS=1)");
        db = ItDatabase.createFresh();
        a = panel("console-panel-A").start();
        b = panel("console-panel-B").start();
        a.awaitReady(STARTUP);
        b.awaitReady(STARTUP);
        server = runningServerOnTheLocalLibvirtd();
        LiveConsoleGuest.bootTransient(server);
        apiToken = apiToken("erin");
    }

    @AfterAll
    void stop() {
        for (PanelProcess p : new PanelProcess[] { a, b, c }) {
            if (p != null) {
                p.close();
            }
        }
        if (server != null) {
            LiveConsoleGuest.destroyTransient(server);
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void consoleOutlivesTheOtherReplicaAndReconnectsThroughTheSurvivor() throws Exception {
        Socket first = Socket.open(a, apiToken, server, ticket(a));
        first.awaitState("open");
        typeUntilAnswered(first, "first");
        UUID firstSession = onlyOpenSession();

        // B dies: A holds the socket and the console, which carries on.
        b.kill();
        typeUntilAnswered(first, "afterB");
        assertThat(first.closed).as("the socket through A after B died").isNotDone();
        assertThat(onlyOpenSession()).isEqualTo(firstSession);

        // A, the holder, dies; C is the survivor.
        c = panel("console-panel-C").start();
        c.awaitReady(STARTUP);
        a.kill();
        Timestamp killed = (Timestamp) db.value("select now()");
        assertThat(first.closed).as("the client hears its socket close").succeedsWithin(Duration.ofSeconds(30));

        // C's sweep closes A's session at its last sign of life, before A was gone (not when C noticed, at least
        // 10 s later), and audits it once.
        await("C closes the dead replica's session").atMost(STALE_AFTER.plusSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> db.value("select closed_at from console_session where id = ?", firstSession) != null);
        Map<String, Object> closed = db.rows("select opened_at, closed_at, close_reason from console_session "
                + "where id = ?", firstSession).get(0);
        log("session %s through A: %s (A gone by %s)", firstSession, closed, killed);
        assertThat((Timestamp) closed.get("closed_at")).isBeforeOrEqualTo(killed)
                .isAfterOrEqualTo((Timestamp) closed.get("opened_at"));
        assertThat((String) closed.get("close_reason")).contains("replica holding this console stopped");
        assertThat(db.count("select count(*) from audit_event where action = 'console.close' and target_id = ? "
                + "and after_state::text like ?", server.toString(), "%" + firstSession + "%")).isEqualTo(1);

        // A new ticket through the survivor reconnects, and the console works.
        Socket second = Socket.open(c, apiToken, server, ticket(c));
        second.awaitState("open");
        typeUntilAnswered(second, "throughC");
        UUID secondSession = onlyOpenSession();
        assertThat(secondSession).isNotEqualTo(firstSession);
        second.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        await("the console closes with its socket").atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select count(*) from console_session where closed_at is null") == 0);
    }

    // --- the panels, the server and the API token ----------------------------------------------------------------

    private PanelProcess.Builder panel(String name) {
        return PanelProcess.builder(name).database(db.jdbcUrl() + "?ApplicationName=" + name, db.user(),
                db.password())
                .property("innkeeper.provisioning.jobs.poll-interval", "200ms")
                .property("innkeeper.provisioning.jobs.backoff", "200ms")
                // Each process has its own test driver: keep one from judging the guests another created.
                .property("innkeeper.provisioning.reconcile.interval", "1h")
                .property("innkeeper.provisioning.metering.interval", "1h")
                .property("innkeeper.console.sweep-interval", "1s")
                .property("innkeeper.console.stale-after", STALE_AFTER.toSeconds() + "s");
    }

    /**
     * erin orders a server through A on a test-driver node; once it runs, its guest moves to a node in maintenance
     * on the local libvirtd, where the test boots the real guest with the server's UUID.
     */
    private UUID runningServerOnTheLocalLibvirtd() {
        UUID region = UUID.randomUUID();
        db.update("insert into region (id, code, name) values (?, 'it-console', 'IT console region')", region);
        db.update("insert into node (id, region_id, name, guest_type, libvirt_uri, vcpus, memory_mib, disk_gib, "
                + "created_at) values (?, ?, 'it-console-test', 'kvm', 'test:///default', 64, 262144, 10000, now())",
                UUID.randomUUID(), region);
        UUID localNode = UUID.randomUUID();
        db.update("insert into node (id, region_id, name, guest_type, libvirt_uri, vcpus, memory_mib, disk_gib, "
                + "state, created_at) values (?, ?, 'it-console-qemu', 'kvm', ?, 8, 16384, 100, 'MAINTENANCE', "
                + "now())", localNode, region, ConsoleNode.URI);
        UUID plan = UUID.randomUUID();
        db.update("insert into plan (id, code, version, name, guest_types, vcpus, memory_mib, disk_gib, hourly_price, "
                + "monthly_cap, currency, on_sale, created_at) values (?, 'it-console', 1, 'IT Console', 'kvm', 1, "
                + "512, 10, ?, ?, 'EUR', true, now())", plan, new BigDecimal("0.0050"), new BigDecimal("3.00"));
        UUID template = UUID.randomUUID();
        db.update("insert into os_template (id, code, name, guest_types, image, on_sale) values "
                + "(?, 'it-console', 'IT Debian', 'kvm', 'debian-12.qcow2', true)", template);
        UUID tenant = UUID.randomUUID();
        db.update("insert into tenant (id, name, kind, status, currency, time_zone, created_at) "
                + "values (?, 'Tenant of erin', 'CUSTOMER', 'ACTIVE', 'EUR', 'UTC', now())", tenant);
        db.update("insert into membership (id, tenant_id, login, role, created_at) values (?, ?, 'erin', 'OWNER', "
                + "now())", UUID.randomUUID(), tenant);
        db.update("insert into quota (tenant_id, max_servers, max_vcpus, max_memory_mib, max_disk_gib, max_ipv4, "
                + "max_snapshots, updated_at, updated_by) values (?, 10, 100, 100000, 1000, 10, 10, now(), 'it')",
                tenant);

        PanelClient client = new PanelClient(a.baseUri(), PanelClient.token("erin", "erin"));
        String hostname = "console-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        HttpResponse<String> ordered = client.order(client.csrf(), hostname, region, plan, template, null);
        assertThat(ordered.statusCode()).as("order through A: %s", ordered.body()).isEqualTo(303);
        UUID id = (UUID) db.value("select id from server where hostname = ?", hostname);
        await("the server runs").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "RUNNING".equals(db.value("select status from guest where id = ?", id)));
        db.update("update guest set node_id = ? where id = ?", localNode, id);
        return id;
    }

    /** An API token of the person's account, stored as the panel stores one (only its hash). */
    private String apiToken(String login) {
        String secret = TokenSecrets.newToken();
        UUID tenant = (UUID) db.value("select tenant_id from membership where login = ?", login);
        db.update("insert into api_token (id, tenant_id, owner_tenant, created_by, name, prefix, secret_hash, scope, "
                + "created_at, expires_at) values (?, ?, ?, ?, 'console IT', ?, ?, 'WRITE', now(), "
                + "now() + interval '1 day')", UUID.randomUUID(), tenant, tenant, login,
                TokenSecrets.displayPrefix(secret), TokenSecrets.hash(secret));
        return secret;
    }

    /** A console ticket through the given panel's API. */
    private String ticket(PanelProcess panel) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                panel.baseUri().resolve("/api/v1/servers/" + server + "/console"))
                .header("Authorization", "Bearer " + apiToken).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("ticket through %s: %s", panel.name(), r.body()).isEqualTo(201);
        Matcher m = TICKET.matcher(r.body());
        assertThat(m.find()).as("a ticket in %s", r.body()).isTrue();
        return m.group(1);
    }

    private UUID onlyOpenSession() {
        List<Map<String, Object>> open = db.rows("select id from console_session where server_id = ? "
                + "and closed_at is null", server);
        assertThat(open).as("open console sessions").hasSize(1);
        return (UUID) open.get(0).get("id");
    }

    /**
     * Types {@code echo ik-<tag>-$RANDOM} until the guest's answer (the tag and digits, which the echoed line
     * never shows) comes back; the shell may still be starting.
     */
    private static void typeUntilAnswered(Socket socket, String tag) throws Exception {
        Pattern answer = Pattern.compile("(?m)^ik-" + tag + "-\\d+\\r?$");
        long deadline = System.nanoTime() + SHELL_LIMIT.toNanos();
        while (true) {
            int from = socket.output().length();
            socket.type("echo ik-" + tag + "-$RANDOM\r");
            try {
                await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                        .until(() -> answer.matcher(socket.output().substring(from)).find());
                log("%s answered: %s", tag, lastLines(socket.output().substring(from)));
                return;
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                assertThat(socket.closed).as("the console socket while waiting for %s", tag).isNotDone();
                assertThat(System.nanoTime()).as("the guest answered %s within %s; the console shows:\n%s", tag,
                        SHELL_LIMIT, lastLines(socket.output())).isLessThan(deadline);
            }
        }
    }

    private static String lastLines(String text) {
        return text.length() <= 300 ? text : text.substring(text.length() - 300);
    }

    /** A console socket as an API client holds one: the ticket first, then bytes both ways. */
    static final class Socket implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuffer output = new StringBuffer();
        WebSocket ws;

        static Socket open(PanelProcess panel, String token, UUID server, String ticket) throws Exception {
            Socket socket = new Socket();
            URI uri = URI.create(panel.baseUri().toString().replace("http://", "ws://") + "/api/v1/servers/" + server
                    + "/console/socket");
            socket.ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(uri, socket).get(20, TimeUnit.SECONDS);
            socket.ws.sendText("{\"ticket\":\"" + ticket + "\"}", true).get(10, TimeUnit.SECONDS);
            return socket;
        }

        void awaitState(String state) {
            await("console state " + state).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> texts.stream().anyMatch(t -> t.contains("\"state\":\"" + state + "\""))
                            || closed.isDone());
            assertThat(texts).as("what the socket said").anyMatch(t -> t.contains("\"state\":\"" + state + "\""));
        }

        void type(String keys) throws Exception {
            ws.sendBinary(ByteBuffer.wrap(keys.getBytes(StandardCharsets.UTF_8)), true).get(10, TimeUnit.SECONDS);
        }

        String output() {
            return output.toString();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            texts.add(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            output.append(new String(bytes, StandardCharsets.ISO_8859_1));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete("closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            // A peer that dies mid-connection shows as an error (no close frame): for the client, a closed socket.
            closed.complete("failed: " + error);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[ConsoleTwoPanelsIT] " + format + "%n", args);
    }
}
