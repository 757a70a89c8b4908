package io.innkeeper.bench;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;

/**
 * How long the tenant portal takes to answer its two busiest pages for a tenant with 500 servers: the server list
 * (first page, a search, a deep keyset page) and one server's page with a month of meter samples. Measured as the
 * request's time on loopback, so it is the server-side render plus a local round trip, and as the JVM's CPU time
 * per request. A benchmark, not a test: it
 * prints figures and asserts nothing about speed. Run with {@code bin/bench portal}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "portal")
@TestSecurity(user = "bench-portal", roles = "customer")
class PortalRenderBenchmark {

    private static final int SERVERS = Integer.getInteger("innkeeper.bench.servers", 500);
    private static final int RUNS = 100;
    private static final int WARM_UP = 50;

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    @Inject
    Fixtures fixtures;

    @Inject
    OrderService orders;

    @Inject
    QuotaService quotas;

    @Inject
    EntityManager em;

    @Test
    void renderTimes() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID tenant = fixtures.customer("bench-portal");
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(SERVERS + 10, SERVERS * 2, 100_000_000, 10_000_000,
                SERVERS + 10, 10, null, null, null));
        UUID last = null;
        for (int i = live(tenant); i < SERVERS; i++) {
            last = orders.order(Actor.SYSTEM, Scope.of(tenant), new OrderRequest("srv-" + i + ".example.com",
                    catalog.region().toString(), catalog.plan().toString(), catalog.template().toString()))
                    .server().id;
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> settled(tenant));
        UUID server = last != null ? last : anyServer(tenant);
        samples(server);

        System.out.printf("%nPORTAL RENDER with %d servers, %d requests each after warm-up (goal < 50 ms); "
                + "load average %.1f on %d cores%n", SERVERS, RUNS,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        report("server list, first page of 50", "/servers");
        report("server list, search 'srv-42'", "/servers?q=srv-42");
        report("server list, page 9 by keyset", deepPage());
        report("server list, htmx rows", "/servers", true);
        report("server page, a month of samples", "/servers/" + server);
        report("server page, month graphs (htmx)", "/servers/" + server + "?range=month", "usage");
    }

    private void report(String what, String path) {
        report(what, path, false);
    }

    private void report(String what, String path, boolean htmx) {
        report(what, path, htmx ? "server-rows" : null);
    }

    private void report(String what, String path, String target) {
        for (int i = 0; i < WARM_UP; i++) {
            get(path, target);
        }
        long[] ms = new long[RUNS];
        long cpuStart = processCpuNanos();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            get(path, target);
            ms[i] = System.nanoTime() - start;
        }
        double cpuPerRequest = (processCpuNanos() - cpuStart) / 1e6 / RUNS;
        Arrays.sort(ms);
        System.out.printf("  %-36s min %6.2f ms  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  cpu %6.2f ms/request%n",
                what, ms[0] / 1e6, ms[RUNS / 2] / 1e6, ms[RUNS * 9 / 10] / 1e6, ms[RUNS * 99 / 100] / 1e6,
                cpuPerRequest);
    }

    /** One GET with a plain JDK client, which costs the JVM far less than RestAssured's. */
    private String get(String path, String target) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).GET();
        if (target != null) {
            request.header("HX-Request", "true").header("HX-Target", target);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * CPU time of this JVM (panel and client together, since a QuarkusTest runs both): per request, a figure that
     * other work on a shared machine does not inflate the way it inflates wall-clock time.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private String deepPage() {
        String path = "/servers";
        for (int page = 1; page < 9; page++) {
            String html = get(path, null);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("href=\"(/servers\\?after=[^\"]+)\" rel=\"next\"")
                    .matcher(html);
            if (!m.find()) {
                break;
            }
            path = m.group(1);
        }
        return path;
    }

    @Transactional
    int live(UUID tenant) {
        return ((Number) em.createQuery("select count(s) from Server s where s.tenant.id = :t and s.deletedAt is null")
                .setParameter("t", tenant).getSingleResult()).intValue();
    }

    @Transactional
    boolean settled(UUID tenant) {
        return ((Number) em.createNativeQuery("select count(*) from guest where owner_ref = :t and status = 'RUNNING'")
                .setParameter("t", tenant).getSingleResult()).intValue() >= SERVERS;
    }

    @Transactional
    UUID anyServer(UUID tenant) {
        return em.createQuery("select s.id from Server s where s.tenant.id = :t", UUID.class).setParameter("t", tenant)
                .setMaxResults(1).getSingleResult();
    }

    /** A month of samples every five minutes, as the meter collector would have written them. */
    @Transactional
    void samples(UUID guest) {
        em.createNativeQuery("insert into meter_sample (guest_id, node_id, taken_at, series, cpu_ns_delta, "
                + "net_rx_delta, net_tx_delta, block_read_delta, block_write_delta) "
                + "select g.id, g.node_id, now() - make_interval(mins => m * 5), 1, (random() * 3e11)::bigint, "
                + "(random() * 1e8)::bigint, (random() * 1e8)::bigint, (random() * 1e7)::bigint, 0 "
                + "from guest g, generate_series(1, 8640) m where g.id = :g on conflict do nothing")
                .setParameter("g", guest).executeUpdate();
    }
}
