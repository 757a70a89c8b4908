package io.innkeeper.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.testing.BillingData;
import io.innkeeper.billing.usage.UsageRollups;
import io.innkeeper.kernel.Money;
import io.innkeeper.provisioning.driver.GuestStats;
import io.innkeeper.provisioning.metering.MeterStore;

/**
 * A generated February: tenants with servers created and deleted at random hours, sampled once in every hour
 * they exist (at :05, deleted at :10), with random traffic and the odd reboot. Every invoice's total must be the
 * sum of its lines, its hours the number of samples, and its traffic the sum of the raw sample deltas.
 */
@QuarkusTest
class GeneratedMonthCrossCheckTest {

    static final YearMonth FEBRUARY = YearMonth.of(2026, 2);
    static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant END = Instant.parse("2026-03-01T00:00:00Z");

    @Inject
    BillingData data;

    @Inject
    MeterStore meters;

    @Inject
    UsageRollups rollups;

    @Inject
    TenantInvoicer invoicer;

    @Inject
    InvoiceQueries queries;

    record Life(UUID server, UUID tenant, int fromHour, int toHour) {
    }

    @Test
    void invoicesMatchTheRawSamples() {
        Random random = new Random(20260201);
        UUID plan = data.plan("0.0070", "4.00", 1);
        List<UUID> tenants = new ArrayList<>();
        List<Life> lives = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            UUID tenant = data.tenant("cross", "UTC", null);
            tenants.add(tenant);
            for (int s = 0; s < 3; s++) {
                int from = random.nextInt(400);
                int to = s == 0 ? 672 : from + 1 + random.nextInt(672 - from);
                Instant deleted = to == 672 ? null : START.plus(Duration.ofHours(to - 1)).plusSeconds(600);
                lives.add(new Life(data.server(tenant, plan, START.plus(Duration.ofHours(from)), deleted), tenant,
                        from, to));
            }
        }
        Map<UUID, Long> counters = new HashMap<>();
        for (int h = 0; h < 672; h++) {
            List<GuestStats> readings = new ArrayList<>();
            for (Life life : lives) {
                if (h < life.fromHour() || h >= life.toHour()) {
                    continue;
                }
                long next = random.nextInt(50) == 0 ? random.nextInt(1000)
                        : counters.getOrDefault(life.server(), 0L) + random.nextInt(300_000_000);
                counters.put(life.server(), next);
                readings.add(new GuestStats(life.server(), OptionalLong.of(next), OptionalLong.of(next / 3),
                        OptionalLong.of(next), OptionalLong.empty(), OptionalLong.empty()));
            }
            if (!readings.isEmpty()) {
                meters.record(data.catalog().node(), START.plus(Duration.ofHours(h)).plusSeconds(300), readings);
            }
        }
        rollups.rollup(START, END);
        for (UUID tenant : tenants) {
            InvoiceView invoice = queries.get(tenant, invoicer.invoice(tenant, FEBRUARY).invoiceId()).orElseThrow();
            Money sum = invoice.lines().stream().map(InvoiceView.LineView::amount)
                    .reduce(Money.zero(invoice.total().currency()), Money::plus);
            assertThat(invoice.total()).isEqualTo(sum);
            long hours = invoice.lines().stream().filter(l -> l.kind().equals("SERVER"))
                    .mapToLong(l -> l.quantity().longValueExact()).sum();
            assertThat(hours).isEqualTo(data.sum("select count(*) from meter_sample m join server s on s.id = "
                    + "m.guest_id where s.tenant_id = ?1 and m.taken_at >= ?2 and m.taken_at < ?3", tenant, START, END));
            assertThat(invoice.txBytes()).isEqualTo(data.sum("select sum(net_tx_delta) from meter_sample m join "
                    + "server s on s.id = m.guest_id where s.tenant_id = ?1 and m.taken_at >= ?2 and m.taken_at < ?3",
                    tenant, START, END));
            assertThat(invoice.lines()).filteredOn(l -> l.kind().equals("TRAFFIC")).singleElement()
                    .satisfies(l -> assertThat(l.quantity().longValue()).isEqualTo(
                            io.innkeeper.billing.rating.Rating.overageGb(invoice.txBytes(),
                                    java.math.BigDecimal.valueOf(invoice.poolBytes()))));
        }
    }
}
