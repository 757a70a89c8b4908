package io.innkeeper.provisioning.node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Tuple;
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

    /** The candidate {@link PlacementRule} chooses, or {@link NoCapacity} saying why there is none. */
    private Node pick(UUID regionId, String guestType, Need need, List<Node> nodes) {
        if (nodes.isEmpty()) {
            throw new NoCapacity("No host in " + regionName(regionId) + " runs " + guestType
                    + " servers at the moment.");
        }
        Map<UUID, NodeCapacity.Load> used = usage(nodes);
        Map<UUID, Node> byId = nodes.stream().collect(Collectors.toMap(n -> n.id, n -> n));
        return PlacementRule.choose(nodes.stream().map(n -> candidate(n, used)).toList(), need)
                .map(c -> byId.get(c.node()))
                .orElseThrow(() -> new NoCapacity("Every host in " + regionName(regionId) + " is full for this plan; "
                        + "try a smaller plan or another region."));
    }

    private static PlacementRule.Candidate candidate(Node node, Map<UUID, NodeCapacity.Load> used) {
        return new PlacementRule.Candidate(node.id, NodeCapacity.of(node),
                used.getOrDefault(node.id, NodeCapacity.Load.NONE));
    }

    private String regionName(UUID regionId) {
        Region region = em.find(Region.class, regionId);
        return region == null ? "this region" : region.name;
    }

    /**
     * Whether the node, locked for the rest of the caller's transaction, has room for {@code extra} more resources
     * for a guest it already holds (a resize).
     */
    @Transactional(TxType.MANDATORY)
    public boolean fits(UUID nodeId, Need extra) {
        Node node = em.find(Node.class, nodeId, LockModeType.PESSIMISTIC_WRITE);
        return candidate(node, usage(List.of(node))).room().holds(extra);
    }

    /** Whether the node, locked for the rest of the caller's transaction, has room for one more guest of this size. */
    @Transactional(TxType.MANDATORY)
    public boolean fitsGuest(UUID nodeId, Need guest) {
        Node node = em.find(Node.class, nodeId, LockModeType.PESSIMISTIC_WRITE);
        return candidate(node, usage(List.of(node))).room().holdsGuest(guest);
    }

    /**
     * The active nodes of a region and guest type with room for one more guest of this size, by name; for a form
     * that offers them, so nothing is locked and the answer may be stale by the time the admin chooses.
     */
    @Transactional(TxType.SUPPORTS)
    public List<Node> withRoom(UUID regionId, String guestType, Need guest) {
        List<Node> nodes = candidates(regionId, guestType, false);
        Map<UUID, NodeCapacity.Load> used = nodes.isEmpty() ? Map.of() : usage(nodes);
        return nodes.stream().filter(n -> candidate(n, used).room().holdsGuest(guest))
                .sorted(java.util.Comparator.comparing(n -> n.name)).toList();
    }

    /** The active nodes of one region that run one guest type. */
    public record Pool(UUID regionId, String guestType) {
    }

    /**
     * Every active node as a candidate for a new guest, by region and guest type, with what its guests hold: what
     * {@link #choose} would weigh in each, read in two statements, nothing locked, so the answer may be stale by
     * the time an order comes (the stock a storefront shows).
     */
    @Transactional(TxType.SUPPORTS)
    public Map<Pool, List<PlacementRule.Candidate>> candidatesEverywhere() {
        List<Node> nodes = em.createQuery("select n from Node n where n.state = :active order by n.id", Node.class)
                .setParameter("active", NodeState.ACTIVE).getResultList();
        Map<UUID, NodeCapacity.Load> used = nodes.isEmpty() ? Map.of() : usage(nodes);
        Map<Pool, List<PlacementRule.Candidate>> out = new HashMap<>();
        for (Node n : nodes) {
            out.computeIfAbsent(new Pool(n.region.id, n.guestType), k -> new java.util.ArrayList<>())
                    .add(candidate(n, used));
        }
        return out;
    }

    /**
     * What the nodes' live guests take, from {@code node_load}: the database keeps one row per node as guests come,
     * go and change (V57), so this reads one row per candidate, not every live guest of the region. An order holds
     * its candidates locked, and a guest's change updates its node's row in the guest's own transaction, so the rows
     * read here are as current as the guests.
     */
    private Map<UUID, NodeCapacity.Load> usage(List<Node> nodes) {
        return loads(em, nodes.stream().map(n -> n.id).toList());
    }

    /**
     * What the live guests of {@code nodeIds} hold, from {@code node_load}. A native query, so Hibernate flushes the
     * transaction's pending guest changes first and the triggers have counted them.
     */
    static Map<UUID, NodeCapacity.Load> loads(EntityManager em, List<UUID> nodeIds) {
        List<Tuple> rows = em.createNativeQuery("select node_id, vcpus, memory_mib, disk_gib, guests "
                + "from node_load where node_id = any(:nodes)", Tuple.class)
                .setParameter("nodes", nodeIds.toArray(UUID[]::new))
                .getResultList();
        Map<UUID, NodeCapacity.Load> used = new HashMap<>();
        for (Tuple row : rows) {
            used.put(row.get("node_id", UUID.class), load(row));
        }
        return used;
    }

    static NodeCapacity.Load load(Tuple row) {
        return new NodeCapacity.Load(number(row, "vcpus"), number(row, "memory_mib"), number(row, "disk_gib"),
                number(row, "guests"));
    }

    private static long number(Tuple row, String column) {
        return row.get(column, Number.class).longValue();
    }
}
