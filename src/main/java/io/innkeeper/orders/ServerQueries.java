package io.innkeeper.orders;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.tenancy.Scope;

/** Reads of servers, always within a caller's {@link Scope}. */
@ApplicationScoped
public class ServerQueries {

    @Inject
    EntityManager em;

    @Inject
    ProvisioningService provisioning;

    /** The server's IP addresses, IPv4 first; the caller has already found the server within its scope. */
    public List<Address> addresses(Server server) {
        return provisioning.addresses(server.id);
    }

    /** The scope's live servers, newest first, with what a list shows fetched in the same query. */
    public List<Server> list(Scope scope, int offset, int limit) {
        return em.createQuery("select s from Server s join fetch s.guest join fetch s.plan join fetch s.template "
                + "join fetch s.region join fetch s.tenant where s.tenant.id in :tenants and s.deletedAt is null "
                + "order by s.createdAt desc, s.id", Server.class)
                .setParameter("tenants", scope.tenantIds())
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The server's snapshots, oldest first. */
    public List<io.innkeeper.provisioning.guest.GuestSnapshot> snapshots(Server server) {
        return provisioning.snapshots(server.id);
    }

    /** A server of the scope that is not deleted; {@link NotFound} (404) otherwise, whoever else owns it. */
    public Server get(Scope scope, UUID id) {
        return em.createQuery("select s from Server s join fetch s.guest join fetch s.plan join fetch s.template "
                + "join fetch s.region where s.id = :id and s.tenant.id in :tenants and s.deletedAt is null",
                Server.class)
                .setParameter("id", id)
                .setParameter("tenants", scope.tenantIds())
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> new NotFound("server"));
    }
}
