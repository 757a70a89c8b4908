package io.innkeeper.portal.admin.nodes;

import java.util.UUID;

import io.innkeeper.provisioning.node.NodeState;
import io.innkeeper.provisioning.node.Nodes;

/** A node, its capacity (after overcommit) and what its live guests use of it; maxGuests null for no cap. */
public record NodeUse(UUID id, String name, String region, String guestType, String uri, String state,
        long guests, long vcpusUsed, long vcpus, long memoryUsedMib, long memoryMib, long diskUsedGib, long diskGib,
        Long maxGuests, boolean inMaintenance) {

    public static NodeUse of(Nodes.NodeRow row) {
        var capacity = row.capacity();
        var load = row.load();
        return new NodeUse(row.id(), row.name(), row.region(), row.guestType(), row.uri(), row.state().name(),
                load.guests(), load.vcpus(), capacity.offeredVcpus(), load.memoryMib(), capacity.offeredMemoryMib(),
                load.diskGib(), capacity.diskGib(), capacity.maxGuests() == null ? null : (long) capacity.maxGuests(),
                row.state() == NodeState.MAINTENANCE);
    }
}
