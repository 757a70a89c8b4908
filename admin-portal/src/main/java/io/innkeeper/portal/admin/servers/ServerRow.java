package io.innkeeper.portal.admin.servers;

import java.time.Instant;
import java.util.UUID;

import io.innkeeper.orders.ServerActions;
import io.innkeeper.orders.ServerFilter;
import io.innkeeper.provisioning.guest.GuestStatus;

/**
 * One line of the all-servers list, with what the admin may force on it: a start or a power-off, from the states
 * the customer's own start and power-off need ({@link ServerActions#stateRefusal}).
 */
public record ServerRow(UUID id, String hostname, UUID tenantId, String tenant, UUID nodeId, String node,
        GuestStatus status, String planCode, String plan, int planVersion, Instant createdAt, boolean canForceStart,
        boolean canForcePowerOff) {

    static ServerRow of(io.innkeeper.orders.ServerRow s) {
        return new ServerRow(s.id(), s.hostname(), s.account().id(), s.account().name(), s.node().id(),
                s.node().name(), s.status(), s.plan().code(), s.plan().name(), s.planVersion(), s.createdAt(),
                ServerActions.stateRefusal(ServerActions.Action.START, s.status()).isEmpty(),
                ServerActions.stateRefusal(ServerActions.Action.POWER_OFF, s.status()).isEmpty());
    }

    public ServerFilter.Cursor cursor() {
        return new ServerFilter.Cursor(createdAt, id);
    }
}
