package io.innkeeper.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.testing.BillingData;

@QuarkusTest
class UsageRollupsTest {

    static final Instant H10 = Instant.parse("2026-03-04T10:00:00Z");

    @Inject
    BillingData data;

    @Inject
    UsageRollups rollups;

    @Inject
    RollupSchedule schedule;

    @Test
    void rollupIsExactIdempotentAndPicksUpLateSamples() {
        // 10:00:00  tx counter 4,000,000,007   10:01:00  tx 4,000,001,000
        // 10:02:00  guest rebooted: tx 13       (rollup runs here)
        // 10:03:00  tx 29, stored only after the rollup ran (committed late); the next rollup counts it
        UUID tenant = data.tenant("rollup", "UTC", null);
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-03-01T00:00:00Z"),
                null);
        data.sample(server, H10, 4_000_000_007L);
        data.sample(server, H10.plusSeconds(60), 4_000_001_000L);
        data.sample(server, H10.plusSeconds(120), 13);
        rollups.rollup(H10, H10.plusSeconds(3600));
        assertThat(row(server, "net_tx_bytes")).isEqualTo(4_000_001_013L);
        data.sample(server, H10.plusSeconds(180), 29);
        rollups.rollup(H10.minusSeconds(7200), H10.plusSeconds(3600));
        List<Long> once = rowValues(server);
        assertThat(once.get(0)).isEqualTo(4_000_001_029L);
        assertThat(row(server, "samples")).isEqualTo(4);
        assertThat(row(server, "existence_seconds")).isEqualTo(3600);
        // 10:00-10:01 and 10:02-10:03: the reboot at 10:02 breaks the series, so 10:01-10:02 is not counted.
        assertThat(row(server, "running_seconds")).isEqualTo(120);
        rollups.rollup(H10, H10.plusSeconds(3600));
        assertThat(rowValues(server)).isEqualTo(once);
        // Existence rows for the hours before, without samples.
        assertThat(data.sum("select count(*) from usage_hour where server_id = ?1 and hour < ?2", server, H10))
                .isEqualTo(2);
        assertThat(data.sum("select sum(net_tx_delta) from meter_sample where guest_id = ?1", server))
                .isEqualTo(4_000_001_029L);
    }

    @Test
    void scheduleCatchesUpAfterThePanelWasDown() {
        // 2026-05-06 08:00  the schedule rolled up (mark); then the panel was down
        // 2026-05-06 09:30  a sample was stored (by another replica, say)
        // 2026-05-06 20:00  the panel is back: the usual 3 h look-back would start at 17:00; it starts at the mark
        UUID tenant = data.tenant("catchup", "UTC", null);
        UUID server = data.server(tenant, data.plan("0.0100", "5.00", 1000), Instant.parse("2026-05-01T00:00:00Z"),
                null);
        rollups.mark(Instant.parse("2026-05-06T08:00:00Z"));
        data.sample(server, Instant.parse("2026-05-06T09:30:00Z"), 777);
        schedule.catchUp(Instant.parse("2026-05-06T20:00:00Z"));
        assertThat(data.sum("select net_tx_bytes from usage_hour where server_id = ?1 and hour = ?2", server,
                Instant.parse("2026-05-06T09:00:00Z"))).isEqualTo(777);
        assertThat(rollups.mark()).contains(Instant.parse("2026-05-06T20:00:00Z"));
    }

    long row(UUID server, String column) {
        return data.sum("select " + column + " from usage_hour where server_id = ?1 and hour = ?2", server, H10);
    }

    List<Long> rowValues(UUID server) {
        return List.of(row(server, "net_tx_bytes"), row(server, "net_rx_bytes"), row(server, "cpu_ns"),
                row(server, "samples"), row(server, "running_seconds"), row(server, "existence_seconds"));
    }
}
