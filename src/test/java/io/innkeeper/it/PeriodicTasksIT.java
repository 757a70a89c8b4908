package io.innkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The periodic tasks with two packaged panels on one database, as two replicas run: the reconciler and meter
 * collection each run once per node per interval however many replicas tick (they win a lease row per node and
 * task in {@code node_task}; every won claim is kept in {@code node_task_run}), every meter run leaves exactly one
 * sample per guest, and when the replica holding a node's task is killed the other takes it over once the lease
 * has passed. Job takeover is shown by {@link TwoPanelsIT}.
 * <p>
 * The nodes are libvirt test-driver files ({@code test:///.../node.xml}) with running domains whose UUIDs are the
 * guests' ids, so both processes see the same guests (the driver's state is per process; a file gives each process
 * the same start). Each panel names itself in its JDBC URL ({@code ApplicationName}), which the run record keeps.
 * <p>
 * The invoice run (billing, built separately) should plug in the same way: win a per-period claim in the database
 * before running (a row per billing period, or {@code node_task}-style lease rows keyed by period), keep a record of
 * each run, and add here a test that counts invoice runs per period with both panels ticking and one killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeriodicTasksIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    /** NodeTasks makes a task due again after 0.9 of its interval. */
    private static final double DUE_FRACTION = 0.9;
    private static final Duration WINDOW = Duration.ofSeconds(20);
    /** Long enough that the holder is killed while its lease is still live (a live but stuck holder loses it too). */
    private static final Duration TASK_LEASE = Duration.ofSeconds(15);
    private static final int GUESTS_PER_NODE = 3;
    /** The owner the panel writes into its domains' metadata; meters count only domains that carry one. */
    private static final UUID OWNER = UUID.randomUUID();
    /** Meter collection off (its first tick waits one interval), so only the reconciler calls the silent host. */
    private static final Duration NEVER = Duration.ofHours(1);

    private ItDatabase db;
    private Path nodeDir;
    private UUID region;
    private UUID template;
    private final Map<UUID, List<UUID>> guestsByNode = new TreeMap<>();

    @BeforeAll
    void createDatabase() throws IOException {
        db = ItDatabase.createFresh();
        nodeDir = PanelProcess.logDir().resolveSibling("it-nodes").resolve(db.name());
        Files.createDirectories(nodeDir);
    }

    @AfterAll
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    /**
     * Timeline: both panels tick every 2 s for both tasks, each at its own phase. Over a 20 s window every node is
     * reconciled and metered about 10 times, never twice within 0.9 of an interval, and each meter run wrote
     * exactly one sample per guest of its node, inside the run.
     */
    @Test
    @Order(1)
    void eachTaskRunsOncePerNodePerIntervalAcrossTwoPanels() {
        try (PanelProcess one = panel("panel-1", INTERVAL, INTERVAL).start()) {
            one.awaitReady(STARTUP);
            seedTemplate();
            for (int n = 1; n <= 2; n++) {
                UUID node = node("it-node-" + n, hostFile("it-node-" + n, GUESTS_PER_NODE));
                log("node %s with guests %s", node, guestsByNode.get(node));
            }
            try (PanelProcess two = panel("panel-2", INTERVAL, INTERVAL).start()) {
                two.awaitReady(STARTUP);
                Instant from = dbNow();
                sleep(WINDOW);
                Instant to = dbNow();
                one.close();
                two.close();
                log("window %s .. %s; %s", from, to, replicasSummary());

                double window = Duration.between(from, to).toMillis() / 1000.0;
                int fewest = (int) Math.floor(window / INTERVAL.toSeconds()) - 2;
                int most = (int) Math.ceil(window / (INTERVAL.toSeconds() * DUE_FRACTION)) + 1;
                assertInvoiceRunsOncePerInterval(from, to, fewest, most);
                for (UUID node : guestsByNode.keySet()) {
                    for (String task : List.of("RECONCILE", "METER")) {
                        List<Run> runs = runs(node, task, from, to);
                        log("%s of node %s: %d runs, gaps %s s", task, node, runs.size(), gaps(runs));
                        assertThat(runs).as("%s runs of node %s in %.1f s", task, node, window).hasSizeBetween(
                                fewest, most);
                        assertOncePerInterval(task + " of " + node, runs);
                    }
                    // Runs that began before the window may have written samples inside it.
                    List<Run> meterRuns = runs(node, "METER", Instant.EPOCH, to.plusSeconds(60));
                    for (UUID guest : guestsByNode.get(node)) {
                        List<Instant> samples = samples(guest, from, to);
                        assertThat(samples).as("meter samples of guest %s", guest).hasSizeBetween(fewest, most);
                        for (Run run : runs(node, "METER", from, to).stream()
                                .filter(r -> r.finished != null && r.finished.isBefore(to)).toList()) {
                            assertThat(samples.stream().filter(s -> !s.isBefore(run.started) && !s.isAfter(
                                    run.finished))).as("samples of guest %s in meter run %s", guest, run)
                                    .hasSize(1);
                        }
                        assertThat(samples).as("samples of guest %s outside any meter run", guest)
                                .allMatch(s -> meterRuns.stream().anyMatch(r -> !s.isBefore(r.started)
                                        && (r.finished == null || !s.isAfter(r.finished))));
                    }
                }
            }
        }
    }

    /**
     * Panel A wins the reconcile lease of a node whose host never answers and hangs inside the call; meanwhile B
     * keeps reconciling the other nodes. A is killed (SIGKILL, no lease released), the host is repaired, and B
     * takes the node over once A's lease has passed.
     */
    @Test
    @Order(2)
    void killedPanelsNodeTaskIsTakenOverAfterItsLease() {
        try (SilentLibvirtHost silent = new SilentLibvirtHost();
                PanelProcess a = panel("panel-A", INTERVAL, NEVER).start();
                PanelProcess b = panel("panel-B", INTERVAL, NEVER).start()) {
            a.awaitReady(STARTUP);
            b.awaitReady(STARTUP);
            if (template == null) {
                seedTemplate();
            }
            UUID fast = node("it-fast", hostFile("it-fast", 1));
            UUID stuck = node("it-stuck", new HostFile(silent.uri(), List.of()));
            await("a panel reconciles node it-stuck and hangs in the call").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> silent.connections() > 0);
            Run held = open(stuck);
            PanelProcess holder = "panel-A".equals(held.replica) ? a : b;
            PanelProcess other = holder == a ? b : a;
            log("%s holds RECONCILE of it-stuck: %s", holder.name(), held);

            // The holder's tick waits for its stuck node; the other replica reconciles the rest meanwhile.
            Instant hangFrom = dbNow();
            sleep(INTERVAL.multipliedBy(3));
            List<Run> meanwhile = runs(fast, "RECONCILE", hangFrom, dbNow());
            assertThat(meanwhile).as("it-fast reconciled while %s hangs", holder.name()).isNotEmpty()
                    .allMatch(r -> other.name().equals(r.replica));
            assertThat(open(stuck).owner).as("nobody takes a live lease").isEqualTo(held.owner);

            assertThat(db.value("select lease_until > now() and lease_owner = ? from node_task where node_id = ? "
                    + "and task = 'RECONCILE'", held.owner, stuck)).as("%s's lease still live", holder.name())
                    .isEqualTo(true);
            holder.kill();
            Timestamp leaseUntil = (Timestamp) db.value("select lease_until from node_task where node_id = ? "
                    + "and task = 'RECONCILE'", stuck);
            db.update("update node set libvirt_uri = ? where id = ?", hostFile("it-stuck-repaired", 0).uri(), stuck);
            log("killed %s; its lease on it-stuck runs until %s", holder.name(), leaseUntil);

            await(other.name() + " takes it-stuck over").atMost(TASK_LEASE.plus(INTERVAL.multipliedBy(5)))
                    .pollInterval(Duration.ofMillis(200)).until(() -> runs(stuck, "RECONCILE", Instant.EPOCH,
                            dbNow()).stream().anyMatch(r -> r.finished != null));
            List<Run> runs = runs(stuck, "RECONCILE", Instant.EPOCH, dbNow());
            log("RECONCILE runs of it-stuck: %s", runs);
            Run first = runs.get(0);
            assertThat(first.owner).isEqualTo(held.owner);
            assertThat(first.finished).as("the killed panel's run never finished").isNull();
            Run takeover = runs.get(1);
            assertThat(takeover.replica).isEqualTo(other.name());
            assertThat(takeover.finished).isNotNull();
            assertThat(takeover.started).as("taken over only after the lease").isAfterOrEqualTo(
                    leaseUntil.toInstant());
            assertThat(other.isAlive()).isTrue();
            Instant killed = dbNow();
            await(other.name() + " keeps the invoice run going").atMost(INTERVAL.multipliedBy(5))
                    .pollInterval(Duration.ofMillis(200)).until(() -> db.count("select count(*) from invoice_run "
                            + "where requested_by like 'schedule:%' and started_at > ?", Timestamp.from(killed)) > 0);
        }
    }

    /** The invoice run, ticked by both panels, ran about once per interval and never twice within 0.8 of one. */
    private void assertInvoiceRunsOncePerInterval(Instant from, Instant to, int fewest, int most) {
        List<Instant> starts = db.rows("select started_at from invoice_run where requested_by like 'schedule:%' "
                + "and started_at between ? and ? order by started_at", Timestamp.from(from), Timestamp.from(to))
                .stream().map(r -> ((Timestamp) r.get("started_at")).toInstant()).toList();
        log("invoice runs in the window: %d, by %s", starts.size(), db.rows("select requested_by, count(*) as runs "
                + "from invoice_run group by requested_by"));
        assertThat(starts).as("invoice runs").hasSizeBetween(fewest, most);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(Duration.between(starts.get(i - 1), starts.get(i)).toMillis()).as("gap before invoice run %d",
                    i).isGreaterThanOrEqualTo((long) (INTERVAL.toMillis() * 0.8));
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** One won claim on node_task, as node_task_run keeps it. */
    private record Run(String replica, String owner, Instant started, Instant leaseUntil, Instant finished) {
    }

    private PanelProcess.Builder panel(String name, Duration reconcile, Duration meter) {
        return PanelProcess.builder(name).database(db.jdbcUrl() + "?ApplicationName=" + name, db.user(),
                db.password())
                .property("innkeeper.provisioning.reconcile.interval", reconcile.toMillis() + "ms")
                .property("innkeeper.provisioning.metering.interval", meter.toMillis() + "ms")
                .property("innkeeper.provisioning.reconcile.task-lease", TASK_LEASE.toSeconds() + "s")
                .property("innkeeper.billing.invoices.interval", INTERVAL.toMillis() + "ms")
                .property("innkeeper.billing.rollup.interval", INTERVAL.toMillis() + "ms");
    }

    private void seedTemplate() {
        region = UUID.randomUUID();
        db.update("insert into region (id, code, name) values (?, 'it-periodic', 'IT periodic tasks')", region);
        template = UUID.randomUUID();
        db.update("insert into os_template (id, code, name, guest_types, image, on_sale) values "
                + "(?, 'it-debian', 'IT Debian', 'kvm', 'debian-12.qcow2', true)", template);
    }

    /** A libvirt test-driver node file and the guests (domain UUIDs) running in it. */
    private record HostFile(String uri, List<UUID> guests) {
    }

    /** A node on {@code host} with a guest row for each of its domains; answers the node id. */
    private UUID node(String name, HostFile host) {
        UUID node = UUID.randomUUID();
        db.update("insert into node (id, region_id, name, guest_type, libvirt_uri, vcpus, memory_mib, disk_gib, "
                + "created_at) values (?, ?, ?, 'kvm', ?, 64, 262144, 10000, now())", node, region, name, host.uri());
        for (UUID guest : host.guests()) {
            db.update("insert into guest (id, node_id, owner_ref, hostname, vcpus, memory_mib, disk_gib, template_id, "
                    + "status, created_at, updated_at) values (?, ?, ?, ?, 1, 512, 10, ?, 'RUNNING', now(), now())",
                    guest, node, OWNER, "g-" + guest.toString().substring(0, 8) + ".example.com", template);
        }
        if (!host.guests().isEmpty()) {
            guestsByNode.put(node, host.guests());
        }
        return node;
    }

    /** Writes a test-driver node file with {@code domains} running domains of Innkeeper guests. */
    private HostFile hostFile(String name, int domains) {
        StringBuilder xml = new StringBuilder("""
                <node>
                  <cpu><nodes>1</nodes><sockets>1</sockets><cores>16</cores><threads>1</threads>
                    <active>16</active><mhz>2000</mhz><model>x86_64</model></cpu>
                  <memory>67108864</memory>
                """);
        List<UUID> guests = new ArrayList<>();
        for (int i = 0; i < domains; i++) {
            UUID guest = UUID.randomUUID();
            guests.add(guest);
            xml.append("""
                      <domain type='kvm'>
                        <name>%s</name><uuid>%s</uuid><memory unit='MiB'>512</memory><vcpu>1</vcpu>
                        <os><type arch='x86_64'>hvm</type></os>
                        <metadata><ik:guest xmlns:ik='https://innkeeper.io/xmlns/guest/1' owner='%s'/></metadata>
                      </domain>
                    """.formatted("ik-" + guest, guest, OWNER));
        }
        xml.append("</node>\n");
        Path file = nodeDir.resolve(name + ".xml");
        try {
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HostFile("test://" + file.toAbsolutePath(), List.copyOf(guests));
    }

    private List<Run> runs(UUID node, String task, Instant from, Instant to) {
        return db.rows("select replica, lease_owner, started_at, lease_until, finished_at from node_task_run "
                + "where node_id = ? and task = ? and started_at >= ? and started_at < ? order by started_at", node,
                task, Timestamp.from(from), Timestamp.from(to)).stream()
                .map(r -> new Run((String) r.get("replica"), (String) r.get("lease_owner"), instant(r.get(
                        "started_at")), instant(r.get("lease_until")), instant(r.get("finished_at"))))
                .toList();
    }

    private Run open(UUID node) {
        List<Run> open = runs(node, "RECONCILE", Instant.EPOCH, dbNow()).stream().filter(r -> r.finished == null)
                .toList();
        assertThat(open).as("open RECONCILE runs of node %s", node).hasSize(1);
        return open.get(0);
    }

    private List<Instant> samples(UUID guest, Instant from, Instant to) {
        return db.rows("select taken_at from meter_sample where guest_id = ? and taken_at >= ? and taken_at < ? "
                + "order by taken_at", guest, Timestamp.from(from), Timestamp.from(to)).stream()
                .map(r -> instant(r.get("taken_at"))).toList();
    }

    /** No run starts less than 0.9 of an interval after the one before, nor before the one before finished. */
    private static void assertOncePerInterval(String what, List<Run> runs) {
        for (int i = 1; i < runs.size(); i++) {
            Run before = runs.get(i - 1);
            Run run = runs.get(i);
            double gap = Duration.between(before.started, run.started).toMillis() / 1000.0;
            assertThat(gap).as("%s: run %d started %.3f s after the one before", what, i, gap)
                    .isGreaterThanOrEqualTo(INTERVAL.toMillis() * DUE_FRACTION / 1000.0 - 0.01);
            assertThat(before.finished).as("%s: run %d finished", what, i - 1).isNotNull();
            assertThat(run.started).as("%s: run %d overlaps the one before", what, i).isAfterOrEqualTo(
                    before.finished);
        }
    }

    private String replicasSummary() {
        return db.rows("select task, coalesce(replica, '?') as replica, count(*) as runs from node_task_run "
                + "group by task, replica order by task, replica").stream()
                .map(r -> r.get("task") + "@" + r.get("replica") + "=" + r.get("runs"))
                .collect(Collectors.joining(", ", "runs per task and replica: ", ""));
    }

    private static List<String> gaps(List<Run> runs) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            out.add(String.format("%.2f", Duration.between(runs.get(i - 1).started, runs.get(i).started)
                    .toMillis() / 1000.0));
        }
        return out;
    }

    private Instant dbNow() {
        return instant(db.value("select clock_timestamp()"));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }

    /** Lets the panels' schedules run for a while: the time itself is what the test measures. */
    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf("[PeriodicTasksIT] " + format + "%n", args);
    }
}
