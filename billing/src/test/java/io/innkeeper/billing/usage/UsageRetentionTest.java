package io.innkeeper.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import io.innkeeper.billing.testing.BillingData;

/**
 * Billing's hourly usage is kept for its retention and then deleted, for every tenant, in small batches; never the
 * hours of the last {@link UsageRetention#SHORTEST}, whatever the setting says.
 */
@QuarkusTest
class UsageRetentionTest {

    /** Long before any other test's usage, which a purge across all tenants must not touch. */
    private static final Instant NOW = Instant.parse("2001-06-01T00:00:00Z");

    @Inject
    BillingData data;

    @Inject
    UsageRetention retention;

    @Test
    void hoursPastTheRetentionGoAndTheLastSeventyDaysStay() {
        UUID plan = data.plan("0.0100", "5.00", 1);
        UUID[] servers = new UUID[3];
        for (int t = 0; t < servers.length; t++) {
            UUID tenant = data.tenant("usage-retention-" + t, "UTC", null);
            servers[t] = data.server(tenant, plan, Instant.parse("2000-06-01T00:00:00Z"), null);
            for (int day : new int[] {200, 100, 75, 60, 1}) {
                for (int h = 0; h < 3; h++) {
                    hour(servers[t], tenant, NOW.minus(Duration.ofDays(day)).plus(Duration.ofHours(h)));
                }
            }
        }

        // Asked to keep 30 days: only what is older than 70 days goes, two rows per transaction.
        long deleted = retention.purge(NOW, NOW.minus(Duration.ofDays(30)), 2);

        assertThat(deleted).as("3 servers x 3 days x 3 hours").isEqualTo(27);
        for (UUID server : servers) {
            assertThat(hours(server, NOW.minus(Duration.ofDays(70)))).as("older than 70 days").isZero();
            assertThat(hours(server, NOW)).as("the last 70 days, untouched").isEqualTo(6);
        }
        assertThat(retention.purge(NOW, NOW.minus(Duration.ofDays(30)), 2)).as("nothing left to do").isZero();
    }

    private void hour(UUID server, UUID tenant, Instant hour) {
        data.update("insert into usage_hour (server_id, hour, tenant_id, samples, existence_seconds, running_seconds, "
                + "cpu_ns, net_rx_bytes, net_tx_bytes, disk_read_bytes, disk_write_bytes) "
                + "values (?1, ?2, ?3, 60, 3600, 3600, 0, 0, 0, 0, 0)", server, hour, tenant);
    }

    private long hours(UUID server, Instant before) {
        return data.sum("select count(*) from usage_hour where server_id = ?1 and hour < ?2", server, before);
    }
}
