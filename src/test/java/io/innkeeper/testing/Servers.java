package io.innkeeper.testing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.orders.OrderRequest;
import io.innkeeper.orders.OrderService;
import io.innkeeper.orders.Server;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.tenancy.Scope;

/** Reads and orders servers directly, to arrange a test or check what a request stored. */
@ApplicationScoped
public class Servers {

    @Inject
    OrderService orders;

    public UUID order(UUID tenant, Fixtures.Catalog catalog, String hostname) {
        return orders.order(Actor.SYSTEM, Scope.of(tenant), new OrderRequest(hostname, catalog.region().toString(),
                catalog.plan().toString(), catalog.template().toString())).server().id;
    }

    @Transactional
    public GuestStatus status(UUID serverId) {
        Guest guest = Guest.findById(serverId);
        return guest == null ? null : guest.status;
    }

    @Transactional
    public long live(UUID tenant) {
        return Server.count("tenant.id = ?1 and deletedAt is null", tenant);
    }

    @Transactional
    public long withHostname(String hostname) {
        return Server.count("hostname", hostname);
    }

    @Transactional
    public boolean deleted(UUID serverId) {
        Server server = Server.findById(serverId);
        return server != null && server.deletedAt != null;
    }
}
