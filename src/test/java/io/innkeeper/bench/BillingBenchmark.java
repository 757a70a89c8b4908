package io.innkeeper.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.invoice.InvoiceRun;
import io.innkeeper.billing.invoice.Outcome;
import io.innkeeper.billing.invoice.RunResult;
import io.innkeeper.billing.usage.UsageRollups;
import io.innkeeper.provisioning.driver.GuestStats;
import io.innkeeper.provisioning.metering.MeterStore;
import io.innkeeper.testing.Fixtures;

/**
 * Billing at scale: the invoice run for 10,000 tenants with 10 servers each over a month of hourly rollups (74.4
 * million usage rows, bulk-loaded with INSERT ... SELECT), and the CPU one sample interval of 10,000 guests costs
 * the panel (the provisioning engine's meter store plus billing's share of the rollup). A benchmark, not a test: it
 * prints figures and asserts nothing about speed. Run with {@code bin/bench billing}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "innkeeper.bench", matches = "billing")
class BillingBenchmark {

    private static final int TENANTS = Integer.getInteger("innkeeper.bench.tenants", 10_000);
    private static final int SERVERS_PER_TENANT = 10;
    private static final int GUESTS_SAMPLED = Integer.getInteger("innkeeper.bench.guests", 10_000);
    private static final YearMonth MONTH = YearMonth.of(2026, 1);
    /**
     * Resellers with their own price lists (on unless {@code -Dinnkeeper.bench.resellers=false}): of each ten
     * tenants the first is a reseller invoicing its customers through the panel and the next four are its customers,
     * so the run issues 6,000 platform invoices and 4,000 resellers' invoices for 10,000 tenants.
     */
    private static final boolean RESELLERS = !"false".equals(System.getProperty("innkeeper.bench.resellers"));
    /** Run again on the data an earlier run loaded (with quarkus.flyway.clean-at-start=false): only its invoices go. */
    private static final boolean REUSE = Boolean.getBoolean("innkeeper.bench.reuse");

    @Inject
    Fixtures fixtures;

    @Inject
    EntityManager em;

    @Inject
    InvoiceRun run;

    @Inject
    MeterStore meters;

    @Inject
    UsageRollups rollups;

    @Test
    void invoiceRunAndIngestion() {
        Fixtures.Catalog catalog = fixtures.catalog();
        long loadStart = System.nanoTime();
        if (REUSE) {
            forgetInvoices();
        } else {
            loadTenantsAndServers(catalog);
            if (RESELLERS) {
                priceLists(catalog);
            }
            indexes(false);
            int chunks = 100;
            for (int c = 0; c < chunks; c++) {
                loadUsage(c * TENANTS * SERVERS_PER_TENANT / chunks + 1,
                        (c + 1) * TENANTS * SERVERS_PER_TENANT / chunks);
            }
            indexes(true);
            analyze();
        }
        // As an hour after the month's end in production: the rollup schedule has rolled the month up.
        rollups.mark(Instant.now());
        long rows = count("select count(*) from usage_hour");
        System.out.printf("%nBILLING BENCHMARK: %s %,d tenants, %,d servers, %,d hourly rollups in %.0f s%n",
                REUSE ? "reused" : "loaded", TENANTS, TENANTS * SERVERS_PER_TENANT, rows,
                (System.nanoTime() - loadStart) / 1e9);
        System.out.printf("  resellers with price lists: %,d, invoicing %,d customers; VAT seller country: %s%n",
                count("select count(*) from reseller_invoicing where active"),
                count("select count(*) from tenant t join reseller_invoicing r on r.reseller_id = t.parent_id"),
                System.getProperty("innkeeper.billing.tax.seller-country", "none"));

        long runStart = System.nanoTime();
        RunResult result = run.run(MONTH, "bench");
        double runSeconds = (System.nanoTime() - runStart) / 1e9;
        System.out.printf("  invoice run for %s: %.1f s for %,d tenants (%d issued, %d failed), %.2f ms per tenant%n",
                MONTH, runSeconds, result.outcomes().size(), result.count(Outcome.Kind.ISSUED),
                result.count(Outcome.Kind.FAILED), runSeconds * 1000 / result.outcomes().size());
        System.out.printf("  of which platform invoices %,d, resellers' invoices %,d, with VAT %,d%n",
                count("select count(*) from invoice"), count("select count(*) from reseller_invoice"),
                count("select count(*) from invoice where tax > 0")
                        + count("select count(*) from reseller_invoice where tax > 0"));
        long rerunStart = System.nanoTime();
        RunResult again = run.run(MONTH, "bench");
        System.out.printf("  the same run again (nothing to issue): %.1f s, %d issued%n",
                (System.nanoTime() - rerunStart) / 1e9, again.count(Outcome.Kind.ISSUED));

        ingestion(catalog);
    }

    private void ingestion(Fixtures.Catalog catalog) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<UUID> guests = guestIds(GUESTS_SAMPLED);
        // A reused database holds earlier runs' samples: sample a day after the latest.
        Instant at = Instant.parse("2026-02-01T10:00:00Z");
        if (REUSE) {
            at = at.plusSeconds(86_400 * (1 + count("select coalesce(extract(day from max(taken_at) - "
                    + "timestamptz '2026-02-01 10:00Z'), -1) from meter_sample")));
        }
        int intervals = 5;
        long[] cpu = new long[intervals];
        long[] wall = new long[intervals];
        for (int i = 0; i < intervals; i++) {
            List<GuestStats> readings = new ArrayList<>(guests.size());
            for (int g = 0; g < guests.size(); g++) {
                long v = (i + 1) * 1_000_000L + g;
                readings.add(new GuestStats(guests.get(g), OptionalLong.of(v * 1000), OptionalLong.of(v),
                        OptionalLong.of(v * 2), OptionalLong.of(v / 2), OptionalLong.of(v / 3)));
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            meters.record(catalog.node(), at.plusSeconds(60L * i), readings);
            cpu[i] = threads.getCurrentThreadCpuTime() - cpu0;
            wall[i] = System.nanoTime() - wall0;
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        int rolled = rollups.rollup(at.minusSeconds(3 * 3600), at.plusSeconds(3600));
        long rollupCpu = threads.getCurrentThreadCpuTime() - cpu0;
        long rollupWall = System.nanoTime() - wall0;
        double ingestCpu = median(cpu) / 1e9;
        // The rollup runs every 5 minutes (innkeeper.billing.rollup.interval): a fifth of it per 1-minute interval.
        double rollupShare = rollupCpu / 1e9 / 5;
        System.out.printf("  ingesting one sample interval of %,d guests (meter store, one transaction): "
                + "thread CPU %.2f s (median of %d), wall %.2f s%n", guests.size(), ingestCpu, intervals,
                median(wall) / 1e9);
        System.out.printf("  billing rollup of 4 hours for all %,d servers (%,d rows): thread CPU %.2f s, wall %.2f s; "
                + "per 1-minute interval %.2f s%n", TENANTS * SERVERS_PER_TENANT, rolled, rollupCpu / 1e9,
                rollupWall / 1e9, rollupShare);
        System.out.printf("  CPU per 1-minute interval: %.1f%% of one core (ingest %.1f%% + rollup share %.1f%%), "
                + "panel threads only, PostgreSQL's own CPU not included%n%n",
                (ingestCpu + rollupShare) / 60 * 100, ingestCpu / 60 * 100, rollupShare / 60 * 100);
    }

    @Transactional
    @TransactionConfiguration(timeout = 3600)
    void loadTenantsAndServers(Fixtures.Catalog c) {
        int servers = TENANTS * SERVERS_PER_TENANT;
        em.createNativeQuery("insert into tenant (id, name, kind, currency, time_zone, created_at) "
                + "select md5('bt' || i)::uuid, 'Bench tenant ' || i, 'CUSTOMER', 'EUR', "
                + "(array['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'])[1 + i % 4], '2025-01-01' "
                + "from generate_series(1, :n) i").setParameter("n", TENANTS).executeUpdate();
        em.createNativeQuery("insert into guest (id, node_id, owner_ref, hostname, vcpus, memory_mib, disk_gib, "
                + "template_id, status, created_at, updated_at) select md5('bg' || i)::uuid, :node, "
                + "md5('bt' || ((i - 1) / 10 + 1))::uuid, 'b' || i || '.bench', 1, 512, 10, :tpl, 'RUNNING', "
                + "'2025-12-01', '2025-12-01' from generate_series(1, :n) i")
                .setParameter("node", c.node()).setParameter("tpl", c.template()).setParameter("n", servers)
                .executeUpdate();
        // Most servers live all month; every third was created during it and every seventh deleted during it.
        em.createNativeQuery("insert into server (id, tenant_id, hostname, plan_id, template_id, region_id, "
                + "created_at, deleted_at) select md5('bg' || i)::uuid, md5('bt' || ((i - 1) / 10 + 1))::uuid, "
                + "'b' || i || '.bench', :plan, :tpl, :region, "
                + "case when i % 3 = 0 then timestamptz '2026-01-01 00:00Z' + (i % 20) * interval '1 day' "
                + "+ (i % 60) * interval '1 minute' else timestamptz '2025-12-01 00:00Z' end, "
                + "case when i % 7 = 0 then timestamptz '2026-01-25 00:00Z' + (i % 50) * interval '1 hour' end "
                + "from generate_series(1, :n) i")
                .setParameter("plan", c.plan()).setParameter("tpl", c.template()).setParameter("region", c.region())
                .setParameter("n", servers).executeUpdate();
    }

    /** Every tenth tenant a reseller with a price list, the next four its customers; all established in Germany. */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    void priceLists(Fixtures.Catalog c) {
        em.createNativeQuery("update tenant set country = 'DE' where name like 'Bench tenant %'").executeUpdate();
        em.createNativeQuery("update tenant set kind = 'RESELLER' where id in (select md5('bt' || i)::uuid "
                + "from generate_series(1, :n) i where i % 10 = 1)").setParameter("n", TENANTS).executeUpdate();
        em.createNativeQuery("update tenant t set parent_id = md5('bt' || (i - i % 10 + 1))::uuid "
                + "from generate_series(1, :n) i where t.id = md5('bt' || i)::uuid and i % 10 between 2 and 5")
                .setParameter("n", TENANTS).executeUpdate();
        em.createNativeQuery("insert into reseller_invoicing (reseller_id, active, seller_name, seller_address, "
                + "number_prefix, traffic_per_gb, snapshot_per_gb_month, updated_at) select md5('bt' || i)::uuid, true, "
                + "'Reseller ' || i, 'Street ' || i || chr(10) || '10115 Berlin', 'R' || i || '-', 0.02, 0.08, now() "
                + "from generate_series(1, :n) i where i % 10 = 1").setParameter("n", TENANTS).executeUpdate();
        em.createNativeQuery("insert into reseller_price (reseller_id, plan_code, hourly_price, monthly_cap) "
                + "select r.reseller_id, p.code, p.hourly_price * 1.3, p.monthly_cap * 1.3 "
                + "from reseller_invoicing r, plan p where p.id = :plan").setParameter("plan", c.plan())
                .executeUpdate();
    }

    @Transactional
    @TransactionConfiguration(timeout = 3600)
    void loadUsage(int from, int to) {
        em.createNativeQuery("""
                insert into usage_hour (server_id, hour, tenant_id, samples, existence_seconds, running_seconds,
                                        cpu_ns, net_rx_bytes, net_tx_bytes, disk_read_bytes, disk_write_bytes)
                select s.server, h, s.tenant, 60, 3600, 3540, 3600000000000, 1000003 * (s.i % 997),
                       2000003 * (s.i % 1013) + extract(hour from h)::bigint, 4096 * (s.i % 31), 8192 * (s.i % 29)
                from (select i, md5('bg' || i)::uuid as server, md5('bt' || ((i - 1) / 10 + 1))::uuid as tenant
                      from generate_series(:from, :to) i) s,
                     generate_series(timestamptz '2025-12-31 10:00Z', timestamptz '2026-02-01 04:00Z',
                                     interval '1 hour') h
                """).setParameter("from", from).setParameter("to", to).executeUpdate();
    }

    @Transactional
    @TransactionConfiguration(timeout = 3600)
    void forgetInvoices() {
        for (String table : new String[] { "dunning_step", "ledger_entry", "invoice_line", "invoice",
            "reseller_invoice_line", "reseller_invoice", "invoice_number", "invoice_run" }) {
            em.createNativeQuery("delete from " + table).executeUpdate();
        }
    }

    /** Bulk loading goes faster without the indexes; they are built once afterwards, as for any bulk load. */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    void indexes(boolean present) {
        if (present) {
            em.createNativeQuery("alter table usage_hour add primary key (server_id, hour)").executeUpdate();
            em.createNativeQuery("create index usage_hour_tenant on usage_hour (tenant_id, hour)").executeUpdate();
        } else {
            em.createNativeQuery("alter table usage_hour drop constraint usage_hour_pkey").executeUpdate();
            em.createNativeQuery("drop index usage_hour_tenant").executeUpdate();
        }
    }

    @Transactional
    @TransactionConfiguration(timeout = 3600)
    void analyze() {
        em.createNativeQuery("analyze usage_hour").executeUpdate();
        em.createNativeQuery("analyze server").executeUpdate();
        em.createNativeQuery("analyze tenant").executeUpdate();
    }

    @Transactional
    long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    @Transactional
    List<UUID> guestIds(int n) {
        return em.createNativeQuery("select id from guest where hostname like '%.bench' order by id", UUID.class)
                .setMaxResults(n).getResultList();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
