package io.innkeeper.provisioning.node;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.innkeeper.provisioning.guest.GuestStatus;

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
        List<Node> nodes = em.createQuery("select n from Node n where n.region.id = :region and n.guestType = :type "
                + "and n.state = :active order by n.id", Node.class)
                .setParameter("region", regionId)
                .setParameter("type", guestType)
                .setParameter("active", NodeState.ACTIVE)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        if (nodes.isEmpty()) {
            throw new NoCapacity("No host in this region runs " + guestType + " servers at the moment.");
        }
        Map<UUID, long[]> used = usage(nodes);
        Node best = null;
        long bestFree = -1;
        for (Node node : nodes) {
            long[] u = used.getOrDefault(node.id, new long[3]);
            long cpuRoom = scaled(node.vcpus, node.cpuOvercommit) - u[0];
            long memRoom = scaled(node.memoryMib, node.memoryOvercommit) - u[1];
            long diskRoom = node.diskGib - u[2];
            if (cpuRoom >= need.vcpus() && memRoom >= need.memoryMib() && diskRoom >= need.diskGib()
                    && memRoom - need.memoryMib() > bestFree) {
                best = node;
                bestFree = memRoom - need.memoryMib();
            }
        }
        if (best == null) {
            throw new NoCapacity("Every host in this region is full for this plan; try a smaller plan or another "
                    + "region.");
        }
        return best;
    }

    /** Whether the node, locked for the rest of the caller's transaction, has room for {@code extra} more. */
    @Transactional(TxType.MANDATORY)
    public boolean fits(UUID nodeId, Need extra) {
        Node node = em.find(Node.class, nodeId, LockModeType.PESSIMISTIC_WRITE);
        long[] u = usage(List.of(node)).getOrDefault(node.id, new long[3]);
        return scaled(node.vcpus, node.cpuOvercommit) - u[0] >= extra.vcpus()
                && scaled(node.memoryMib, node.memoryOvercommit) - u[1] >= extra.memoryMib()
                && node.diskGib - u[2] >= extra.diskGib();
    }

    private Map<UUID, long[]> usage(List<Node> nodes) {
        List<Object[]> rows = em.createQuery("select g.node.id, sum(g.vcpus), sum(g.memoryMib), sum(g.diskGib) "
                + "from Guest g where g.node in :nodes and g.status not in :free group by g.node.id", Object[].class)
                .setParameter("nodes", nodes)
                .setParameter("free", java.util.List.of(GuestStatus.DELETED, GuestStatus.FAILED))
                .getResultList();
        Map<UUID, long[]> used = new HashMap<>();
        for (Object[] row : rows) {
            used.put((UUID) row[0], new long[] { ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue() });
        }
        return used;
    }

    private static long scaled(long capacity, BigDecimal overcommit) {
        return BigDecimal.valueOf(capacity).multiply(overcommit).longValue();
    }
}
