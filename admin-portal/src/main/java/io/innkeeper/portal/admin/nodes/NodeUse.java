package io.innkeeper.portal.admin.nodes;

import java.util.UUID;

/** A node, its capacity (after overcommit) and what its live guests use of it; maxGuests null for no cap. */
public record NodeUse(UUID id, String name, String region, String guestType, String uri, String state,
        long guests, long vcpusUsed, long vcpus, long memoryUsedMib, long memoryMib, long diskUsedGib, long diskGib,
        Long maxGuests) {

    public boolean inMaintenance() {
        return "MAINTENANCE".equals(state);
    }
}
