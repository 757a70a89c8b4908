package io.innkeeper.billing.rating;

import java.time.Instant;
import java.util.UUID;

/** A snapshot of a server, its size and how long it was kept (deleted is null while it is kept). */
public record SnapshotLife(UUID serverId, String hostname, String name, long sizeGib, Instant created,
        Instant deleted) {
}
