package io.innkeeper.orders;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.innkeeper.audit.Actor;
import io.innkeeper.audit.Audit;
import io.innkeeper.kernel.InvalidInput;
import io.innkeeper.kernel.NotFound;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.JobHistory;
import io.innkeeper.provisioning.node.Migrations;
import io.innkeeper.provisioning.node.NoCapacity;
import io.innkeeper.provisioning.node.Placement;

/**
 * The admin's use cases for one server of any tenant: the server as an admin sees it, its console and jobs, and
 * moving it to a node the admin chooses by offline migration ({@link Migrations#migrate}, which checks type, region,
 * state, snapshots and room again under lock).
 */
@ApplicationScoped
public class ServerMove {

    /** The server, where it runs and what it takes there. */
    public record View(UUID id, String hostname, UUID tenantId, String tenant, UUID nodeId, String node,
            String region, String guestType, GuestStatus status, int vcpus, long memoryMib, long diskGib,
            String plan) {

        /** Whether the server is between states (a job works on it), so the page keeps itself up to date. */
        public boolean busy() {
            return status.busy();
        }
    }

    /** A node the server could move to now. */
    public record Target(UUID id, String name) {
    }

    /** One of the server's jobs, newest first. */
    public record JobLine(UUID id, String kind, String state, String step, String error, Instant createdAt) {
    }

    @Inject
    JobHistory history;

    @Inject
    Placement placement;

    @Inject
    Migrations migrations;

    @Inject
    Audit audit;

    @Inject
    ServerQueries queries;

    @Transactional
    public View view(UUID serverId) {
        Server server = live(serverId);
        Guest guest = server.guest;
        return new View(server.id, server.hostname, server.tenant.id, server.tenant.name, guest.node.id,
                guest.node.name, guest.node.region.name, guest.node.guestType, guest.status, guest.vcpus,
                guest.memoryMib, guest.diskGib, server.plan.name);
    }

    /**
     * The end of the server's serial console, read from its node now, whichever tenant it belongs to. Reading
     * changes nothing, so it is not audited.
     */
    public ServerConsole console(UUID serverId) {
        // The server is read in a transaction that ends before the node is asked: a slow node holds no connection.
        var source = io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting()
                .call(() -> queries.consoleSource(live(serverId)));
        return queries.console(source, ServerConsole.TAIL_BYTES);
    }

    /** Active nodes of the server's type and region, other than its own, with room for it. */
    @Transactional
    public List<Target> targets(UUID serverId) {
        Guest guest = live(serverId).guest;
        return placement.withRoom(guest.node.region.id, guest.node.guestType,
                new Placement.Need(guest.vcpus, guest.memoryMib, guest.diskGib)).stream()
                .filter(n -> !n.id.equals(guest.node.id)).map(n -> new Target(n.id, n.name)).toList();
    }

    /** The server's ten newest jobs. */
    public List<JobLine> jobs(UUID serverId) {
        return history.recent(serverId, 10).stream().map(j -> new JobLine(j.id(), j.kind().name(), j.state().name(),
                j.step(), j.error(), j.createdAt())).toList();
    }

    /**
     * Starts the offline migration of the server to {@code target}; a refusal names the {@code target} field and
     * changes nothing.
     */
    @Transactional
    public void move(Actor actor, UUID serverId, String target) {
        Server server = live(serverId);
        UUID targetId;
        try {
            targetId = UUID.fromString(target == null ? "" : target.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("target", "Choose the node to move " + server.hostname + " to.");
        }
        String from = server.guest.node.name;
        try {
            migrations.migrate(serverId, targetId);
        } catch (IllegalStateException | IllegalArgumentException | NoCapacity e) {
            throw InvalidInput.of("target", e.getMessage());
        }
        audit.changed(actor, new Audit.Entry("server.move", "server", serverId, server.tenant.id,
                "offline migration by an admin", Map.of("node", from), Map.of("node", server.guest.node.name)));
    }

    private static Server live(UUID serverId) {
        Server server = Server.findById(serverId);
        if (server == null || server.deletedAt != null) {
            throw new NotFound("server");
        }
        return server;
    }
}
