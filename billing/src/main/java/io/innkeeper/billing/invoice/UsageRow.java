package io.innkeeper.billing.invoice;

import java.time.Instant;
import java.util.UUID;

/** One server's hourly usage, as the rollup stored it. */
public record UsageRow(UUID serverId, String hostname, Instant hour, int existenceSeconds, int runningSeconds,
        long cpuNs, long rxBytes, long txBytes, long readBytes, long writeBytes) {
}
