package io.innkeeper.portal.admin.servers;

import java.time.Instant;
import java.util.UUID;

import io.innkeeper.orders.ServerFilter;
import io.innkeeper.provisioning.guest.GuestStatus;

/** One line of the all-servers list. */
public record ServerRow(UUID id, String hostname, UUID tenantId, String tenant, UUID nodeId, String node,
        GuestStatus status, String planCode, String plan, int planVersion, Instant createdAt) {

    static ServerRow of(io.innkeeper.orders.ServerRow s) {
        return new ServerRow(s.id(), s.hostname(), s.account().id(), s.account().name(), s.node().id(),
                s.node().name(), s.status(), s.plan().code(), s.plan().name(), s.planVersion(), s.createdAt());
    }

    public ServerFilter.Cursor cursor() {
        return new ServerFilter.Cursor(createdAt, id);
    }
}
