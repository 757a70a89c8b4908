package io.innkeeper.provisioning.node;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;


/**
 * Chooses a node for a new guest. The candidate nodes are locked for the rest of the caller's transaction, so
 * two concurrent orders cannot both take a node's last room.
 */
@ApplicationScoped
public class Placement {

    @Inject
    EntityManager em;

    /** Resources a guest takes on its node. */
    public record Need(int vcpus, long memoryMib, long diskGib) {
    }

    @Transactional(TxType.MANDATORY)
    public Node choose(UUID regionId, String guestType, Need need) {
        return pick(regionId, guestType, need, candidates(regionId, guestType, true));
    }

    /**
     * {@link #choose}, answering empty where it would throw: a caller placing several guests in one transaction
     * goes on with the next, and the transaction stays good (an exception out of here would mark it rollback-only).
     */
    @Transactional(TxType.MANDATORY)
    public Optional<Node> tryChoose(UUID regionId, String guestType, Need need) {
        try {
            return Optional.of(pick(regionId, guestType, need, candidates(regionId, guestType, true)));
        } catch (NoCapacity full) {
            return Optional.empty();
        }
    }

    /**
     * The node {@link #choose} would take right now, for a dry run: the same candidates and arithmetic, but no row
     * is locked and nothing is written, so the answer may be stale by the time an order comes.
     *
     * @throws NoCapacity with the message {@link #choose} would give
     */
    @Transactional(TxType.SUPPORTS)
    public Node wouldChoose(UUID regionId, String guestType, Need need) {
        return pick(regionId, guestType, need, candidates(regionId, guestType, false));
    }

    private List<Node> candidates(UUID regionId, String guestType, boolean lock) {
        var query = em.createQuery("select n from Node n where n.region.id = :region and n.guestType = :type "
                + "and n.state = :active order by n.id", Node.class)
                .setParameter("region", regionId)
                .setParameter("type", guestType)
                .setParameter("active", NodeState.ACTIVE);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultList();
    }

    /** The candidate with the most memory left after {@code need}, among those with room for all of it. */
    private Node pick(UUID regionId, String guestType, Need need, List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new NoCapacity("No host in " + regionName(regionId) + " runs " + guestType
                    + " servers at the moment.");
        }
        Map<UUID, long[]> used = usage(nodes);
        Node best = null;
        long bestFree = -1;
        for (Node node : nodes) {
            long[] room = room(node, used.getOrDefault(node.id, new long[4]));
            if (hasRoomForGuest(room, need) && room[1] - need.memoryMib() > bestFree) {
                best = node;
                bestFree = room[1] - need.memoryMib();
            }
        }
        if (best == null) {
            throw new NoCapacity("Every host in " + regionName(regionId) + " is full for this plan; try a smaller "
                    + "plan or another region.");
        }
        return best;
    }

    private String regionName(UUID regionId) {
        Region region = em.find(Region.class, regionId);
        return region == null ? "this region" : region.name;
    }

    /**
     * vCPUs, memory, disk and guest places the node has left, overcommit included, given what its guests
     * {@code used}.
     */
    private static long[] room(Node node, long[] used) {
        return new long[] { scaled(node.vcpus, node.cpuOvercommit) - used[0],
                scaled(node.memoryMib, node.memoryOvercommit) - used[1], node.diskGib - used[2],
                node.maxGuests == null ? Long.MAX_VALUE : node.maxGuests - used[3] };
    }

    private static boolean hasRoom(long[] room, Need need) {
        return room[0] >= need.vcpus() && room[1] >= need.memoryMib() && room[2] >= need.diskGib();
    }

    private static boolean hasRoomForGuest(long[] room, Need need) {
        return hasRoom(room, need) && room[3] >= 1;
    }

    /**
     * Whether the node, locked for the rest of the caller's transaction, has room for {@code extra} more resources
     * for a guest it already holds (a resize).
     */
    @Transactional(TxType.MANDATORY)
    public boolean fits(UUID nodeId, Need extra) {
        Node node = em.find(Node.class, nodeId, LockModeType.PESSIMISTIC_WRITE);
        return hasRoom(room(node, usage(List.of(node)).getOrDefault(node.id, new long[4])), extra);
    }

    /** Whether the node, locked for the rest of the caller's transaction, has room for one more guest of this size. */
    @Transactional(TxType.MANDATORY)
    public boolean fitsGuest(UUID nodeId, Need guest) {
        Node node = em.find(Node.class, nodeId, LockModeType.PESSIMISTIC_WRITE);
        return hasRoomForGuest(room(node, usage(List.of(node)).getOrDefault(node.id, new long[4])), guest);
    }

    /**
     * The active nodes of a region and guest type with room for one more guest of this size, by name; for a form
     * that offers them, so nothing is locked and the answer may be stale by the time the admin chooses.
     */
    @Transactional(TxType.SUPPORTS)
    public List<Node> withRoom(UUID regionId, String guestType, Need guest) {
        List<Node> nodes = candidates(regionId, guestType, false);
        Map<UUID, long[]> used = nodes.isEmpty() ? Map.of() : usage(nodes);
        return nodes.stream().filter(n -> hasRoomForGuest(room(n, used.getOrDefault(n.id, new long[4])), guest))
                .sorted(java.util.Comparator.comparing(n -> n.name)).toList();
    }

    /**
     * What the nodes' live guests take, from {@code node_load}: the database keeps one row per node as guests come,
     * go and change (V57), so this reads one row per candidate, not every live guest of the region. An order holds
     * its candidates locked, and a guest's change updates its node's row in the guest's own transaction, so the rows
     * read here are as current as the guests.
     */
    private Map<UUID, long[]> usage(List<Node> nodes) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select node_id, vcpus, memory_mib, disk_gib, guests "
                + "from node_load where node_id = any(:nodes)")
                .setParameter("nodes", nodes.stream().map(n -> n.id).toArray(UUID[]::new))
                .getResultList();
        Map<UUID, long[]> used = new HashMap<>();
        for (Object[] row : rows) {
            used.put((UUID) row[0], new long[] { ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue(), ((Number) row[4]).longValue() });
        }
        return used;
    }

    private static long scaled(long capacity, BigDecimal overcommit) {
        return BigDecimal.valueOf(capacity).multiply(overcommit).longValue();
    }
}
