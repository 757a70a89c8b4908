package io.innkeeper.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.InvoiceRun;
import io.innkeeper.billing.invoice.RunResult;
import io.innkeeper.billing.usage.UsageRollups;
import io.innkeeper.provisioning.metering.MeterPartitions;
import io.innkeeper.retention.Retention;
import io.innkeeper.testing.Fixtures;

/**
 * Soak: 90 simulated days of metering at 10,000 guests (1,000 tenants of 10 servers). Each simulated day bulk-inserts
 * the day's samples (generate_series, one every {@code innkeeper.bench.sample-minutes}), rolls the day up as the
 * schedule would, and runs the retention as of the day's end; after each month the invoice run for it. Prints the
 * database's size and the meter samples' share every ten days and at each month's end, with the invoice run's time
 * and a tenant's invoice list read. With the default 35 days of samples the samples' size levels off after five
 * weeks while billing's hourly rollup (kept for the invoices) grows by the same amount each day. A benchmark, not a
 * test: it asserts nothing. Run with {@code bin/bench soak}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "soak")
class SoakBenchmark {

    private static final int GUESTS = Integer.getInteger("innkeeper.bench.guests", 10_000);
    private static final int DAYS = Integer.getInteger("innkeeper.bench.days", 90);
    private static final int SAMPLE_MINUTES = Integer.getInteger("innkeeper.bench.sample-minutes", 15);
    private static final int SERVERS_PER_TENANT = 10;
    private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    @Inject
    UsageRollups rollups;

    @Inject
    Retention retention;

    @Inject
    MeterPartitions partitions;

    @Inject
    InvoiceRun run;

    @Inject
    InvoiceQueries invoices;

    @Test
    void ninetyDays() {
        Fixtures.Catalog catalog = fixtures.catalog();
        load(catalog);
        partitions.prepare(FIRST, 8);
        System.out.printf("%nSOAK BENCHMARK: %,d guests (%,d tenants), %d days, a sample every %d min (%,d a day)%n",
                GUESTS, GUESTS / SERVERS_PER_TENANT, DAYS, SAMPLE_MINUTES, GUESTS * (1440 / SAMPLE_MINUTES));
        System.out.printf("  %-10s %9s %12s %10s %11s %11s %9s%n", "day", "db MB", "samples MB", "partitions",
                "rollup MB", "day s", "");
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = FIRST.plusDays(d);
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = start.plus(Duration.ofDays(1));
            long t0 = System.nanoTime();
            insertSamples(catalog, start);
            for (Instant h = start; h.isBefore(end); h = h.plus(Duration.ofHours(6))) {
                rollups.rollup(h, h.plus(Duration.ofHours(6)));
            }
            rollups.mark(end);
            Retention.Report report = retention.run(end);
            double daySeconds = (System.nanoTime() - t0) / 1e9;
            boolean monthEnd = day.plusDays(1).getDayOfMonth() == 1;
            if ((d + 1) % 10 == 0 || monthEnd || d == 0) {
                System.out.printf("  %-10s %9.0f %12.0f %10d %11.0f %11.1f %9s%n", day, mb("select "
                        + "pg_database_size(current_database())"), mb("select coalesce(sum(pg_total_relation_size("
                        + "c.oid)), 0) from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = "
                        + "'meter_sample'::regclass"), partitions.partitions().size(),
                        mb("select pg_total_relation_size('usage_hour')"), daySeconds,
                        report.partitionsDropped().isEmpty() ? "" : "-" + report.partitionsDropped().size() + " part");
            }
            if (monthEnd) {
                YearMonth month = YearMonth.from(day);
                long r0 = System.nanoTime();
                RunResult result = run.run(month, "soak");
                double runSeconds = (System.nanoTime() - r0) / 1e9;
                UUID tenant = tenant(GUESTS / SERVERS_PER_TENANT / 2);
                long l0 = System.nanoTime();
                int listed = invoices.list(tenant).size();
                double listMs = (System.nanoTime() - l0) / 1e6;
                System.out.printf("  invoice run for %s: %.1f s for %,d tenants; one tenant's invoice list (%d): "
                        + "%.1f ms%n", month, runSeconds, result.outcomes().size(), listed, listMs);
            }
        }
        System.out.println();
    }

    @Transactional
    @TransactionConfiguration(timeout = 3600)
    void load(Fixtures.Catalog c) {
        int tenants = GUESTS / SERVERS_PER_TENANT;
        em.createNativeQuery("insert into tenant (id, name, kind, currency, time_zone, created_at) "
                + "select md5('st' || i)::uuid, 'Soak tenant ' || i, 'CUSTOMER', 'EUR', 'UTC', '2025-01-01' "
                + "from generate_series(1, :n) i").setParameter("n", tenants).executeUpdate();
        em.createNativeQuery("insert into guest (id, node_id, owner_ref, hostname, vcpus, memory_mib, disk_gib, "
                + "template_id, status, created_at, updated_at) select md5('sg' || i)::uuid, :node, "
                + "md5('st' || ((i - 1) / 10 + 1))::uuid, 's' || i || '.soak', 1, 512, 10, :tpl, 'RUNNING', "
                + "'2025-12-01', '2025-12-01' from generate_series(1, :n) i")
                .setParameter("node", c.node()).setParameter("tpl", c.template()).setParameter("n", GUESTS)
                .executeUpdate();
        em.createNativeQuery("insert into server (id, tenant_id, hostname, plan_id, template_id, region_id, "
                + "created_at) select md5('sg' || i)::uuid, md5('st' || ((i - 1) / 10 + 1))::uuid, "
                + "'s' || i || '.soak', :plan, :tpl, :region, timestamptz '2025-12-01 00:00Z' "
                + "from generate_series(1, :n) i")
                .setParameter("plan", c.plan()).setParameter("tpl", c.template()).setParameter("region", c.region())
                .setParameter("n", GUESTS).executeUpdate();
    }

    /** One day of samples of every guest, counters rising steadily, as the meter store would have written them. */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    void insertSamples(Fixtures.Catalog c, Instant day) {
        em.createNativeQuery("""
                insert into meter_sample (guest_id, node_id, taken_at, series, cpu_time_ns, net_rx_bytes, net_tx_bytes,
                                          block_read_bytes, block_write_bytes, cpu_ns_delta, net_rx_delta,
                                          net_tx_delta, block_read_delta, block_write_delta)
                select md5('sg' || g)::uuid, :node, t, 1, n * 6000000000, n * 1000003, n * 2000003 + g, n * 4096,
                       n * 8192, 6000000000, 1000003, 2000003, 4096, 8192
                from generate_series(1, :guests) g,
                     generate_series(cast(:day as timestamptz), cast(:day as timestamptz) + interval '1 day'
                                     - make_interval(mins => :step), make_interval(mins => :step)) t,
                     lateral (select extract(epoch from t)::bigint / 60 as n) counter
                """).setParameter("node", c.node()).setParameter("guests", GUESTS).setParameter("day", day)
                .setParameter("step", SAMPLE_MINUTES).executeUpdate();
    }

    @Transactional
    double mb(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).doubleValue() / (1024 * 1024);
    }

    @Transactional
    UUID tenant(int i) {
        return (UUID) em.createNativeQuery("select md5('st' || :i)::uuid").setParameter("i", i).getSingleResult();
    }
}
