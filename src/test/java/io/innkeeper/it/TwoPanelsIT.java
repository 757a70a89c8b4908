package io.innkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged panels against one PostgreSQL database, as two replicas behind a load balancer would run: both
 * migrate at once, quotas hold across them, an idempotency key makes one server whichever replica gets the order,
 * and a job held by a replica that dies is finished by the other once its lease runs out.
 * <p>
 * Needs Keycloak on 127.0.0.1:8180 with the innkeeper realm (users erin and frank) and PostgreSQL on
 * 127.0.0.1:5432; each run works in a database of its own, dropped at the end. Process logs:
 * {@code target/it-logs/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoPanelsIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String QUOTA_FULL = "Your server quota: 10 of 10 in use, this order needs 1.";

    private ItDatabase db;
    private PanelProcess one;
    private PanelProcess two;

    private UUID region;
    private UUID plan;
    private UUID template;
    private UUID erinTenant;
    private UUID frankTenant;

    @BeforeAll
    void startTwoPanels() {
        long t0 = System.nanoTime();
        db = ItDatabase.createFresh();
        // Both at once against the empty database: both run Flyway concurrently at start.
        one = panel("panel-1").start();
        two = panel("panel-2").start();
        one.awaitReady(STARTUP);
        two.awaitReady(STARTUP);
        log("database %s; %s and %s ready after %.1f s", db.name(), one, two, secondsSince(t0));
        seed();
    }

    @AfterAll
    void stopEverything() {
        closeQuietly(one);
        closeQuietly(two);
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Order(1)
    void twoPanelsMigratingAtOnceLeaveOneSchema() {
        List<Map<String, Object>> history = db.rows(
                "select version, count(*) as n, bool_and(success) as ok from flyway_schema_history "
                        + "where version is not null group by version order by version");
        assertThat(history).isNotEmpty();
        assertThat(history).allSatisfy(row -> {
            assertThat(((Number) row.get("n")).longValue()).as("runs of migration %s", row.get("version"))
                    .isEqualTo(1);
            assertThat(row.get("ok")).as("migration %s succeeded", row.get("version")).isEqualTo(true);
        });
        assertThat(one.isAlive()).isTrue();
        assertThat(two.isAlive()).isTrue();
    }

    /**
     * 200 orders at once, half to each panel, from a tenant with room for exactly 10 servers: the tenant row lock
     * in the order's transaction is a database lock, so it serialises the orders of both processes.
     */
    @Test
    @Order(2)
    void quotaHoldsAcrossTwoPanels() throws Exception {
        db.update("update quota set max_servers = 10 where tenant_id = ?", erinTenant);
        PanelClient[] clients = { new PanelClient(one.baseUri(), PanelClient.token("erin", "erin")),
                new PanelClient(two.baseUri(), PanelClient.token("erin", "erin")) };
        int orders = 200;
        CountDownLatch armed = new CountDownLatch(orders);
        CountDownLatch go = new CountDownLatch(1);
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Fetching the forms is set-up, not the race under test: a few at a time.
        Limiter formFetches = new Limiter(8);
        List<Future<Outcome>> futures = new ArrayList<>();
        long t0;
        try (ExecutorService threads = Executors.newFixedThreadPool(orders)) {
            for (int i = 0; i < orders; i++) {
                int n = i;
                PanelClient client = clients[i % 2];
                String panel = n % 2 == 0 ? "panel-1" : "panel-2";
                futures.add(threads.submit(() -> {
                    PanelClient.Csrf csrf;
                    try {
                        csrf = formFetches.call(client::csrf);
                    } finally {
                        armed.countDown();
                    }
                    go.await();
                    return Outcome.of(panel, () -> client.order(csrf, "q" + run + "-" + n + ".example.com", region,
                            plan, template, UUID.randomUUID().toString()));
                }));
            }
            assertThat(armed.await(60, TimeUnit.SECONDS)).as("all 200 order forms fetched").isTrue();
            t0 = System.nanoTime();
            go.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(100, TimeUnit.SECONDS)).as("all orders answered").isTrue();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get());
        }
        log("200 orders answered in %.1f s: %s", secondsSince(t0), summary(outcomes));

        if (outcomes.stream().anyMatch(o -> o.status != 303 && o.status != 422)) {
            log("hints from the panel logs: %s", hints(one, two));
        }
        long live = db.count("select count(*) from server where tenant_id = ? and deleted_at is null", erinTenant);
        long holding = db.count("select count(*) from guest where owner_ref = ? and status not in ('DELETED', "
                + "'FAILED')", erinTenant);
        List<Outcome> made = outcomes.stream().filter(o -> o.status == 303).toList();
        List<Outcome> refused = outcomes.stream().filter(o -> o.status == 422).toList();
        assertThat(grouped(outcomes.stream().filter(o -> o.status != 303 && o.status != 422).toList()))
                .as("answers other than 303 and 422 (see target/it-logs/panel-*.log)").isEmpty();
        assertThat(made).as("orders answered 303").hasSize(10);
        assertThat(refused).as("orders answered 422").hasSize(190);
        assertThat(refused).allSatisfy(o -> assertThat(o.body).contains(QUOTA_FULL));
        assertThat(live).as("live servers of the tenant in the database").isEqualTo(10);
        assertThat(holding).as("guests holding quota").isEqualTo(10);
    }

    /** One order, one idempotency key, sent twice to each panel at the same moment: one server, four 303s. */
    @Test
    @Order(3)
    void sameOrderToBothPanelsMakesOneServer() throws Exception {
        PanelClient[] clients = { new PanelClient(one.baseUri(), PanelClient.token("frank", "frank")),
                new PanelClient(two.baseUri(), PanelClient.token("frank", "frank")) };
        int rounds = 10;
        int copies = 4;
        List<String> keys = new ArrayList<>();
        Limiter formFetches = new Limiter(8);
        CountDownLatch armed = new CountDownLatch(rounds * copies);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(rounds * copies)) {
            for (int r = 0; r < rounds; r++) {
                String key = UUID.randomUUID().toString();
                String hostname = "same-" + key.substring(0, 8) + ".example.com";
                keys.add(key);
                for (int c = 0; c < copies; c++) {
                    PanelClient client = clients[c % 2];
                    String panel = c % 2 == 0 ? "panel-1" : "panel-2";
                    futures.add(threads.submit(() -> {
                        PanelClient.Csrf csrf;
                        try {
                            csrf = formFetches.call(client::csrf);
                        } finally {
                            armed.countDown();
                        }
                        go.await();
                        return Outcome.of(panel, () -> client.order(csrf, hostname, region, plan, template, key));
                    }));
                }
            }
            assertThat(armed.await(60, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get());
        }
        log("%d copies of %d orders answered: %s", copies, rounds, summary(outcomes));
        assertThat(grouped(outcomes.stream().filter(o -> o.status != 303).toList()))
                .as("answers other than 303 (see target/it-logs/panel-*.log)").isEmpty();
        for (String key : keys) {
            assertThat(db.count("select count(*) from server where tenant_id = ? and idempotency_key = ?",
                    frankTenant, key)).as("servers for key %s", key).isEqualTo(1);
            assertThat(db.count("select count(*) from job j join server s on s.id = j.guest_id "
                    + "where s.idempotency_key = ? and j.kind = 'CREATE'", key)).as("create jobs for key %s", key)
                    .isEqualTo(1);
        }
    }

    /**
     * Panel A claims a create job and is killed (SIGKILL) while it runs it; panel B takes the job over once A's
     * lease has passed, and the guest ends up running. To hold A inside the job deterministically, the guest is
     * placed on a node whose libvirt URI points at a host that accepts the connection and never answers, so A's job
     * waits in the driver call; the test kills A only once that host has A's connection. The node is then pointed
     * at libvirt's test driver (the host is "repaired") and B is started, so no other process could have claimed
     * the job while A held it.
     */
    @Test
    @Order(4)
    void jobHeldByKilledPanelFinishesOnTheOther() throws Exception {
        // The shared pair must not compete for this job: stop them once their own jobs are done.
        awaitNoOpenJobs();
        closeQuietly(one);
        closeQuietly(two);
        Duration lease = Duration.ofSeconds(15);
        try (SilentLibvirtHost silent = new SilentLibvirtHost();
                PanelProcess a = panel("panel-A").property("innkeeper.provisioning.jobs.lease", lease.toSeconds()
                        + "s").start()) {
            a.awaitReady(STARTUP);
            UUID slowRegion = UUID.randomUUID();
            db.update("insert into region (id, code, name) values (?, 'it-slow', 'IT slow region')", slowRegion);
            UUID slowNode = UUID.randomUUID();
            db.update("insert into node (id, region_id, name, guest_type, libvirt_uri, vcpus, memory_mib, disk_gib, "
                    + "created_at) values (?, ?, 'it-slow-1', 'kvm', ?, 64, 262144, 10000, now())", slowNode,
                    slowRegion, silent.uri());

            PanelClient client = new PanelClient(a.baseUri(), PanelClient.token("frank", "frank"));
            String hostname = "takeover-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
            HttpResponse<String> ordered = client.order(client.csrf(), hostname, slowRegion, plan, template, null);
            assertThat(ordered.statusCode()).as("order on panel A: %s", ordered.body()).isEqualTo(303);
            UUID guest = (UUID) db.value("select id from server where tenant_id = ? and hostname = ?", frankTenant,
                    hostname);
            UUID job = (UUID) db.value("select id from job where guest_id = ? and kind = 'CREATE'", guest);

            // A claims the job and its worker reaches the driver: the silent host has A's connection.
            await("panel A holds the job inside the driver").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> silent.connections() > 0);
            a.kill();
            Map<String, Object> held = db.rows("select state, attempts, lease_owner, lease_until, "
                    + "extract(epoch from lease_until - now()) as left_s from job where id = ?", job).get(0);
            log("killed panel A (SIGKILL) while it held job %s: %s", job, held);
            assertThat(held.get("state")).isEqualTo("RUNNING");
            assertThat(held.get("attempts")).isEqualTo(1);
            assertThat(held.get("lease_owner")).isNotNull();
            assertThat(((Number) held.get("left_s")).doubleValue()).as("seconds left on A's lease").isPositive();
            String ownerA = (String) held.get("lease_owner");
            Timestamp leaseUntilA = (Timestamp) held.get("lease_until");

            db.update("update node set libvirt_uri = 'test:///default' where id = ?", slowNode);
            long t0 = System.nanoTime();
            try (PanelProcess b = panel("panel-B").start()) {
                b.awaitReady(STARTUP);
                double bReady = secondsSince(t0);
                Map<String, Object> waiting = db.rows("select lease_owner, attempts, now() < ? as leased "
                        + "from job where id = ?", leaseUntilA, job).get(0);
                if (Boolean.TRUE.equals(waiting.get("leased"))) {
                    assertThat(waiting.get("lease_owner")).as("B leaves a job under a live lease alone")
                            .isEqualTo(ownerA);
                    assertThat(waiting.get("attempts")).isEqualTo(1);
                } else {
                    log("panel B took %.1f s to start, longer than what was left of A's lease; "
                            + "skipped the 'B waits for the lease' check", bReady);
                }

                await("panel B finishes the job").atMost(lease.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> "SUCCEEDED".equals(db.value("select state from job where id = ?", job)));
                Map<String, Object> done = db.rows("select j.attempts, j.finished_at, j.lease_owner, j.step, "
                        + "g.status from job j join guest g on g.id = j.guest_id where j.id = ?", job).get(0);
                log("job %s after B: %s (B ready %.1f s and job done %.1f s after A died)", job, done, bReady,
                        secondsSince(t0));
                assertThat(done.get("status")).as("guest status").isEqualTo("RUNNING");
                assertThat(done.get("attempts")).as("attempts: A's, then B's").isEqualTo(2);
                assertThat(((Timestamp) done.get("finished_at")).toInstant())
                        .as("B took over only after A's lease").isAfterOrEqualTo(leaseUntilA.toInstant());
                assertThat(b.isAlive()).isTrue();
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private PanelProcess.Builder panel(String name) {
        return PanelProcess.builder(name).database(db.jdbcUrl(), db.user(), db.password())
                .property("innkeeper.provisioning.jobs.poll-interval", "200ms")
                .property("innkeeper.provisioning.jobs.backoff", "200ms")
                // Each process has its own libvirt test driver: keep the reconciler and meter collector of one
                // process from judging guests another process created.
                .property("innkeeper.provisioning.reconcile.interval", "1h")
                .property("innkeeper.provisioning.metering.interval", "1h");
    }

    private void seed() {
        region = UUID.randomUUID();
        db.update("insert into region (id, code, name) values (?, 'it-fast', 'IT region')", region);
        db.update("insert into node (id, region_id, name, guest_type, libvirt_uri, vcpus, memory_mib, disk_gib, "
                + "created_at) values (?, ?, 'it-fast-1', 'kvm', 'test:///default', 100000, 100000000, 10000000, now())",
                UUID.randomUUID(), region);
        plan = UUID.randomUUID();
        db.update("insert into plan (id, code, version, name, guest_types, vcpus, memory_mib, disk_gib, hourly_price, "
                + "monthly_cap, currency, on_sale, created_at) values (?, 'it-small', 1, 'IT Small', 'kvm', 1, 512, 10, "
                + "?, ?, 'EUR', true, now())", plan, new BigDecimal("0.0050"), new BigDecimal("3.00"));
        template = UUID.randomUUID();
        db.update("insert into os_template (id, code, name, guest_types, image, on_sale) values "
                + "(?, 'it-debian', 'IT Debian', 'kvm', 'debian-12.qcow2', true)", template);
        erinTenant = customer("erin", 10);
        frankTenant = customer("frank", 1000);
    }

    private UUID customer(String login, int maxServers) {
        UUID tenant = UUID.randomUUID();
        db.update("insert into tenant (id, name, kind, status, currency, time_zone, created_at) "
                + "values (?, ?, 'CUSTOMER', 'ACTIVE', 'EUR', 'UTC', now())", tenant, "Tenant of " + login);
        db.update("insert into membership (id, tenant_id, login, role, created_at) values (?, ?, ?, 'OWNER', now())",
                UUID.randomUUID(), tenant, login);
        db.update("insert into quota (tenant_id, max_servers, max_vcpus, max_memory_mib, max_disk_gib, max_ipv4, "
                + "max_snapshots, updated_at, updated_by) values (?, ?, 100000, 100000000, 10000000, 100000, 100000, "
                + "now(), 'it')", tenant, maxServers);
        return tenant;
    }

    private void awaitNoOpenJobs() {
        if (one == null || !one.isAlive()) {
            return;
        }
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> db.count("select count(*) from job where state in ('QUEUED', 'RUNNING')") == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            log("jobs still open before stopping the pair: %s", db.rows("select kind, state, step, error from job "
                    + "where state in ('QUEUED', 'RUNNING')"));
        }
    }

    /** One order's answer; status -1 when the request itself failed (the body then says why). */
    private record Outcome(String panel, int status, String body) {
        static Outcome of(String panel, java.util.function.Supplier<HttpResponse<String>> request) {
            try {
                HttpResponse<String> r = request.get();
                return new Outcome(panel, r.statusCode(), r.body());
            } catch (RuntimeException e) {
                return new Outcome(panel, -1, String.valueOf(e));
            }
        }

        String brief() {
            String text = body.replaceAll("(?s)<head>.*</head>", " ").replaceAll("(?s)<[^>]*>", " ")
                    .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                    .replaceAll("\\s+", " ").strip();
            return panel + " " + status + " " + text.substring(0, Math.min(400, text.length()));
        }
    }

    /** At most {@code permits} calls at once. */
    private record Limiter(java.util.concurrent.Semaphore permits) {
        Limiter(int permits) {
            this(new java.util.concurrent.Semaphore(permits));
        }

        <T> T call(java.util.concurrent.Callable<T> work) throws Exception {
            permits.acquire();
            try {
                return work.call();
            } finally {
                permits.release();
            }
        }
    }

    /** How often known failure signatures appear in the panels' logs. */
    private static Map<String, Long> hints(PanelProcess... panels) {
        Map<String, Long> out = new TreeMap<>();
        for (PanelProcess p : panels) {
            try (var lines = java.nio.file.Files.lines(p.log())) {
                lines.forEach(line -> {
                    if (line.contains("unexpected failure on") && line.contains("Sorry, acquisition timeout")) {
                        out.merge(p.name() + ": 500 after waiting 5 s for a pooled JDBC connection", 1L, Long::sum);
                    }
                    if (line.contains("io.innkeeper.audit.Audit_ClientProxy.refused")) {
                        out.merge(p.name() + ": failures inside Audit.refused (REQUIRES_NEW under the tenant lock)",
                                1L, Long::sum);
                    }
                });
            } catch (java.io.IOException e) {
                out.put(p.name() + ": cannot read " + p.log(), 0L);
            }
        }
        return out;
    }

    /** Distinct answers (panel, status, start of the page text) and how often each came. */
    private static Map<String, Long> grouped(List<Outcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(Outcome::brief, TreeMap::new,
                Collectors.counting()));
    }

    private static String summary(List<Outcome> outcomes) {
        Map<String, Long> counts = outcomes.stream()
                .collect(Collectors.groupingBy(o -> o.panel + "=" + o.status, TreeMap::new, Collectors.counting()));
        return counts.toString();
    }

    private static void closeQuietly(PanelProcess p) {
        if (p != null) {
            p.close();
        }
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[TwoPanelsIT] " + format + "%n", args);
    }
}
