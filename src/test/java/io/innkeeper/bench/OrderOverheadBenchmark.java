package io.innkeeper.bench;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.provisioning.ip.IpPools;
import io.innkeeper.provisioning.node.Node;
import io.innkeeper.provisioning.node.Region;
import io.innkeeper.quota.QuotaLimits;
import io.innkeeper.quota.QuotaService;
import io.innkeeper.tenancy.Scope;
import io.innkeeper.testing.Fixtures;

/**
 * The panel's overhead per order on libvirt's test driver: from the order being accepted to the guest running,
 * minus the time the job spent in the driver. Two loads: a burst of {@code ORDERS} back to back (what queueing
 * behind eight job slots per replica adds), then {@code ONE_AT_A_TIME} orders each sent when the previous one
 * runs (the panel's own path, no queue). A benchmark, not a test: it prints figures and asserts nothing about
 * speed. Run with {@code bin/bench orders}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "orders")
class OrderOverheadBenchmark {

    private static final int ORDERS = Integer.getInteger("innkeeper.bench.orders", 1000);
    private static final int ONE_AT_A_TIME = Integer.getInteger("innkeeper.bench.sequential", 200);

    @Inject
    Fixtures fixtures;

    @Inject
    OrderService orders;

    @Inject
    QuotaService quotas;

    @Inject
    IpPools ipPools;

    @Inject
    EntityManager em;

    @Test
    void overheadPerOrder() {
        Fixtures.Catalog catalog = fixtures.catalog();
        UUID region = region();
        ipPools.createIpv4(region, "10.64.0.0/20", "10.64.0.1");
        UUID tenant = fixtures.customer("bench-" + UUID.randomUUID());
        quotas.set(Actor.SYSTEM, tenant, new QuotaLimits(ORDERS + 10, ORDERS * 2, 100_000_000, 10_000_000,
                ORDERS + 10, 10, null, null, null));

        long[] accept = new long[ORDERS];
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            long start = System.nanoTime();
            ids.add(orders.order(Actor.SYSTEM, Scope.of(tenant), new OrderRequest("bench-" + i + ".example.com",
                    region.toString(), catalog.plan().toString(), catalog.template().toString())).server().id);
            accept[i] = System.nanoTime() - start;
        }
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> running(tenant) == ORDERS);

        long[][] burst = overheadAndDriver(timings(tenant));

        UUID single = fixtures.customer("bench-seq-" + UUID.randomUUID());
        quotas.set(Actor.SYSTEM, single, new QuotaLimits(ONE_AT_A_TIME + 10, ONE_AT_A_TIME * 2, 100_000_000,
                10_000_000, ONE_AT_A_TIME + 10, 10, null, null, null));
        long[] acceptOne = new long[ONE_AT_A_TIME];
        for (int i = 0; i < ONE_AT_A_TIME; i++) {
            long start = System.nanoTime();
            orders.order(Actor.SYSTEM, Scope.of(single), new OrderRequest("seq-" + i + ".example.com",
                    region.toString(), catalog.plan().toString(), catalog.template().toString()));
            acceptOne[i] = System.nanoTime() - start;
            int done = i + 1;
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                    .until(() -> running(single) == done);
        }
        long[][] sequential = overheadAndDriver(timings(single));

        System.out.printf("%nORDER OVERHEAD BENCHMARK on libvirt's test driver%n");
        print(ORDERS + " orders back to back", accept, burst);
        print(ONE_AT_A_TIME + " orders one at a time", acceptOne, sequential);
        System.out.println();
    }

    private static void print(String load, long[] accept, long[][] overheadAndDriver) {
        System.out.printf("  %s%n", load);
        System.out.printf("    order accepted (request to commit):                  p50 %6.2f ms  p99 %6.2f ms%n",
                pct(accept, 50) / 1e6, pct(accept, 99) / 1e6);
        System.out.printf("    panel overhead (accepted -> running, minus driver):  p50 %6.2f ms  p99 %6.2f ms%n",
                pct(overheadAndDriver[0], 50) / 1e3, pct(overheadAndDriver[0], 99) / 1e3);
        System.out.printf("    driver's own time per create job:                    p50 %6.2f ms  p99 %6.2f ms%n",
                pct(overheadAndDriver[1], 50) / 1e3, pct(overheadAndDriver[1], 99) / 1e3);
    }

    /** Per order: microseconds from accepted to running less the driver's, and the driver's. */
    private static long[][] overheadAndDriver(List<Object[]> rows) {
        long[] overhead = new long[rows.size()];
        long[] driver = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Instant ordered = (Instant) rows.get(i)[0];
            Instant done = (Instant) rows.get(i)[1];
            long driverMicros = ((Number) rows.get(i)[2]).longValue();
            driver[i] = driverMicros;
            overhead[i] = Duration.between(ordered, done).toNanos() / 1_000 - driverMicros;
        }
        return new long[][] { overhead, driver };
    }

    private static double pct(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    @Transactional
    UUID region() {
        Region region = new Region();
        region.id = UUID.randomUUID();
        region.code = "bench-" + region.id.toString().substring(0, 6);
        region.name = region.code;
        region.persist();
        Node node = new Node();
        node.id = UUID.randomUUID();
        node.region = region;
        node.name = region.code + "-node";
        node.guestType = "kvm";
        node.libvirtUri = "test:///default";
        node.vcpus = 100_000;
        node.memoryMib = 100_000_000;
        node.diskGib = 100_000_000;
        node.cpuOvercommit = BigDecimal.ONE;
        node.createdAt = Instant.now();
        node.persist();
        return region.id;
    }

    @Transactional
    long running(UUID tenant) {
        return em.createQuery("select count(g) from Guest g where g.ownerRef = :t and g.status = "
                + "io.innkeeper.provisioning.guest.GuestStatus.RUNNING", Long.class).setParameter("t", tenant)
                .getSingleResult();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    List<Object[]> timings(UUID tenant) {
        return em.createQuery("select s.createdAt, j.finishedAt, j.driverMicros from Server s, Job j "
                + "where j.guestId = s.id and j.kind = io.innkeeper.provisioning.job.JobKind.CREATE "
                + "and s.tenant.id = :t").setParameter("t", tenant).getResultList();
    }
}
