package io.innkeeper.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.ProvisioningService;
import io.innkeeper.provisioning.driver.DriverException;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.ip.Address;
import io.innkeeper.tenancy.Scope;

/** Reads of servers, always within a caller's {@link Scope}. */
@ApplicationScoped
public class ServerQueries {

    private static final Logger LOG = Logger.getLogger(ServerQueries.class);

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    ProvisioningService provisioning;

    /** The server's IP addresses, IPv4 first; the caller has already found the server within its scope. */
    public List<Address> addresses(Server server) {
        return provisioning.addresses(server.id);
    }

    /** How many of the scope's live servers are in each state. */
    public Map<GuestStatus, Long> countByStatus(Scope scope) {
        Map<GuestStatus, Long> counts = new EnumMap<>(GuestStatus.class);
        em.createQuery("select new io.innkeeper.orders.ServerQueries$StatusCount(s.guest.status, count(s)) "
                + "from Server s where s.tenant.id in :tenants and s.deletedAt is null group by s.guest.status",
                StatusCount.class)
                .setParameter("tenants", scope.tenantIds())
                .getResultList()
                .forEach(row -> counts.put(row.status(), row.count()));
        return counts;
    }

    /** How many servers are in a state. */
    public record StatusCount(GuestStatus status, Long count) {
    }

    /**
     * The console of a server in the scope, its log's last {@code maxBytes}; {@link NotFound} outside it. The
     * server is found in a transaction of its own that ends before the node is asked, so call it outside one.
     */
    public ServerConsole console(Scope scope, UUID id, int maxBytes) {
        return console(consoleSource(scope, id), maxBytes);
    }

    /** Where the console of a server of the scope is read from, in a short transaction of its own. */
    public ProvisioningService.ConsoleSource consoleSource(Scope scope, UUID id) {
        return io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting()
                .call(() -> provisioning.consoleSource(get(scope, id).guest));
    }

    /** Where the console of this server (found by the caller) is read from. */
    public ProvisioningService.ConsoleSource consoleSource(Server server) {
        return provisioning.consoleSource(server.guest);
    }

    /**
     * The console read from its node now, with no transaction needed. A node that cannot or does not answer is a
     * state to show, never an error page.
     */
    public ServerConsole console(ProvisioningService.ConsoleSource source, int maxBytes) {
        Instant now = clock.instant();
        UUID serverId = source.guestId();
        try {
            return ServerConsole.of(provisioning.consoleTail(source, maxBytes), now);
        } catch (DriverException.Unsupported e) {
            return ServerConsole.none(ServerConsole.State.UNSUPPORTED, now);
        } catch (DriverException.NotFoundOnHost e) {
            return ServerConsole.none(ServerConsole.State.NOT_ON_NODE, now);
        } catch (DriverException e) {
            LOG.infof("console of server %s unreadable: %s", serverId, e.getMessage());
            return ServerConsole.none(ServerConsole.State.UNREACHABLE, now);
        }
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
