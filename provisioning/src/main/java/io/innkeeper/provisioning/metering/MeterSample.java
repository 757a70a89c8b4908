package io.innkeeper.provisioning.metering;

import java.time.Instant;
import java.util.UUID;

/** One stored sample of a guest: the raw cumulative counters and the use since the previous sample. */
public record MeterSample(UUID guestId, UUID nodeId, Instant takenAt, int series, Counters raw, Counters delta) {
}
