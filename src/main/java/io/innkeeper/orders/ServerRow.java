package io.innkeeper.orders;

import java.time.Instant;
import java.util.UUID;

import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * One server as every server list reads it ({@link ListServers}); each list shows the part it needs. {@code deletedAt}
 * is null but in a list of deleted servers.
 */
public record ServerRow(UUID id, String hostname, GuestStatus status, Ref account, Ref region, Ref plan,
        int planVersion, Ref template, Ref node, int vcpus, int memoryMib, int diskGib, String externalRef,
        Instant createdAt, Instant deletedAt) {

    /** A row the server refers to: its id, its code (null where it has none: accounts, nodes) and its name. */
    public record Ref(UUID id, String code, String name) {
    }

    public ServerFilter.Cursor cursor() {
        return new ServerFilter.Cursor(createdAt, id);
    }
}
