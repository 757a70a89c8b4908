package io.innkeeper.provisioning.driver;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Cumulative counters of one running guest since it started. A counter the node cannot report is empty, not
 * zero, so metering never bills a gap as "no use".
 */
public record GuestStats(UUID id, OptionalLong cpuTimeNs, OptionalLong netRxBytes, OptionalLong netTxBytes,
        OptionalLong blockReadBytes, OptionalLong blockWriteBytes) {

    public GuestStats {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cpuTimeNs, "cpuTimeNs");
        Objects.requireNonNull(netRxBytes, "netRxBytes");
        Objects.requireNonNull(netTxBytes, "netTxBytes");
        Objects.requireNonNull(blockReadBytes, "blockReadBytes");
        Objects.requireNonNull(blockWriteBytes, "blockWriteBytes");
    }
}
