package io.innkeeper.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.invoice.InvoiceQueries;
import io.innkeeper.billing.invoice.TenantInvoicer;
import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.billing.usage.UsageRollups;
import io.innkeeper.kernel.Money;
import io.innkeeper.provisioning.metering.MeterPartitions;

/**
 * The acceptance test of bounded meter samples (#25). Timeline (UTC), with the default retention of 35 days:
 * <pre>
 * 2025-03-10 .. 03-12  hourly samples of two tenants' servers, in the days' own partitions; rolled up, and tenant A
 *                      invoiced for March
 * 2025-03-20           a sample that landed in the default partition (no partition for its day)
 * 2025-05-01           a sample in its day's partition; 2025-05-03 one in the default partition
 * 2025-05-10           now: samples before 2025-04-05 are past their retention; rolled up until now
 * </pre>
 * The retention runs twice at once (two threads, standing for two panel replicas on one database) and then once more:
 * the March partitions are gone, each dropped once, the March sample in the default partition is deleted, nothing of
 * May is touched, tenant A's invoice is unchanged and tenant B, invoiced for March only now, gets the same total.
 */
@QuarkusTest
class RetentionTest {

    static final Instant NOW = Instant.parse("2025-05-10T00:00:00Z");
    static final YearMonth MARCH = YearMonth.of(2025, 3);
    static final LocalDate FIRST = LocalDate.of(2025, 3, 10);

    @Inject
    Retention retention;

    @Inject
    MeterPartitions partitions;

    @Inject
    UsageRollups rollups;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries invoices;

    @Inject
    BillingData data;

    @Test
    void dropsRolledUpPartitionsPastRetentionOnceAndLeavesInvoicesAlone() throws Exception {
        partitions.prepare(FIRST, 3);
        partitions.prepare(LocalDate.of(2025, 5, 1), 1);
        UUID plan = data.plan("0.0100", "5.00", 1);
        UUID tenantA = data.tenant("retention-a", "UTC", null);
        UUID tenantB = data.tenant("retention-b", "UTC", null);
        List<UUID> servers = new ArrayList<>();
        for (UUID tenant : List.of(tenantA, tenantB)) {
            UUID server = data.server(tenant, plan, FIRST.atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                    Instant.parse("2025-03-13T00:00:00Z"));
            servers.add(server);
            for (int h = 0; h < 72; h++) {
                data.sample(server, Instant.parse("2025-03-10T00:00:00Z").plus(Duration.ofHours(h)), h * 70_000_000L);
            }
        }
        UUID other = data.server(data.tenant("retention-c", "UTC", null), plan,
                Instant.parse("2025-03-15T00:00:00Z"), null);
        data.sample(other, Instant.parse("2025-03-20T12:00:00Z"), 1);
        data.sample(other, Instant.parse("2025-05-01T12:00:00Z"), 2);
        data.sample(other, Instant.parse("2025-05-03T12:00:00Z"), 3);
        assertThat(partitionOf(servers.get(0), "2025-03-11T05:00:00Z")).isEqualTo("meter_sample_p20250311");
        assertThat(partitionOf(other, "2025-03-20T12:00:00Z")).isEqualTo("meter_sample_default");
        assertThat(partitionOf(other, "2025-05-01T12:00:00Z")).isEqualTo("meter_sample_p20250501");

        rollups.rollup(Instant.parse("2025-03-10T00:00:00Z"), Instant.parse("2025-03-13T00:00:00Z"));
        rollups.rollup(Instant.parse("2025-03-20T00:00:00Z"), Instant.parse("2025-03-21T00:00:00Z"));
        rollups.mark(NOW);
        UUID invoiceA = invoicer.invoice(tenantA, MARCH).invoiceId();
        Money totalA = invoices.get(tenantA, invoiceA).orElseThrow().total();
        // 72 hours at 0.01, and the traffic over the pool at 0.01 per started GB: read from the samples.
        assertThat(totalA).isEqualTo(Money.of("0.77", "EUR"));
        long usageBefore = usage(servers);

        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Retention.Report>> replicas = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            replicas.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return retention.run(NOW);
            }));
        }
        List<String> dropped = new ArrayList<>();
        long fromDefault = 0;
        for (var replica : replicas) {
            dropped.addAll(replica.get().partitionsDropped());
            fromDefault += replica.get().samplesDeletedFromDefault();
        }
        Retention.Report again = retention.run(NOW);

        assertThat(dropped).as("each old partition dropped by one replica")
                .containsOnlyOnce("meter_sample_p20250310", "meter_sample_p20250311", "meter_sample_p20250312")
                .doesNotContain("meter_sample_p20250501");
        assertThat(again.partitionsDropped()).isEmpty();
        assertThat(partitions.partitions()).doesNotContain("meter_sample_p20250310", "meter_sample_p20250311",
                "meter_sample_p20250312").contains("meter_sample_p20250501", "meter_sample_p20250510",
                        "meter_sample_p20250517", "meter_sample_default");
        assertThat(fromDefault).isGreaterThanOrEqualTo(1);
        assertThat(data.sum("select count(*) from meter_sample where guest_id = ?1 or guest_id = ?2", servers.get(0),
                servers.get(1))).isZero();
        assertThat(data.sum("select count(*) from meter_sample where guest_id = ?1 and taken_at < ?2", other,
                Instant.parse("2025-04-05T00:00:00Z"))).isZero();
        assertThat(data.sum("select sum(net_tx_delta) from meter_sample where guest_id = ?1", other))
                .as("the May samples, untouched").isEqualTo(2);
        assertThat(data.sum("select count(*) from meter_sample where guest_id = ?1", other)).isEqualTo(2);

        assertThat(usage(servers)).as("billing's hourly usage").isEqualTo(usageBefore);
        assertThat(invoices.get(tenantA, invoiceA).orElseThrow().total()).isEqualTo(totalA);
        UUID invoiceB = invoicer.invoice(tenantB, MARCH).invoiceId();
        assertThat(invoices.get(tenantB, invoiceB).orElseThrow().total()).as("invoiced after the drop")
                .isEqualTo(totalA);
    }

    private String partitionOf(UUID guest, String at) {
        return data.string("select cast(tableoid::regclass as text) from meter_sample where guest_id = ?1 "
                + "and taken_at = ?2", guest, Instant.parse(at));
    }

    private long usage(List<UUID> servers) {
        return data.sum("select coalesce(sum(net_tx_bytes + existence_seconds), 0) from usage_hour "
                + "where server_id = ?1 or server_id = ?2", servers.get(0), servers.get(1));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
