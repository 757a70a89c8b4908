package io.innkeeper.provisioning.driver;

import java.time.Instant;
import java.util.Objects;

/** A guest snapshot as the node keeps it; {@code state} is the power state a revert returns to. */
public record Snapshot(String name, String description, Instant createdAt, PowerState state) {

    public Snapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
    }
}
