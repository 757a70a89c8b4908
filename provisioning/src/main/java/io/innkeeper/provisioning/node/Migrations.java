package io.innkeeper.provisioning.node;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.provisioning.driver.NodeSettings;
import io.innkeeper.provisioning.guest.Guest;
import io.innkeeper.provisioning.guest.GuestSnapshot;
import io.innkeeper.provisioning.guest.GuestStatus;
import io.innkeeper.provisioning.job.JobKind;
import io.innkeeper.provisioning.job.JobQueue;

/**
 * Offline migration: a guest is shut down on its node, defined on another node of the same guest type and region,
 * started there if it ran before, and removed from the old node. The room moves to the new node in the
 * transaction that asks for the move, so two moves (or a move and an order) cannot both take a node's last room;
 * the job does the host work. Live migration is not built yet.
 */
@ApplicationScoped
public class Migrations {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Placement placement;

    @Inject
    JobQueue jobs;

    /** What a migration job needs to know about where the guest came from; carried in the job's argument. */
    public record Origin(UUID nodeId, boolean wasRunning) {

        public static Origin parse(String arg) {
            String[] parts = arg.split(";", 2);
            return new Origin(UUID.fromString(parts[0]), Boolean.parseBoolean(parts[1]));
        }

        public String arg() {
            return nodeId + ";" + wasRunning;
        }
    }

    /** The old node's connection settings and name, read for the job that empties it. */
    public record Source(NodeSettings settings, String name) {
    }

    /**
     * Moves a running or stopped guest to {@code targetNodeId}, which must be an active node of the same guest type
     * in the same region with room for the whole guest.
     */
    @Transactional
    public void migrate(UUID guestId, UUID targetNodeId) {
        Guest guest = lockIdle(guestId);
        Node target = em.find(Node.class, targetNodeId);
        if (target == null) {
            throw new IllegalArgumentException("There is no such host.");
        }
        Node source = guest.node;
        if (target.id.equals(source.id)) {
            throw new IllegalStateException("The server already runs on " + target.name + ".");
        }
        if (!target.guestType.equals(source.guestType) || !target.region.id.equals(source.region.id)) {
            throw new IllegalStateException(target.name + " is not a " + source.guestType + " host in the same "
                    + "region as " + source.name + ".");
        }
        if (target.state != NodeState.ACTIVE) {
            throw new IllegalStateException(target.name + " is not taking guests (" + target.state + ").");
        }
        if (!placement.fitsGuest(target.id, new Placement.Need(guest.vcpus, guest.memoryMib, guest.diskGib))) {
            throw new NoCapacity(target.name + " has no room for this server.");
        }
        move(guest, target);
    }

    /**
     * Moves every running or stopped guest off a node in maintenance to the other active nodes of its region, each
     * placed as a new order would be. Guests that are busy, have snapshots or find no room stay; the answer says
     * which moved.
     */
    @Transactional
    public List<UUID> evacuate(UUID nodeId) {
        Node node = em.find(Node.class, nodeId, LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            throw new IllegalArgumentException("There is no such host.");
        }
        if (node.state != NodeState.MAINTENANCE) {
            throw new IllegalStateException("Put " + node.name + " in maintenance first, so no new guest lands on "
                    + "it while it empties.");
        }
        List<UUID> ids = em.createQuery("select g.id from Guest g where g.node.id = :n and g.status in :idle "
                + "order by g.id", UUID.class)
                .setParameter("n", nodeId)
                .setParameter("idle", List.of(GuestStatus.RUNNING, GuestStatus.STOPPED))
                .getResultList();
        List<UUID> moved = new ArrayList<>();
        for (UUID id : ids) {
            Guest guest = em.find(Guest.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (!isIdle(guest) || hasSnapshots(id)) {
                continue;
            }
            placement.tryChoose(node.region.id, node.guestType,
                    new Placement.Need(guest.vcpus, guest.memoryMib, guest.diskGib)).ifPresent(target -> {
                        move(guest, target);
                        moved.add(id);
                    });
        }
        return List.copyOf(moved);
    }

    @Transactional
    public Source source(UUID nodeId) {
        Node node = em.find(Node.class, nodeId);
        return new Source(node.settings(), node.name);
    }

    private void move(Guest guest, Node target) {
        Origin origin = new Origin(guest.node.id, guest.status == GuestStatus.RUNNING);
        guest.node = target;
        guest.status = GuestStatus.MIGRATING;
        guest.updatedAt = clock.instant();
        jobs.enqueue(guest.id, JobKind.MIGRATE, origin.arg());
    }

    private Guest lockIdle(UUID guestId) {
        Guest guest = em.find(Guest.class, guestId);
        if (guest == null) {
            throw new IllegalArgumentException("There is no such server.");
        }
        em.refresh(guest, LockModeType.PESSIMISTIC_WRITE);
        if (!isIdle(guest)) {
            throw new IllegalStateException("Only a running or stopped server can be moved; this one is "
                    + guest.status.label().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        if (hasSnapshots(guestId)) {
            throw new IllegalStateException("Snapshots stay with the old host; delete them before moving the "
                    + "server.");
        }
        return guest;
    }

    private static boolean isIdle(Guest guest) {
        return guest.status == GuestStatus.RUNNING || guest.status == GuestStatus.STOPPED;
    }

    private static boolean hasSnapshots(UUID guestId) {
        return GuestSnapshot.count("guestId", guestId) > 0;
    }
}
