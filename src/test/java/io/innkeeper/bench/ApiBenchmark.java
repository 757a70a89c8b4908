package io.innkeeper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import io.innkeeper.account.ApiTokens;
import io.innkeeper.account.TokenScope;
import io.innkeeper.audit.Actor;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.testing.Fixtures;
import io.innkeeper.testing.Servers;

/**
 * The account API under load from a second process: wrk (Debian's package) against the panel this test hosts,
 * for a page of 50 servers (of the caller's 60, on a platform of 20,000 more) and for order dry runs. A benchmark, not a test: it prints wrk's figures (requests per
 * second, latency percentiles) and asserts nothing about speed. Run with {@code bin/bench api}.
 */
@QuarkusTest
@TestProfile(ApiBenchmark.NoRateLimit.class)
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "api")
class ApiBenchmark {

    private static final int SERVERS = 60;
    private static final int FLEET = 20_000;
    private static final String DURATION = System.getProperty("innkeeper.bench.duration", "15s");
    private static final String CONNECTIONS = System.getProperty("innkeeper.bench.connections", "32");

    /** The benchmark measures the API, not its rate limit. */
    public static class NoRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("innkeeper.api.rate-limit.capacity", "1000000000",
                    "innkeeper.api.rate-limit.refill-per-second", "1000000000",
                    "quarkus.http.access-log.enabled", "false", "quarkus.log.level", "WARN");
        }
    }

    @Inject
    Fixtures fixtures;

    @Inject
    Servers servers;

    @Inject
    QuotaService quotas;

    @Inject
    ApiTokens tokens;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    javax.sql.DataSource dataSource;

    @Inject
    io.innkeeper.api.ServerPageCache pageCache;

    @Test
    void listAndDryRunUnderLoad() throws Exception {
        Fixtures.Catalog catalog = fixtures.catalog();
        String login = "bench-api-" + UUID.randomUUID().toString().substring(0, 8);
        UUID tenant = fixtures.customer(login);
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(1000, 2000, 10_000_000, 100_000, 1000, 100, null, null,
                null));
        for (int i = 0; i < SERVERS; i++) {
            servers.order(tenant, catalog, Fixtures.hostname("bench-" + i));
        }
        fleet(catalog);
        String token = tokens.create(new Actor(login, tenant, null, null), tenant,
                new ApiTokens.NewToken("bench", TokenScope.WRITE, null, null, null)).secret();
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        String base = "http://127.0.0.1:" + port;

        Path script = Files.createTempFile("dry-run", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.body = '{\"hostname\":\"bench-dry.example.com\",\"region\":\"" + catalog.region()
                + "\",\"plan\":\"" + catalog.plan() + "\",\"template\":\"" + catalog.template() + "\"}'\n");
        try {
            // Every request measured is sent first, round after round, until the JIT compiler has settled: on
            // this machine it kept a core half busy for the first two minutes, which a short warm-up charged to
            // the runs measured first.
            warmUp(List.of(() -> warmUp(base + "/api/v1/servers?limit=50", token, null, "5s"),
                    () -> warmUp(base + "/api/v1/servers?limit=1", token, null, "2s"),
                    () -> warmUp(base + "/api/v1/servers/dry-run", token, script, "3s"),
                    () -> warmUp(base + "/static/innkeeper.js", null, null, "1s")));
            String page = base + "/api/v1/servers?limit=50";
            listRun("list a page of 50 servers, served again while current", page, token);
            // A server of the tenant's changes 50 times a second (its status, as the engine would write it), so
            // the page is read anew after each change.
            try (Changing changing = new Changing(dataSource, tenant, 50)) {
                listRun("list a page of 50 servers while one of them changes 50 times a second", page, token);
                System.out.println("changes made during the run: " + changing.changes());
            }
            pageCache.keepUpTo(0);
            try {
                listRun("list a page of 50 servers, each read anew (no page kept)", page, token);
            } finally {
                pageCache.keepUpTo(32);
            }
            // The same request with a one-item page: what every API request costs before its payload.
            run("list a page of 1 server", base + "/api/v1/servers?limit=1", token, null);
            run("order dry run", base + "/api/v1/servers/dry-run", token, script);
            // No sign-in, no database, no JAX-RS: what this machine's HTTP stack and wrk give at most.
            run("a static file (the HTTP floor of this machine)", base + "/static/innkeeper.js", null, null);
            // Twice the size of the page of 50 servers (24 KB): what moving that many bytes costs by itself.
            run("a static file of 51 KB (htmx)", base + "/webjars/htmx.org/dist/htmx.min.js", null, null);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * Other tenants' servers, so the list runs on a platform of {@value #FLEET} servers (its statement must read a
     * page of the caller's, not the fleet), in a few statements.
     */
    private void fleet(Fixtures.Catalog catalog) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    insert into tenant (id, name, kind, currency, time_zone, created_at)
                    select gen_random_uuid(), 'Fleet tenant ' || i, 'CUSTOMER', 'EUR', 'UTC', now()
                    from generate_series(1, 500) i
                    """).executeUpdate();
            // The fleet lives on 100 nodes of its own in the same region, full, so the dry run still places on the
            // test node, and placement sums a region of 20,000 guests, as a large provider's would.
            em.createNativeQuery("""
                    insert into node (id, region_id, name, guest_type, libvirt_uri, vcpus, memory_mib, disk_gib,
                                      created_at)
                    select gen_random_uuid(), :region, 'bench-fleet-node-' || i, 'kvm', 'test:///default', :n / 100,
                           512 * (:n / 100), 10 * (:n / 100), now()
                    from generate_series(0, 99) i
                    """).setParameter("region", catalog.region()).setParameter("n", FLEET).executeUpdate();
            em.createNativeQuery("""
                    create temporary table fleet on commit drop as
                    select gen_random_uuid() as id, i, now() - make_interval(mins => i) as at,
                           (select array_agg(id) from tenant where name like 'Fleet tenant %') as tenants,
                           (select array_agg(id) from node where name like 'bench-fleet-node-%') as nodes
                    from generate_series(1, :n) i
                    """).setParameter("n", FLEET).executeUpdate();
            em.createNativeQuery("""
                    insert into guest (id, node_id, owner_ref, hostname, vcpus, memory_mib, disk_gib, template_id,
                                       status, created_at, updated_at)
                    select f.id, f.nodes[1 + f.i % 100], f.tenants[1 + f.i % 500],
                           'fleet-' || f.i || '.example.com', 1, 512, 10, :template, 'RUNNING', f.at, f.at
                    from fleet f
                    """).setParameter("template", catalog.template())
                    .executeUpdate();
            em.createNativeQuery("""
                    insert into server (id, tenant_id, hostname, plan_id, template_id, region_id, created_at)
                    select f.id, f.tenants[1 + f.i % 500], 'fleet-' || f.i || '.example.com', :plan, :template,
                           :region, f.at
                    from fleet f
                    """).setParameter("plan", catalog.plan()).setParameter("template", catalog.template())
                    .setParameter("region", catalog.region()).executeUpdate();
            em.createNativeQuery("analyze").executeUpdate();
        });
    }

    /** One warm-up load. */
    private interface Load {
        void send() throws IOException, InterruptedException;
    }

    /**
     * Sends the loads round after round until a round's JIT compile time is under 5 % of the round's time (or
     * three minutes have passed), and says how long that took.
     */
    private static void warmUp(List<Load> loads) throws IOException, InterruptedException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        double share;
        int rounds = 0;
        do {
            long compiledBefore = jit.getTotalCompilationTime();
            long roundStart = System.nanoTime();
            for (Load load : loads) {
                load.send();
            }
            rounds++;
            share = (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - roundStart) / 1e6);
        } while (share > 0.05 && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(3));
        System.out.printf(java.util.Locale.ROOT, "%n=== api benchmark: warm-up took %d s in %d rounds; the JIT "
                + "compiled for %.0f %% of the last round ===%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime()
                        - start), rounds, share * 100);
    }

    static void warmUp(String url, String token, Path script, String duration)
            throws IOException, InterruptedException {
        wrk(url, token, script, duration, false);
    }

    /** A run of the server list, with how many pages were served again and how many read anew. */
    private void listRun(String what, String url, String token) throws IOException, InterruptedException {
        io.innkeeper.api.ServerPageCache.Counts before = pageCache.counts();
        run(what, url, token, null);
        io.innkeeper.api.ServerPageCache.Counts during = pageCache.counts().minus(before);
        System.out.printf(java.util.Locale.ROOT, "pages served again: %d, from another request's read: %d, read "
                + "anew: %d%n", during.servedAgain(), during.shared(), during.readAnew());
    }

    /** Changes one of a tenant's servers at a steady rate on a thread of its own, until closed. */
    private static final class Changing implements AutoCloseable {

        private final Thread thread;
        private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running = true;

        Changing(javax.sql.DataSource dataSource, UUID tenant, int perSecond) {
            thread = Thread.ofPlatform().name("bench-changes").start(() -> {
                long pause = 1_000_000_000L / perSecond;
                long next = System.nanoTime();
                try (java.sql.Connection c = dataSource.getConnection();
                        java.sql.PreparedStatement s = c.prepareStatement("update guest set status = case status "
                                + "when 'RUNNING' then 'STOPPED' else 'RUNNING' end where id = (select id from "
                                + "server where tenant_id = ? order by created_at desc limit 1)")) {
                    c.setAutoCommit(true); // each change commits, as the engine's do
                    s.setObject(1, tenant);
                    while (running) {
                        s.executeUpdate();
                        changes.incrementAndGet();
                        next += pause;
                        java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        long changes() {
            return changes.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    /**
     * Runs wrk and prints its figures, and the panel's own CPU time per request: on a machine shared with other
     * work, wrk's requests per second say how busy the machine was; CPU per request says what the panel costs.
     */
    static void run(String what, String url, String token, Path script)
            throws IOException, InterruptedException {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long[] ticksBefore = userAndKernelTicks();
        String out = wrk(url, token, script, DURATION, true);
        long cpuNanos = os.getProcessCpuTime() - cpuBefore;
        long[] ticksAfter = userAndKernelTicks();
        long user = ticksAfter[0] - ticksBefore[0];
        long kernel = ticksAfter[1] - ticksBefore[1];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) requests in").matcher(out);
        long requests = m.find() ? Long.parseLong(m.group(1)) : 0;
        double cpuMs = requests == 0 ? Double.NaN : cpuNanos / 1e6 / requests;
        System.out.println("\n=== api benchmark: " + what + " (wrk, " + CONNECTIONS + " connections, " + DURATION
                + ") ===\n" + out + String.format(java.util.Locale.ROOT,
                        "panel CPU per request: %.2f ms (all panel threads), so about %.0f requests/s per idle core;"
                                + " load average during the run: %.1f; of the panel's CPU, %.0f %% in the kernel%n", cpuMs,
                        1000 / cpuMs, os.getSystemLoadAverage(), user + kernel == 0 ? Double.NaN
                                : 100.0 * kernel / (user + kernel)));
    }

    /** This process's user and kernel CPU time in clock ticks, from /proc/self/stat (fields 14 and 15). */
    private static long[] userAndKernelTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] { Long.parseLong(fields[11]), Long.parseLong(fields[12]) };
    }

    private static String wrk(String url, String token, Path script, String duration, boolean keep)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + duration,
                "--latency"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        return keep ? out : "";
    }
}
