package io.innkeeper.orders;

import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.ProvisioningService;

/**
 * The admin's use case for power actions on any tenant's server, one transaction each. They skip the customer's
 * checks (suspension, running quota): an admin starting a server of a suspended tenant means it. The guest must
 * still be in the state the action starts from.
 */
@ApplicationScoped
public class ServerForce {

    /** What an admin may force. */
    public enum Action {
        START,
        POWER_OFF
    }

    @Inject
    ProvisioningService provisioning;

    @Inject
    Audit audit;

    @Transactional
    public void force(Actor actor, UUID serverId, Action action) {
        Server server = Server.findById(serverId);
        if (server == null || server.deletedAt != null) {
            throw new NotFound("server");
        }
        String before = server.guest.status.name();
        try {
            switch (action) {
                case START -> provisioning.start(serverId);
                case POWER_OFF -> provisioning.powerOff(serverId);
            }
        } catch (IllegalStateException e) {
            throw InvalidInput.of("form", server.hostname + ": " + e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("server.force." + action.name().toLowerCase(java.util.Locale.ROOT),
                "server", serverId, server.tenant.id, "forced by an admin", Map.of("status", before),
                Map.of("status", server.guest.status.name())));
    }
}
