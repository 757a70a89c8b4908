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

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    io.innkeeper.provisioning.ProvisioningService provisioning;

    public UUID order(UUID tenant, Fixtures.Catalog catalog, String hostname) {
        return orders.order(Actor.SYSTEM, Scope.of(tenant), new OrderRequest(hostname, catalog.region().toString(),
                catalog.plan().toString(), catalog.template().toString())).server().id;
    }

    /**
     * Orders a server whose create job is already claimed by {@code worker} for {@code lease}, in the same
     * transaction, so the panel's own worker cannot take it until the lease runs out.
     */
    @Transactional
    public UUID orderHeldBy(UUID tenant, Fixtures.Catalog catalog, String hostname, String worker,
            java.time.Duration lease) {
        UUID id = order(tenant, catalog, hostname);
        em.createNativeQuery("update job set state = 'RUNNING', attempts = 1, lease_owner = :w, "
                + "lease_until = now() + make_interval(secs => :s) where guest_id = :g and kind = 'CREATE'")
                .setParameter("w", worker)
                .setParameter("s", (double) lease.toSeconds())
                .setParameter("g", id)
                .executeUpdate();
        return id;
    }

    @Transactional
    public GuestStatus status(UUID serverId) {
        Guest guest = Guest.findById(serverId);
        return guest == null ? null : guest.status;
    }

    /** Puts the guest in a status by hand, as a job in flight would, for a test of what that status refuses. */
    @Transactional
    public void setStatus(UUID serverId, GuestStatus status) {
        Guest.<Guest>findById(serverId).status = status;
    }

    @Transactional
    public long live(UUID tenant) {
        return Server.count("tenant.id = ?1 and deletedAt is null", tenant);
    }

    /** Servers of the tenant that run or are about to. */
    @Transactional
    public long runningOf(UUID tenant) {
        return Guest.count("ownerRef = ?1 and status in ?2", tenant, java.util.List.of(GuestStatus.RUNNING,
                GuestStatus.PROVISIONING, GuestStatus.STARTING, GuestStatus.REBOOTING, GuestStatus.STOPPING));
    }

    @Transactional
    public long withHostname(String hostname) {
        return Server.count("hostname", hostname);
    }

    /** The server's addresses as text, IPv4 first. */
    @Transactional
    public java.util.List<String> addresses(UUID serverId) {
        return provisioning.addresses(serverId).stream().filter(a -> a.family() == 4)
                .map(io.innkeeper.provisioning.ip.Address::address).toList();
    }

    /** Deletes the server and waits for its delete job, as a customer's delete would. */
    public void deleteNow(UUID serverId) {
        UUID tenant = tenantOf(serverId);
        orders.delete(Actor.SYSTEM, Scope.of(tenant), serverId);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> deleted(serverId));
    }

    @Transactional
    UUID tenantOf(UUID serverId) {
        return Server.<Server>findById(serverId).tenant.id;
    }

    @Transactional
    public boolean deleted(UUID serverId) {
        Server server = Server.findById(serverId);
        return server != null && server.deletedAt != null;
    }
}
